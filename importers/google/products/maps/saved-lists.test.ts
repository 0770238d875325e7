import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../../../src/import/file-input.js";
import { fixture } from "../../../../test/fixtures.js";
import { readAll } from "../../../read-all.js";
import { savedListsImporter as importer } from "./saved-lists.js";

const input = (folder: string, name: string) => fileInputFromPath(fixture("google", "products", folder, name), `Takeout/${folder}/${name}`);

describe("Google Maps saved lists (Saved/<list>.csv)", () => {
  it("names the list by the file and skips the empty description row", async () => {
    const file = await input("Saved", "Want to go.csv");
    expect(importer.detect(file)).toBe(1);
    const { records, errors } = await readAll(importer, file);
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.title, record.fields.list, record.resume])).toEqual([
      ["list_item", "Café Einstein Stammhaus", "Want to go", 2],
      ["list_item", "Tempelhofer Feld", "Want to go", 3],
    ]);
    expect(records[0]!.fields.note).toBe("Try the apple strudel");
    expect(records[0]!.url).toMatch(/^https:\/\/www\.google\.com\/maps\/place\/Caf/);
  });

  it("keeps the comment of newer exports and reports a row naming no place", async () => {
    const { records, errors } = await readAll(importer, await input("Saved", "Favourite places.csv"));
    expect(records).toHaveLength(1);
    expect(records[0]!.fields).toMatchObject({ list: "Favourite places", title: "Dishoom Shoreditch", comment: "Book ahead on weekends" });
    expect(errors).toEqual([{ type: "error", at: "row 3", message: "neither title nor URL" }]);
  });

  it("reads a German list, whose header is translated", async () => {
    const file = await input("Gespeichert", "Möchte ich hin.csv");
    expect(importer.detect(file)).toBe(1);
    const { records } = await readAll(importer, file);
    expect(records.map((record) => [record.title, record.fields.note, record.fields.list])).toEqual([["Brandenburger Tor", "Mit Oma", "Möchte ich hin"]]);
  });
});
