import { matchesOf } from "../../../importers/text.js";
import type { Detection } from "./types.js";

/** "password: x", "Passwort ist x", "mot de passe : x": the word after, if it looks like a password. */
const PASSWORD =
  /(?<![A-Za-zÀ-ÿ])(?:password|passwort|kennwort|contraseña|clave|mot de passe|mdp|pwd|passcode)\s*(?::|=|\bis\b|\bist\b|\blautet\b|\bes\b|\best\b|\bè\b)\s*["'«„]?([^\s"'«»“”<>]{4,64})/gi;

/** Vendors' key formats: OpenAI/Stripe `sk-`, GitHub `ghp_`…, AWS `AKIA`, Slack `xox?-`, Google `AIza`, GitLab, JWTs, PEM keys. */
const KNOWN_KEYS =
  /(?<![\w-])(?:sk-(?:proj-)?[A-Za-z0-9_-]{20,}|(?:sk|rk|pk)_live_[A-Za-z0-9]{16,}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|(?:AKIA|ASIA)[0-9A-Z]{16}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|glpat-[A-Za-z0-9_-]{20,}|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})(?![\w-])|-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP )?PRIVATE KEY( BLOCK)?-----/g;

/** A long random-looking token shortly after "key", "token" or "secret". */
const NAMED_SECRET = /(?:api[ _-]?key|access[ _-]?key|secret|token|bearer)\W{0,12}([A-Za-z0-9_+/=-]{24,})/gi;

/** A 4–8 digit code shortly after words announcing a one-time code, in five languages. */
const ONE_TIME_CODE =
  /(?<![A-Za-zÀ-ÿ])(?:code|otp|pin|tan|verification|verify|one-time|bestätigungscode|sicherheitscode|einmalcode|código|codice|vérification)(?![A-Za-zÀ-ÿ])[^\d\n]{0,30}?(?<![\d-])(G-\d{6}|\d{4,8})(?![\d-])/gi;
/** "postal code 10969", "Postleitzahl", "codice postale": codes that are no secret. */
const NOT_A_SECRET_CODE = /(?:zip|postal|post|area|country|dial|promo|discount|rabatt|tracking|postale|código postal)[\s-]*$/i;

/** Cheap checks (on the lower-cased text) that spare each pattern a text it cannot match. */
const MAY_HOLD_PASSWORD = /pass|wort|contrase|clave|mdp|pwd/;
const MAY_NAME_SECRET = /key|secret|token|bearer/;
/** What every vendor key holds (on the text as it is): KNOWN_KEYS's lookbehind tried at every character took a fifth of tagging. */
const MAY_HOLD_KNOWN_KEY = /sk-|_live_|gh[pousr]_|github_pat_|AKIA|ASIA|xox[abposr]-|AIza|glpat-|eyJ|-----BEGIN/;

/** Passwords, API keys and tokens, and one-time codes. */
export function detectCredentials(text: string): Detection[] {
  const found: Detection[] = [];
  const lower = text.toLowerCase();
  const add = (start: number, end: number, label: string) => found.push({ start, end, category: "credentials", detector: "credentials", level: 3, label });

  for (const match of MAY_HOLD_PASSWORD.test(lower) ? matchesOf(PASSWORD, text) : []) {
    // Sentence punctuation after the password is not part of it; "!" and "?" often are.
    const secret = match[1]!.replace(/[.,;)]+$/, "");
    // A plain lower-case word after "password:" is prose ("password: changed"), not a password.
    if (secret.length < 4 || /^[a-zà-ÿ]+$/.test(secret)) continue;
    const start = match.index + match[0].length - match[1]!.length;
    add(start, start + secret.length, "password");
  }
  for (const match of MAY_HOLD_KNOWN_KEY.test(text) ? matchesOf(KNOWN_KEYS, text) : []) add(match.index, match.index + match[0].length, "API key or token");
  for (const match of MAY_NAME_SECRET.test(lower) ? matchesOf(NAMED_SECRET, text) : []) {
    const token = match[1]!;
    if (entropyPerChar(token) < 3.5 || !/\d/.test(token) || !/[A-Za-z]/.test(token)) continue;
    const start = match.index + match[0].length - token.length;
    if (!found.some((span) => span.start <= start && span.end >= start + token.length)) add(start, start + token.length, "secret token");
  }
  for (const match of /\d{4}/.test(text) ? matchesOf(ONE_TIME_CODE, text) : []) {
    const code = match[1]!;
    if (/^(?:19|20)\d\d$/.test(code) || NOT_A_SECRET_CODE.test(text.slice(Math.max(0, match.index - 20), match.index))) continue;
    const start = match.index + match[0].length - code.length;
    add(start, start + code.length, "one-time code");
  }
  return found;
}

/** Shannon entropy in bits per character: random keys score above 3.5, words and ids below. */
function entropyPerChar(token: string): number {
  const counts = new Map<string, number>();
  for (const char of token) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) entropy -= (n / token.length) * Math.log2(n / token.length);
  return entropy;
}
