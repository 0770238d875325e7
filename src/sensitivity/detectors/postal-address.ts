import { matchesOf } from "../../../importers/text.js";
import type { Detection } from "./types.js";

/** Letters of the languages the patterns cover, as a class body (JS `\w` knows only ASCII). */
const L = "A-Za-zÀ-ÖØ-öø-ÿ";
const CAP = "A-ZÀ-ÖØ-Þ";

/**
 * Street and house number as each country writes them, with the postcode and town when they
 * follow. A street name alone (a "Via Roma" in a film title) or a number alone is no address.
 */
const PATTERNS: RegExp[] = [
  // US / UK: "742 Evergreen Terrace, Springfield, OR 97403", "10 Downing Street, London SW1A 2AA"
  new RegExp(
    `(?<![${L}\\d])\\d{1,5}[A-Za-z]?(?: [${CAP}][${L}'-]+){1,3} (?:Street|St\\.?|Avenue|Ave\\.?|Road|Rd\\.?|Boulevard|Blvd\\.?|Drive|Dr\\.?|Lane|Ln\\.?|Way|Court|Ct\\.?|Place|Pl\\.?|Terrace|Close|Crescent|Gardens|Square|Parkway|Pkwy\\.?|Highway|Hwy\\.?)(?![${L}])` +
      `(?:,? (?:Apt|Suite|Unit|Flat)\\.? ?[\\w-]+)?(?:, [${CAP}][a-zß-öø-ÿ'-]+(?: [${CAP}][a-zß-öø-ÿ'.-]+)*)?(?:,? [A-Z]{2} \\d{5}(?:-\\d{4})?|,? [A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2})?`,
    "g",
  ),
  // DE: "Lindenstraße 42, 10969 Berlin", "Berliner Str. 5a", "Am Alten Weg 3"
  new RegExp(
    `(?<![${L}])(?:[${CAP}][${L}-]*(?:straße|strasse|str\\.|weg|gasse|allee|platz|ring|damm|ufer|chaussee)|(?:[${CAP}][${L}-]+ ){1,2}(?:Straße|Strasse|Str\\.|Weg|Gasse|Allee|Platz|Ring|Damm|Ufer|Chaussee)) \\d{1,4} ?[a-z]?(?![${L}\\d])(?:, \\d{5} [${CAP}][${L}-]+)?`,
    "g",
  ),
  // IT: "Via Giuseppe Verdi 12, 20121 Milano", "Piazza del Duomo, 1"
  new RegExp(
    `(?<![${L}])(?:Via|Viale|V\\.le|Piazza|P\\.zza|Piazzale|Corso|C\\.so|Largo|Vicolo)(?: [${L}'.]+){1,5},? \\d{1,4}[A-Za-z]?(?![${L}\\d])(?:,? \\d{5} [${CAP}][${L}-]+)?`,
    "g",
  ),
  // ES: "Calle Mayor 15, 28013 Madrid", "Avda. de la Constitución, nº 3"
  new RegExp(
    `(?<![${L}])(?:Calle|C/|Avenida|Avda\\.|Plaza|Pza\\.|Paseo|Camino|Carrer|Ronda|Travesía)(?: [${L}'.]+){1,5},? (?:nº ?)?\\d{1,4}(?![${L}\\d])(?:,? \\d{5} [${CAP}][${L}-]+)?`,
    "g",
  ),
  // FR: "12 rue de la Paix, 75002 Paris", "3 bis avenue Foch"
  new RegExp(
    `(?<![${L}\\d])\\d{1,4}(?: ?(?:bis|ter))?,? (?:rue|avenue|av\\.|boulevard|bd|place|chemin|allée|impasse|quai|route|cours)(?: [${L}'-]+){1,5}(?:,? \\d{5} [${CAP}][${L}-]+)?`,
    "gi",
  ),
];

/** Postal addresses: street and house number in US, UK, German, Italian, Spanish and French form. */
export function detectPostalAddresses(text: string): Detection[] {
  // Every form has a space beside the number or the street: a link or an id has none.
  if (!/\d/.test(text) || !text.includes(" ")) return [];
  const found: Detection[] = [];
  for (const pattern of PATTERNS) {
    for (const match of matchesOf(pattern, text)) {
      found.push({ start: match.index, end: match.index + match[0].length, category: "location", detector: "postal-address", level: 3, label: "postal address" });
    }
  }
  return found;
}
