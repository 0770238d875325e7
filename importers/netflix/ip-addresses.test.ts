import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { readAll } from "../read-all.js";
import { ipAddressesImporter as importer } from "./ip-addresses.js";

const read = async (name: string) => readAll(importer, await fileInputFromPath(fixture("netflix", "IP_ADDRESSES", name)));

describe("Netflix IP addresses (IP_ADDRESSES/*.csv)", () => {
  it("reads logins with their address, device and region", async () => {
    const { records, errors } = await read("IpAddressesLogin.csv");
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.title, record.fields.ip, record.time])).toEqual([
      ["login", "Samsung 2019 UHD TV", "203.0.113.7", new Date("2023-03-04T20:50:00Z")],
      ["login", "Chrome PC (Cadmium)", "2001:db8::42", new Date("2023-03-04T18:55:12Z")],
    ]);
    expect(records[0]!.fields).toMatchObject({ country: "DE", region_code: "BE" });
  });

  it("reads streaming sessions, and reports a row with an unreadable time", async () => {
    const { records, errors } = await read("IpAddressesStreaming.csv");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: "streaming_session",
      time: new Date("2023-03-04T21:15:02Z"),
      fields: { localized_device_description: "Samsung-Fernseher", region_code_display_name: "Berlin" },
    });
    expect(errors).toEqual([{ type: "error", at: "row 2", message: 'unreadable ts "not a time"' }]);
  });

  it("reads older exports' camelCase columns into the same fields", async () => {
    const { records } = await read("IpAddressesStreaming-2021.csv");
    expect(records[0]).toMatchObject({
      kind: "streaming_session",
      title: "Chrome PC (Cadmium)",
      time: new Date("2021-12-01T00:17:58Z"),
      fields: { ip: "198.51.100.23", localized_device_description: "Chrome PC", region_code_display_name: "London" },
    });
  });

  it("tags addresses and serial numbers highly sensitive and keeps them out of keys", async () => {
    const { records } = await read("IpAddressesLogin.csv");
    expect(importer.fieldSensitivity!.ip).toMatchObject({ level: 3, categories: ["identifier", "location"] });
    expect(importer.fieldSensitivity!.esn).toMatchObject({ level: 3, categories: ["device", "identifier"] });
    expect(records[0]!.naturalKey).toMatch(/^login\|2023-03-04 20:50:00\|#[0-9a-f]{16}\|#[0-9a-f]{16}$/);
    expect(records[0]!.naturalKey).not.toContain("203.0.113.7");
  });
});
