import { netflixTable } from "./table.js";

/** `ACCOUNT/AccountDetails.csv`: the account holder's name, e-mail, phone and preferences. */
export const accountImporter = netflixTable({
  id: "netflix.account",
  title: "Netflix account details",
  fileName: /^AccountDetails\.csv$/i,
  required: ["Email Address", "Customer Creation Timestamp"],
  known: [
    "First Name",
    "Last Name",
    "Phone Number",
    "Country Of Registration",
    "Country Of Signup",
    "Primary Lang",
    "Membership Status",
    "Has Rejoined",
  ],
  kind: "account",
  // An account outlives changes of e-mail or phone; its creation time does not change.
  key: ["customer_creation_timestamp"],
  time: ["customer_creation_timestamp"],
  // The title is searchable and untagged, so it names no one.
  recordTitle: () => "Netflix account",
  flags: [
    "cookie_disclosure",
    "has_rejoined",
    "netflix_updates",
    "now_on_netflix",
    "netflix_offers",
    "netflix_surveys",
    "netflix_kids_and_family",
    "sms_account_related",
    "sms_content_updates_and_special_offers",
    "test_participation",
    "whats_app",
    "marketing_communications_matched_identifiers",
  ],
  fieldSensitivity: {
    first_name: { level: 3, categories: ["identifier"], reason: "account holder's name" },
    last_name: { level: 3, categories: ["identifier"], reason: "account holder's name" },
    email_address: { level: 3, categories: ["contact", "identifier"], reason: "account e-mail address" },
    phone_number: { level: 3, categories: ["contact", "identifier"], reason: "account phone number" },
    country_of_registration: { level: 2, categories: ["location"], reason: "country of registration" },
    country_of_signup: { level: 2, categories: ["location"], reason: "country of sign-up" },
  },
});
