import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../../src/import/file-input.js";
import { fixture } from "../../../test/fixtures.js";
import { readAll } from "../../read-all.js";
import { googleLocationImporters } from "./index.js";
import { settingsImporter as importer } from "./settings.js";

const ownFixture = fixture("google", "location", "Location History (Timeline)", "Settings.json");

describe("Google Location History settings (Settings.json)", () => {
  it("is recognised, by this importer alone, and yields nothing", async () => {
    const file = await fileInputFromPath(ownFixture);
    expect(googleLocationImporters.map((each) => each.detect(file))).toEqual([0, 0, 1, 0, 0]);
    expect(await readAll(importer, file)).toEqual({ records: [], errors: [] });
  });

  it("needs two of its own members", () => {
    expect(importer.detect(fileInputFromBuffer("Settings.json", '{"historyEnabled":true}'))).toBe(0);
    expect(importer.detect(fileInputFromBuffer("settings.json", '{"retentionWindowDays":540,"hasSetRetention":true}'))).toBe(1);
    expect(importer.detect(fileInputFromBuffer("other.json", '{"retentionWindowDays":540,"hasSetRetention":true}'))).toBe(0.9);
  });
});
