import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../../../src/import/file-input.js";
import { fixture } from "../../../../test/fixtures.js";
import { readAll } from "../../../read-all.js";
import { savedPlacesImporter as importer } from "./saved-places.js";

const input = (folder: string, name: string) => {
  const path = fixture("google", "products", folder, name);
  return fileInputFromPath(path, `Takeout/${folder}/${name}`);
};

describe("Google Maps saved places (Saved Places.json)", () => {
  it("reads the older title-case export, without inventing coordinates for a place that has none", async () => {
    const file = await input("Maps (your places)", "Saved Places.json");
    expect(importer.detect(file)).toBe(1);
    const { records, errors } = await readAll(importer, file);
    expect(records.map((record) => [record.kind, record.title, record.time])).toEqual([
      ["list_item", "Hotel Adlon Kempinski", new Date("2019-06-02T08:00:00Z")],
      ["list_item", "Tante Emma Laden", new Date("2017-01-15T12:00:00Z")],
    ]);
    expect(records[0]).toMatchObject({
      url: "http://maps.google.com/?cid=5557711771929398458",
      fields: {
        list: "Saved places",
        address: "Unter den Linden 77, 10117 Berlin, Germany",
        business_name: "Hotel Adlon Kempinski",
        country_code: "DE",
        latitude: 52.5162,
        longitude: 13.38,
        published: "2018-04-01T10:21:07Z",
      },
    });
    expect(records[1]!.fields).not.toHaveProperty("latitude");
    expect(records[1]!.fields.comment).toBe("No location information is available for this saved place");
    expect(errors).toEqual([{ type: "error", at: "item 3", message: "expected a GeoJSON Feature with properties" }]);
    expect(importer.fieldSensitivity?.latitude?.level).toBe(3);
  });

  it("reads the 2024+ lowercase export under its German name", async () => {
    const file = await input("Maps (Meine Orte)", "Gespeicherte Orte.json");
    expect(importer.detect(file)).toBe(1);
    const { records, errors } = await readAll(importer, file);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      title: "Neues Rathaus",
      time: new Date("2024-03-09T17:44:12Z"),
      fields: { name: "Neues Rathaus", address: "Marienplatz 1, 80331 München, Deutschland", latitude: 48.1374, longitude: 11.5755 },
    });
    expect(records[1]!.fields).not.toHaveProperty("longitude");
    expect(records[0]!.naturalKey).toMatch(/^list_item\|Saved places\|#[0-9a-f]{16}$/);
  });

  it("reads the Italian export, and keeps the same key for the same place in a later export", async () => {
    const { records } = await readAll(importer, await input("Maps (I tuoi luoghi)", "Luoghi salvati.json"));
    expect(records.map((record) => record.title)).toEqual(["Colosseo"]);
    const again = await readAll(importer, await input("Maps (I tuoi luoghi)", "Luoghi salvati.json"));
    expect(again.records[0]!.naturalKey).toBe(records[0]!.naturalKey);
  });
});
