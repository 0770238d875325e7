import { netflixTable, textField } from "./table.js";

/** `PROFILES/Profiles.csv`: the profiles sharing the account, with their settings. */
export const profilesImporter = netflixTable({
  id: "netflix.profiles",
  title: "Netflix profiles",
  fileName: /^Profiles\.csv$/i,
  required: ["Profile Name", "Profile Creation Time"],
  known: ["Email Address", "Maturity Level", "Primary Lang", "Has Auto Playback", "Max Stream Quality", "Profile Lock Enabled"],
  kind: "profile",
  key: ["profile", "profile_creation_time"],
  time: ["profile_creation_time"],
  recordTitle: (fields) => textField(fields, "profile"),
  flags: ["has_auto_playback", "profile_lock_enabled", "profile_transferred", "opt_out"],
  fieldSensitivity: {
    email_address: { level: 3, categories: ["contact", "identifier"], reason: "profile e-mail address" },
    date_of_birth: { level: 3, categories: ["identifier"], reason: "date of birth" },
    gender: { level: 2, reason: "gender" },
    profile_transferred_from_account: { level: 3, categories: ["identifier"], reason: "another account's identifier" },
    profile_transferred_to_account: { level: 3, categories: ["identifier"], reason: "another account's identifier" },
  },
});
