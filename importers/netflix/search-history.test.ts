import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../test/real-world.js";
import { readAll } from "../read-all.js";
import { searchHistoryImporter as importer } from "./search-history.js";

const read = async (path: string) => readAll(importer, await fileInputFromPath(path));

describe("Netflix search history (SearchHistory.csv)", () => {
  it("keeps each query with the result acted on, per profile", async () => {
    const { records, errors } = await read(fixture("netflix", "CONTENT_INTERACTION", "SearchHistory.csv"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.fields.profile, record.title, record.fields.displayed_name, record.fields.action])).toEqual([
      ["search", "Anna", "dark", "Dark", "play_suggestion"],
      ["search", "Anna", "dark", "1899", "add_to_my_list"],
      ["search", "Kinder", "peppa", "Peppa Wutz", "view_video_info"],
      ["search", "Ben", "Glass Onion: A Knives Out Mystery", "Glass Onion: A Knives Out Mystery", "play_suggestion"],
    ]);
  });

  it("tells apart two results of one search in the same second", async () => {
    const { records } = await read(fixture("netflix", "CONTENT_INTERACTION", "SearchHistory.csv"));
    expect(records[0]!.time).toEqual(records[1]!.time);
    expect(new Set(records.map((record) => record.naturalKey)).size).toBe(4);
  });

  it("makes the result findable too, and flags kids' profiles", async () => {
    const { records } = await read(fixture("netflix", "CONTENT_INTERACTION", "SearchHistory.csv"));
    expect(records[1]!.text).toBe("dark\n1899");
    expect(records.map((record) => record.fields.is_kids)).toEqual([false, false, true, false]);
  });
});

describe.skipIf(!hasRealWorld)("Netflix search history, real-world sample", () => {
  it("reads the one search", async () => {
    const { records, errors } = await read(realWorld("netflix", "CONTENT_INTERACTION", "SearchHistory.csv"));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      title: "mano",
      time: new Date("2021-12-05T11:20:22Z"),
      fields: { profile: "davide", displayed_name: "È stata la mano di Dio", device: "Smart TV", is_kids: false },
    });
  });
});
