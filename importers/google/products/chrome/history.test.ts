import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../../../src/import/file-input.js";
import { fixture } from "../../../../test/fixtures.js";
import { readAll } from "../../../read-all.js";
import { chromeHistoryImporter as importer } from "./history.js";

const path = (...parts: string[]) => fixture("google", "products", ...parts);

describe("Chrome browser history (BrowserHistory.json)", () => {
  it("turns every visit into a page visit at its microsecond time", async () => {
    const file = await fileInputFromPath(path("Chrome", "BrowserHistory.json"));
    expect(importer.detect(file)).toBe(1);
    const { records, errors } = await readAll(importer, file);
    expect(records.map((record) => [record.kind, record.title, record.url, record.time])).toEqual([
      ["page_visit", "Ada Lovelace - Wikipedia", "https://en.wikipedia.org/wiki/Ada_Lovelace", new Date("2023-11-14T22:13:20.123Z")],
      ["page_visit", null, "https://example.org/", new Date("2023-11-14T22:15:00Z")],
      ["page_visit", "Hacker News", "https://news.ycombinator.com/", new Date("2023-11-14T22:16:40Z")],
    ]);
    expect(records[0]!.fields).toMatchObject({ page_transition: "LINK", client_id: "o9Zv3vRk2mNBa1xQ7PL0dw==", time_usec: 1700000000123456 });
    // The device id is kept as a highly sensitive field, and only as a digest in the key.
    expect(importer.fieldSensitivity?.client_id?.level).toBe(3);
    expect(records[0]!.naturalKey).toMatch(/^page_visit\|1700000000123456\|#[0-9a-f]{16}$/);
    expect(errors).toEqual([{ type: "error", at: "item 3", message: 'unreadable time_usec "undefined"' }]);
  });

  it("continues after the last stored visit", async () => {
    const file = await fileInputFromPath(path("Chrome", "BrowserHistory.json"), "BrowserHistory.json", 3);
    const { records } = await readAll(importer, file);
    expect(records.map((record) => record.title)).toEqual(["Hacker News"]);
  });

  it("reads the German Verlauf.json, and knows the file by content whatever its name", async () => {
    const file = await fileInputFromPath(path("Chrome-de", "Verlauf.json"));
    expect(importer.detect(file)).toBe(1);
    expect(importer.detect({ ...file, name: "export.json" })).toBe(0.95);
    const { records } = await readAll(importer, file);
    expect(records.map((record) => record.title)).toEqual(["Tagesschau"]);
  });
});
