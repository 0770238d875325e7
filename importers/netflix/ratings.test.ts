import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { readAll } from "../read-all.js";
import { ratingsImporter as importer } from "./ratings.js";

describe("Netflix ratings (Ratings.csv)", () => {
  it("reads thumbs and stars as what they mean", async () => {
    const { records, errors } = await readAll(importer, await fileInputFromPath(fixture("netflix", "CONTENT_INTERACTION", "Ratings.csv")));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.fields.profile, record.title, record.fields.thumbs, record.fields.star_value])).toEqual([
      ["Anna", "Dark", "up", undefined],
      ["Anna", "Squid Game", "down", undefined],
      ["Ben", "Wednesday", "way up", undefined],
      ["Ben", "House of Cards", undefined, 4],
    ]);
    expect(records[0]).toMatchObject({
      kind: "rating",
      naturalKey: "rating|Anna|Dark|2023-03-05 10:11:12",
      time: new Date("2023-03-05T10:11:12Z"),
      fields: { rating_type: "thumb", thumbs_value: 2, device_model: "Samsung 2019 UHD TV", region_view_date: "2023-03-05" },
    });
  });

  it("accepts files without the optional columns", async () => {
    const file = fileInputFromBuffer("Ratings.csv", "Profile Name,Title Name,Thumbs Value,Event Utc Ts\nAnna,Dark,2,2023-03-05T10:11:12Z\n");
    expect(importer.detect(file)).toBeGreaterThan(0.8);
    const { records } = await readAll(importer, file);
    expect(records[0]).toMatchObject({ title: "Dark", time: new Date("2023-03-05T10:11:12Z"), fields: { thumbs: "up" } });
  });
});
