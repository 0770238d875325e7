import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { readAll } from "../read-all.js";
import { devicesImporter as importer } from "./devices.js";

const { records, errors } = await readAll(importer, await fileInputFromPath(fixture("netflix", "DEVICES", "Devices.csv")));

describe("Netflix devices (Devices.csv)", () => {
  it("keeps each profile's devices, dated to the profile's first playback on them", () => {
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.fields.profile, record.title, record.time])).toEqual([
      ["device", "Anna", "Samsung 2019 UHD TV", new Date("2021-11-29T21:04:49Z")],
      // Ben's row has no profile dates: the account's first playback stands in.
      ["device", "Ben", "Chrome PC (Cadmium)", new Date("2021-12-01T00:17:58Z")],
    ]);
    expect(records[1]!.fields).toMatchObject({ deactivation_time: "2023-03-10T08:00:00Z", acct_last_playback_date: "2023-03-04T19:00:00Z" });
  });

  it("tags the device serial number highly sensitive and keys by its digest only", () => {
    expect(records[0]!.fields.esn).toBe("NFANDROID2-PRV-SAMSUNG19-000000000000000000000001");
    expect(importer.fieldSensitivity!.esn).toMatchObject({ level: 3, categories: ["device", "identifier"] });
    expect(records[0]!.naturalKey).toMatch(/^device\|Anna\|#[0-9a-f]{16}$/);
    expect(records[0]!.naturalKey).not.toContain("NFANDROID");
  });
});
