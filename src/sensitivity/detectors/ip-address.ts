import ipaddr from "ipaddr.js";
import { matchesOf } from "../../../importers/text.js";
import type { Detection } from "./types.js";

const IPV4 = /(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d]|\.\d)/g;
const IPV6 = /(?:[0-9A-Fa-f]{1,4}:|:){2,7}(?::|[0-9A-Fa-f]{1,4})(?![\w:])/y;
const HEX_OR_COLON = /[0-9A-Fa-f:]/;
/** "version 1.2.3.4", "v10.2.3.4", "Build 4.0.0.1": four-part version numbers look like addresses. */
const VERSION_BEFORE = /(?:\bv|version|ver\.?|build|release|update|upgrade to|firmware|app)\s*$/i;
/** Addresses that say nothing about who or where someone is: private networks, loopback, … */
const NOT_IDENTIFYING = new Set(["private", "loopback", "linkLocal", "unspecified", "broadcast", "uniqueLocal", "multicast", "reserved", "carrierGradeNat"]);

/**
 * IP addresses that ipaddr.js parses, on public networks (a 192.168.x.x address identifies no
 * one), and not written as a version number.
 */
export function detectIpAddresses(text: string): Detection[] {
  const found: Detection[] = [];
  if (text.includes(".")) {
    for (const match of matchesOf(IPV4, text)) {
      if (!ipaddr.IPv4.isValidFourPartDecimal(match[0])) continue;
      if (VERSION_BEFORE.test(text.slice(Math.max(0, match.index - 20), match.index))) continue;
      if (NOT_IDENTIFYING.has(ipaddr.IPv4.parse(match[0]).range())) continue;
      found.push(span(match.index, match[0]));
    }
  }
  // IPv6 candidates start a few hex digits before a colon: found from the colons, as a regex
  // trying every hex letter of a text (a, b, c, … are most letters of English) would be slow.
  if (!text.includes("::") && !hasColons(text, 7)) return found; // neither "::" nor the 7 colons of a full address
  for (let colon = text.indexOf(":"); colon >= 0; colon = text.indexOf(":", colon + 1)) {
    let start = colon;
    while (start > 0 && HEX_OR_COLON.test(text[start - 1]!)) start--;
    if (start > 0 && /\w/.test(text[start - 1]!)) continue;
    IPV6.lastIndex = start;
    const match = IPV6.exec(text);
    if (!match || !ipaddr.IPv6.isValid(match[0]) || NOT_IDENTIFYING.has(ipaddr.IPv6.parse(match[0]).range())) continue;
    found.push(span(start, match[0]));
    colon = start + match[0].length;
  }
  return found;
}

function hasColons(text: string, wanted: number): boolean {
  for (let at = text.indexOf(":"), seen = 0; at >= 0; at = text.indexOf(":", at + 1)) if (++seen === wanted) return true;
  return false;
}

function span(start: number, address: string): Detection {
  return { start, end: start + address.length, category: "identifier", detector: "ip-address", level: 3, label: "IP address" };
}
