import { matchesOf } from "../../../importers/text.js";
import type { Detection } from "./types.js";

const CANDIDATE = /[A-Za-z0-9._%+'-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/** E-mail addresses whose local part and domain follow the RFC 5321 limits. */
export function detectEmails(text: string): Detection[] {
  if (!text.includes("@")) return [];
  const found: Detection[] = [];
  for (const match of matchesOf(CANDIDATE, text)) {
    const address = match[0];
    const at = address.indexOf("@");
    const local = address.slice(0, at);
    if (local.length > 64 || address.length > 254) continue;
    if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) continue;
    found.push({ start: match.index, end: match.index + address.length, category: "contact", detector: "email", level: 3, label: "e-mail address" });
  }
  return found;
}
