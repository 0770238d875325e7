import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../test/real-world.js";
import { readAll } from "../read-all.js";
import { myListImporter as importer } from "./my-list.js";

const read = async (path: string) => readAll(importer, await fileInputFromPath(path));

describe("Netflix My List (MyList.csv)", () => {
  it("keeps every profile's saved titles, dated to the day they were added", async () => {
    const { records, errors } = await read(fixture("netflix", "CONTENT_INTERACTION", "MyList.csv"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.fields.profile, record.title, record.time])).toEqual([
      ["list_item", "Anna", "Dark", new Date("2023-01-15T00:00:00Z")],
      ["list_item", "Anna", "1899", new Date("2023-02-20T00:00:00Z")],
      ["list_item", "Ben", "Wednesday", new Date("2022-11-25T00:00:00Z")],
      ["list_item", "Ben", "The Queen’s Gambit", new Date("2021-01-03T00:00:00Z")],
    ]);
    expect(records[0]).toMatchObject({
      naturalKey: "list_item|Anna|Dark|2023-01-15",
      fields: { profile: "Anna", title: "Dark", list: "My List", country: "Germany", utc_title_add_date: "2023-01-15", time_precision: "day" },
    });
  });
});

describe.skipIf(!hasRealWorld)("Netflix My List, real-world sample", () => {
  it("reads the seven titles of two profiles", async () => {
    const { records, errors } = await read(realWorld("netflix", "CONTENT_INTERACTION", "MyList.csv"));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(7);
    expect(records.filter((record) => record.fields.profile === "Ricky").map((record) => record.title)).toEqual([
      "Baggio: The Divine Ponytail",
      "Rick and Morty",
      "Peaky Blinders",
    ]);
    expect(records.filter((record) => record.fields.profile === "davide")).toHaveLength(4);
  });
});
