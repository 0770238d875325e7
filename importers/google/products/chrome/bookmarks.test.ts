import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../../../src/import/file-input.js";
import { fixture } from "../../../../test/fixtures.js";
import { readAll } from "../../../read-all.js";
import { chromeBookmarksImporter as importer } from "./bookmarks.js";

const path = fixture("google", "products", "Chrome", "Bookmarks.html");

describe("Chrome bookmarks (Bookmarks.html)", () => {
  it("makes every bookmark a list item of its folder", async () => {
    const file = await fileInputFromPath(path);
    expect(importer.detect(file)).toBe(1);
    const { records, errors } = await readAll(importer, file);
    expect(records.map((record) => [record.kind, record.title, record.fields.list, record.fields.folder_path, record.time])).toEqual([
      ["list_item", "MDN Web Docs", "Bookmarks bar", "Bookmarks bar", new Date("2020-01-01T00:01:40Z")],
      ["list_item", "Spaghetti Carbonara", "Rezepte & Kochen", "Bookmarks bar/Rezepte & Kochen", new Date("2020-09-13T12:27:30Z")],
      ["list_item", "Hacker News", "Bookmarks bar", "Bookmarks bar", new Date("2021-01-07T06:13:20Z")],
      ["list_item", null, "Other bookmarks", "Other bookmarks", new Date("2021-05-03T00:00:00Z")],
    ]);
    expect(records[0]!.url).toBe("https://developer.mozilla.org/");
    expect(JSON.stringify(records)).not.toContain("base64");
    expect(errors).toEqual([{ type: "error", at: "bookmark 3", message: "no address (HREF)" }]);
  });

  it("continues after the last stored bookmark", async () => {
    const { records } = await readAll(importer, await fileInputFromPath(path, path, 3));
    expect(records.map((record) => record.url)).toEqual(["https://news.ycombinator.com/", "https://www.openstreetmap.org/"]);
  });
});
