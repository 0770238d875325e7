import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { readAll } from "../read-all.js";
import { primeVideoViewingHistory } from "./prime-video-viewing-history.js";

async function read(name: string) {
  return readAll(primeVideoViewingHistory, await fileInputFromPath(fixture("amazon", "Digital.PrimeVideo.Viewinghistory", name)));
}

describe("Prime Video viewing history", () => {
  it("reads the hourly layout, every column kept, repeats in one hour numbered", async () => {
    const { records, errors } = await read("Digital.PrimeVideo.Viewinghistory.csv");
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.naturalKey, record.title, record.time])).toEqual([
      ["viewing", "viewing:2016-12-14T19:00:00.000Z:The Grand Tour - Season 1", "The Grand Tour - Season 1", new Date("2016-12-14T19:00:00Z")],
      ["viewing", "viewing:2016-12-14T19:00:00.000Z:The Grand Tour - Season 1:2", "The Grand Tour - Season 1", new Date("2016-12-14T19:00:00Z")],
      ["viewing", "viewing:2017-01-02T21:00:00.000Z:Manchester by the Sea", "Manchester by the Sea", new Date("2017-01-02T21:00:00Z")],
    ]);
    expect(records[0]!.fields).toEqual({
      playback_hour: "2016-12-14T19:00:00.000Z",
      title: "The Grand Tour - Season 1",
      marketplace: "Amazon.com",
      operating_system: "Windows",
      browser: "Chrome",
      delivery_type: "Streaming",
      city: "Springfield",
      state: "IL",
      country: "US",
      isp: "Comcast",
      content_quality_entitled: "HD",
      entitlement_type: "Prime",
      video_type: "Episode",
      audio_language: "en",
      session_id: "SESSION-1",
    });
    expect(records[2]!.fields.browser).toBeUndefined();
  });

  it("reads the daily layout with episode and season apart", async () => {
    const { records, errors } = await read("ViewingHistory.csv");
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.naturalKey, record.title, record.time])).toEqual([
      ["viewing:2024-05-01:The Boys:The Name of the Game:1", "The Boys: The Name of the Game", new Date("2024-05-01T00:00:00Z")],
      ["viewing:2024-05-02:Fallout", "Fallout", new Date("2024-05-02T00:00:00Z")],
    ]);
    expect(records[0]!.fields).toEqual({ date_watched: "2024-05-01", title: "The Boys", episode: "The Name of the Game", season: "1", device_type: "Fire TV", country: "DE" });
  });

  it("belongs to Prime Video and keeps session ids highly sensitive", () => {
    expect(primeVideoViewingHistory.platform).toBe("prime_video");
    expect(primeVideoViewingHistory.fieldSensitivity!.session_id).toMatchObject({ level: 3, categories: ["identifier", "device"] });
    expect(primeVideoViewingHistory.fieldSensitivity!.city).toMatchObject({ level: 2, categories: ["location"] });
  });
});
