import { describe, expect, it } from "vitest";
import { detectIpAddresses } from "./ip-address.js";

const found = (text: string) => detectIpAddresses(text).map((span) => text.slice(span.start, span.end));

describe("detectIpAddresses", () => {
  it("finds public IPv4 and IPv6 addresses", () => {
    expect(found("Login from new IP 81.2.69.160 detected")).toEqual(["81.2.69.160"]);
    expect(found("seen from 2a00:1450:4001:81b::200e yesterday")).toEqual(["2a00:1450:4001:81b::200e"]);
  });

  it("ignores version numbers, out-of-range octets, private and documentation networks, and times", () => {
    expect(found("Upgrade to version 10.2.3.4 or v1.2.3.4 now; 300.1.1.1; router 192.168.1.1; docs 203.0.113.77; at 12:30:45")).toEqual([]);
  });
});
