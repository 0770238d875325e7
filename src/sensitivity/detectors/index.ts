import { detectCoordinates } from "./coordinates.js";
import { detectCredentials } from "./credentials.js";
import { detectDatesOfBirth } from "./date-of-birth.js";
import { detectEmails } from "./email.js";
import { detectIbans } from "./iban.js";
import { detectIpAddresses } from "./ip-address.js";
import { detectNationalIds } from "./national-id.js";
import { detectPaymentCards } from "./payment-card.js";
import { detectPhones } from "./phone.js";
import { detectPostalAddresses } from "./postal-address.js";
import { detectSpecialCategories } from "./special-categories.js";
import type { Detection, Detector, ScanContext } from "./types.js";

export type { Detection, ScanContext } from "./types.js";

/**
 * The detectors of values with a shape, most specific first: where two claim the same characters
 * (an IBAN's digits read as a card or a phone number) the earlier one keeps them.
 */
const SHAPED: Detector[] = [
  detectCredentials,
  detectIbans,
  detectPaymentCards,
  detectNationalIds,
  detectEmails,
  detectIpAddresses,
  detectCoordinates,
  detectDatesOfBirth,
  detectPostalAddresses,
  detectPhones,
];

/** Everything sensitive the detectors find in a text, in order of position. */
export function detectSensitive(text: string, context: ScanContext): Detection[] {
  const found: Detection[] = [];
  for (const detector of SHAPED) {
    for (const detection of detector(text, context)) {
      if (!found.some((other) => detection.start < other.end && other.start < detection.end)) found.push(detection);
    }
  }
  found.push(...detectSpecialCategories(text, context));
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}
