import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { readAll } from "../read-all.js";
import { primeVideoWatchlist } from "./prime-video-watchlist.js";

async function read(name: string) {
  return readAll(primeVideoWatchlist, await fileInputFromPath(fixture("amazon", "Digital.PrimeVideo.Watchlist", name)));
}

describe("Prime Video watchlist", () => {
  it("reads one list item per title on the Prime Video watchlist", async () => {
    const { records, errors } = await read("Digital.PrimeVideo.Watchlist.csv");
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.naturalKey, record.title, record.time])).toEqual([
      ["list_item", "list_item:watchlist:Reacher - Season 1:2021-04-12T20:15:00.000Z", "Reacher - Season 1", new Date("2021-04-12T20:15:00Z")],
      ["list_item", "list_item:watchlist:Good Omens:2022-11-30T09:01:00.000Z", "Good Omens", new Date("2022-11-30T09:01:00Z")],
    ]);
    expect(records[0]!.fields).toEqual({ item_added_date: "2021-04-12T20:15:00.000Z", catalog_title: "Reacher - Season 1", list: "Prime Video watchlist" });
  });

  it("reads the history file, keeping removed titles marked deleted and keyed as in the watchlist", async () => {
    const { records, errors } = await read("Digital.PrimeVideo.WatchlistHistory.csv");
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.naturalKey, record.fields.deleted])).toEqual([
      ["list_item:watchlist:Reacher - Season 1:2021-04-12T20:15:00.000Z", false],
      ["list_item:watchlist:Knives Out:2020-02-01T10:00:00.000Z", true],
    ]);
    expect(records[1]!.fields).toEqual({
      list_id: "WATCHLIST",
      item_added_date: "2020-02-01T10:00:00.000Z",
      item_type: "MOVIE",
      deleted: true,
      catalog_title: "Knives Out",
      list: "Prime Video watchlist",
    });
  });

  it("belongs to Prime Video", () => {
    expect(primeVideoWatchlist.platform).toBe("prime_video");
  });
});
