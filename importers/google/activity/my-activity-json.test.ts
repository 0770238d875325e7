import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../../src/import/file-input.js";
import { fixture } from "../../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../../test/real-world.js";
import { readAll } from "../../read-all.js";
import { myActivityJsonImporter as importer } from "./my-activity-json.js";

const read = async (path: string, resume: unknown = null) => readAll(importer, await fileInputFromPath(path, path, resume));
const json = (...parts: string[]) => fixture("google", "activity", "json", ...parts);

describe("My Activity JSON, English", () => {
  it("reads every entry, with its service, kind, verb-less title and UTC time", async () => {
    const { records } = await read(json("MyActivity.json"));
    expect(records.map((record) => [record.platform, record.kind, record.fields.action, record.title, record.time?.toISOString()])).toEqual([
      ["youtube", "viewing", "watched", "Rick Astley - Never Gonna Give You Up (Official Music Video)", "2024-03-02T21:15:07.250Z"],
      ["youtube", "viewing", "watched", "How Takeout works", "2024-03-02T20:01:59.123Z"],
      ["youtube", "viewing", "watched", "a video that has been removed", "2024-03-01T08:00:00.500Z"],
      ["google_search", "page_visit", "visited", "Ownbase – your data, your vault", "2024-02-28T10:11:12.013Z"],
      ["google_search", "search", "searched", "personal data vault", "2024-02-28T10:11:02.777Z"],
      ["google_maps", "activity", "viewed", "area around Tempelhof", "2024-02-27T18:00:00.000Z"],
      ["chrome", "activity", "used", "Chrome", "2024-02-27T07:30:45.001Z"],
      ["youtube_music", "viewing", "watched", "Bohemian Rhapsody", "2024-02-26T22:22:22.222Z"],
      ["google_discover", "activity", undefined, "6 cards in your feed", "2024-02-26T06:45:00.000Z"],
      ["google_play", "activity", "installed", "Signal Private Messenger", "2024-02-25T12:00:00.000Z"],
      ["google_lens", "activity", undefined, "Searched with an image", "2024-02-24T16:20:00.000Z"],
    ]);
  });

  it("reports the entry without a time and goes on", async () => {
    const { records, errors } = await read(json("MyActivity.json"));
    expect(records).toHaveLength(11);
    expect(errors).toEqual([{ type: "error", at: "item 12", message: 'unreadable time ""' }]);
  });

  it("keeps the channel of a video, and every other field of the entry", async () => {
    const { records } = await read(json("MyActivity.json"));
    expect(records[0]).toMatchObject({
      url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      text: "Rick Astley - Never Gonna Give You Up (Official Music Video)\nRick Astley",
      fields: {
        products: ["YouTube"],
        action: "watched",
        title: "Rick Astley - Never Gonna Give You Up (Official Music Video)",
        channel: "Rick Astley",
        channel_url: "https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw",
        activity_controls: ["YouTube watch history"],
      },
    });
    expect(records[0]!.fields.subtitles).toBeUndefined();
    expect(records[1]!.fields.details).toEqual(["From Google Ads"]);
    expect(records[10]!.fields.description).toBe("Text found: opening hours");
  });

  it("reads a removed video, which has neither link nor channel", async () => {
    const { records } = await read(json("MyActivity.json"));
    expect(records[2]!.url).toBeNull();
    expect(records[2]!.fields).not.toHaveProperty("channel");
    expect(records[2]!.fields).not.toHaveProperty("url");
  });

  it("unwraps Google's redirect links and keeps the link as exported beside", async () => {
    const { records } = await read(json("MyActivity.json"));
    expect(records[3]!.url).toBe("https://example.org/ownbase?lang=en&ref=search");
    expect(records[3]!.fields.url_as_exported).toBe("https://www.google.com/url?q=https://example.org/ownbase?lang%3Den%26ref%3Dsearch&usg=AOvVaw3xYz");
    expect(records[4]!.url).toBe("https://www.google.com/search?q=personal+data+vault");
    expect(records[4]!.fields).not.toHaveProperty("url_as_exported");
  });

  it("keeps where a search was made, as highly sensitive", async () => {
    const { records } = await read(json("MyActivity.json"));
    expect(records[4]!.fields.locations).toEqual([
      {
        name: "At this general area",
        url: "https://www.google.com/maps/@?api=1&map_action=map&center=52.520008,13.404954&zoom=12",
        source: "From your places (Home)",
        source_url: "https://support.google.com/maps/answer/3184808",
      },
    ]);
    expect(importer.fieldSensitivity?.locations?.level).toBe(3);
    // The key of a record never shows a link in clear: map links hold coordinates.
    expect(records.every((record) => /^[a-z_]+\|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\|[0-9a-f]{16}$/.test(record.naturalKey))).toBe(true);
  });

  it("gives every entry its own key", async () => {
    const { records } = await read(json("MyActivity.json"));
    expect(new Set(records.map((record) => record.naturalKey)).size).toBe(11);
  });

  it("resumes after the last stored item", async () => {
    const { records, errors } = await read(json("MyActivity.json"), 9);
    expect(records.map((record) => record.resume)).toEqual([10, 11]);
    expect(errors).toHaveLength(1);
  });
});

