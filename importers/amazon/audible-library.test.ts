import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { readAll } from "../read-all.js";
import { audibleLibrary } from "./audible-library.js";

describe("Audible.Library", () => {
  it("reads one library item per audiobook, with day-month-name dates in UTC", async () => {
    const { records, errors } = await readAll(audibleLibrary, await fileInputFromPath(fixture("amazon", "Audible.Library", "Audible.Library.csv")));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.naturalKey, record.title, record.time])).toEqual([
      ["library_item", "library_item:B08G9PRS1K", "Project Hail Mary", new Date("2019-01-12T00:00:00Z")],
      ["library_item", "library_item:B00B5HO5XA", "The Martian", new Date("2020-03-03T00:00:00Z")],
    ]);
    expect(records[1]!.fields).toEqual({
      date_added: "2020-03-03",
      title: "The Martian",
      asin: "B00B5HO5XA",
      is_downloaded: false,
      is_deleted: true,
      delete_by: "Customer",
      date_deleted: "2021-04-05",
      is_public: false,
      is_streamed: true,
      is_preorder: false,
      downloads: 0,
      origin_type: "Free",
    });
    expect(records[0]!.fields).toMatchObject({ date_first_downloaded: "2019-01-13", downloads: 3, order_number: "D01-5555555-5555555" });
  });

  it("belongs to Audible", () => {
    expect(audibleLibrary.platform).toBe("audible");
  });
});
