import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../test/real-world.js";
import { readAll } from "../read-all.js";
import { profilesImporter as importer } from "./profiles.js";

const read = async (path: string) => readAll(importer, await fileInputFromPath(path));

describe("Netflix profiles (Profiles.csv)", () => {
  it("keeps every profile with its settings, dated to its creation", async () => {
    const { records, errors } = await read(fixture("netflix", "PROFILES", "Profiles.csv"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.title, record.time])).toEqual([
      ["profile", "Anna", new Date("2021-11-27T17:20:06Z")],
      ["profile", "Ben", new Date("2021-11-29T21:03:21Z")],
      ["profile", "Kinder", new Date("2021-11-29T21:05:00Z")],
    ]);
    expect(records[1]!.fields).toEqual({
      profile: "Ben",
      profile_creation_time: "2021-11-29T21:03:21Z",
      maturity_level: "1000000",
      primary_lang: "en-GB",
      has_auto_playback: false,
      max_stream_quality: "HD",
      profile_lock_enabled: true,
    });
    expect(records[0]!.fields.email_address).toBe("anna@example.org");
    expect(importer.fieldSensitivity!.email_address).toMatchObject({ level: 3, categories: ["contact", "identifier"] });
  });
});

describe.skipIf(!hasRealWorld)("Netflix profiles, real-world sample", () => {
  it("reads the five profiles", async () => {
    const { records, errors } = await read(realWorld("netflix", "PROFILES", "Profiles.csv"));
    expect(errors).toEqual([]);
    expect(records.map((record) => record.title)).toEqual(["Ospiti", "Bea", "Ricky", "Ringhio", "davide"]);
    expect(records[4]!.fields.email_address).toBe("davide@gmail.it");
  });
});