describe("My Activity JSON, other languages", () => {
  it("reads German titles and products", async () => {
    const { records, errors } = await read(json("MeineAktivitäten.json"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.platform, record.kind, record.title, record.url])).toEqual([
      ["youtube", "viewing", "Never Gonna Give You Up", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
      ["google_search", "search", "wetter berlin", "https://www.google.com/search?q=wetter+berlin"],
      ["google_search", "page_visit", "Deutscher Wetterdienst", "https://www.dwd.de/"],
      ["google_maps", "activity", "Gebiet um Kreuzberg", "https://www.google.com/maps/@52.4986,13.4030,15z"],
    ]);
  });

  it("reads Spanish titles and products", async () => {
    const { records } = await read(json("MiActividad.json"));
    expect(records.map((record) => [record.platform, record.kind, record.title])).toEqual([
      ["youtube", "viewing", "Never Gonna Give You Up"],
      ["google_search", "search", "tiempo en madrid"],
      ["google_search", "page_visit", "AEMET"],
    ]);
  });

  it("reads Italian titles and products", async () => {
    const { records } = await read(json("LeMieAttività.json"));
    expect(records.map((record) => [record.platform, record.kind, record.fields.action, record.title])).toEqual([
      ["youtube", "viewing", "watched", "Never Gonna Give You Up"],
      ["google_search", "search", "searched", "meteo roma"],
      ["google_search", "activity", "used", "Ricerca Google"],
    ]);
  });

  it("keys a watch alike in every language: by its link and its second", async () => {
    const keys = await Promise.all(
      ["MyActivity.json", "MeineAktivitäten.json", "MiActividad.json", "LeMieAttività.json"].map(async (name) => (await read(json(name))).records[0]!.naturalKey),
    );
    expect(new Set(keys).size).toBe(1);
  });
});

describe("My Activity JSON, YouTube history", () => {
  it("reads watch-history.json and search-history.json", async () => {
    const watches = await read(fixture("google", "activity", "youtube", "watch-history.json"));
    expect(watches.records).toHaveLength(7);
    expect(watches.records.every((record) => record.kind === "viewing")).toBe(true);
    const searches = await read(fixture("google", "activity", "youtube", "search-history.json"));
    expect(searches.records).toMatchObject([
      { platform: "youtube", kind: "search", title: "lofi hip hop radio", url: "https://www.youtube.com/results?search_query=lofi+hip+hop+radio" },
    ]);
  });
});

describe("My Activity JSON, broken files", () => {
  it("refuses a file that is not an array", async () => {
    await expect(readAll(importer, fileInputFromBuffer("MyActivity.json", '{"title":"x"}'))).rejects.toThrow(/JSON array/);
  });

  it("reports items that are not entries", async () => {
    const { records, errors } = await readAll(importer, fileInputFromBuffer("MyActivity.json", '[1, {"header":"Search","time":"2020-01-01T00:00:00Z"}]'));
    expect(records).toEqual([]);
    expect(errors).toEqual([
      { type: "error", at: "item 1", message: "expected an object" },
      { type: "error", at: "item 2", message: "no title" },
    ]);
  });

  it("throws on a file cut short", async () => {
    const cut = '[{"header":"Search","title":"Searched for x","time":"2020-01-01T00:00:00Z"},{"header":"Se';
    await expect(readAll(importer, fileInputFromBuffer("MyActivity.json", cut))).rejects.toThrow(/not valid JSON|unexpected end/i);
  });
});

describe.skipIf(!hasRealWorld)("My Activity JSON, real-world Takeout of 2019", () => {
  const myActivity = (product: string) => realWorld("google", "takeout-2019-json", "Takeout", "My Activity", product, "My Activity.json");

  it("reads Search: a visit through a redirect and a search with its place", async () => {
    const { records, errors } = await read(myActivity("Search"));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      platform: "google_search",
      kind: "page_visit",
      title: "data liberation - How to download Google Search history? - Web ...",
      url: "https://webapps.stackexchange.com/questions/95560/how-to-download-google-search-history",
      time: new Date("2019-05-30T15:37:18.828Z"),
    });
    expect(records[1]).toMatchObject({ kind: "search", title: '"myactivity" google export', fields: { locations: [{ source: "From your places (Home)" }] } });
  });

  it("reads Maps", async () => {
    const { records, errors } = await read(myActivity("Maps"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.platform, record.kind, record.title])).toEqual([
      ["google_maps", "activity", "area around Pheba"],
      ["google_maps", "search", "Oktibbeha County Lake, Mississippi, USA"],
    ]);
  });

  it("reads Google Play Books", async () => {
    const { records, errors } = await read(myActivity("Google Play Books"));
    expect(errors).toEqual([]);
    expect(records).toMatchObject([{ platform: "google_books", kind: "page_visit", title: "Play Books App", time: new Date("2018-12-08T22:05:47.249Z") }]);
  });
});
