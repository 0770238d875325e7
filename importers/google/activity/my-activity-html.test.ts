import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../../src/import/file-input.js";
import { fixture } from "../../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../../test/real-world.js";
import { readAll } from "../../read-all.js";
import { myActivityHtmlImporter as importer } from "./my-activity-html.js";

const read = async (path: string, resume: unknown = null) => readAll(importer, await fileInputFromPath(path, path, resume));
const html = (name: string) => fixture("google", "activity", "html", name);

describe("My Activity HTML before 2018 (no zone)", () => {
  it("reads every entry, its times taken as UTC and marked as assumed", async () => {
    const { records, errors } = await read(html("MyActivity-2017.html"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.platform, record.kind, record.title, record.time?.toISOString(), record.fields.time_zone_assumed])).toEqual([
      ["google_search", "search", "cheap flights lisbon", "2017-03-08T17:14:40.000Z", true],
      ["google_search", "page_visit", "https://www.flytap.com/en-pt", "2017-03-08T17:15:02.000Z", true],
      ["youtube", "viewing", "Lisbon in 4K", "2016-12-31T23:59:59.000Z", true],
      ["chrome", "activity", "Chrome", "2017-01-01T00:00:01.000Z", true],
    ]);
  });

  it("keeps the old home location, the channel and the timestamp as written", async () => {
    const { records } = await read(html("MyActivity-2017.html"));
    expect(records[0]!.fields).toMatchObject({
      products: ["Search"],
      locations: [{ source: "From your home", url: "https://google.com/maps?q=38.722252,-9.139337" }],
      time_as_exported: "Mar 8, 2017, 5:14:40 PM",
    });
    expect(records[1]).toMatchObject({
      url: "https://www.flytap.com/en-pt",
      fields: { url_as_exported: "https://www.google.com/url?q=https://www.flytap.com/en-pt&usg=AFQjCNH6fum5tBw7J0dbm" },
    });
    expect(records[2]!.fields).toMatchObject({ channel: "Travel Channel", channel_url: "https://www.youtube.com/channel/UCtravel000000000000000" });
  });
});

describe("My Activity HTML since 2020", () => {
  it("reads the export's zone as the offset it names: PDT, CEST, GMT+08:00", async () => {
    const { records } = await read(html("MyActivity-2020.html"));
    expect(records.map((record) => [record.platform, record.kind, record.title, record.time?.toISOString()])).toEqual([
      ["google_search", "search", "weather san francisco", "2020-12-20T03:00:00.000Z"],
      ["chrome", "page_visit", "Berlin travel guide", "2020-10-06T12:32:28.000Z"],
      ["google_discover", "activity", "6 cards in your feed", "2020-09-04T03:01:46.000Z"],
      ["google_android", "activity", "1 notification", "2020-09-02T04:27:07.000Z"],
      ["google_gemini_apps", "activity", "What is a personal data vault?", "2024-10-01T17:00:00.000Z"],
    ]);
    expect(records.every((record) => record.fields.time_zone_assumed === undefined)).toBe(true);
  });

  it("reports the entry whose timestamp it cannot read, and goes on", async () => {
    const { errors } = await read(html("MyActivity-2020.html"));
    // Byte 4227 is where `grep -bo outer-cell` finds the sixth entry, past a 3-byte narrow space.
    expect(errors).toEqual([{ type: "error", at: "entry 6 (byte 4227)", message: 'unreadable timestamp "Someday, 25:61:00 PM XYZ"' }]);
  });

  it("splits captions into products, locations, details and the settings that saved the entry", async () => {
    const { records } = await read(html("MyActivity-2020.html"));
    expect(records[0]!.fields).toMatchObject({
      products: ["Search"],
      locations: [
        {
          name: "At this general area",
          url: "https://www.google.com/maps/@?api=1&map_action=map&center=37.773692,-122.429737&zoom=12",
          source: "From your places (Home)",
          source_url: "https://support.google.com/maps/answer/3184808",
        },
      ],
      activity_controls: ["Web & App Activity"],
    });
    // The sentence around the setting's name is the same on every entry: only the name is kept.
    expect(records[0]!.fields).not.toHaveProperty("why_is_this_here");
    expect(records[3]!.fields).toMatchObject({
      subtitles: [{ name: "Including topics:" }, { name: "Emergency resources and information", url: "https://www.google.com/maps/place/?q=place_id:XX" }],
      details: ["From IP 203.0.113.7"],
    });
  });

  it("keeps AI activity's answer, written after the timestamp", async () => {
    const { records } = await read(html("MyActivity-2020.html"));
    expect(records[4]!.fields).toMatchObject({
      action: "prompted",
      content: "A personal data vault keeps your data on your own machine.\nIt imports platform exports.",
    });
  });

  it("resumes after the last stored entry", async () => {
    const { records, errors } = await read(html("MyActivity-2020.html"), 4);
    expect(records.map((record) => record.resume)).toEqual([5]);
    expect(errors).toHaveLength(1);
  });
});

describe("My Activity HTML in other languages", () => {
  it("reads German verbs, captions and dates", async () => {
    const { records, errors } = await read(html("MeineAktivitäten.html"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.platform, record.kind, record.title, record.time?.toISOString()])).toEqual([
      ["google_search", "search", "wetter berlin", "2020-10-06T12:32:28.000Z"],
      ["youtube", "viewing", "Never Gonna Give You Up", "2021-03-15T07:00:00.000Z"],
      ["google_search", "page_visit", "Deutscher Wetterdienst", "2020-10-06T12:33:00.000Z"],
    ]);
    expect(records[0]!.fields).toMatchObject({
      products: ["Suche"],
      locations: [{ name: "In dieser Gegend", source: "Anhand deiner früheren Aktivitäten" }],
      activity_controls: ["Web- & App-Aktivitäten"],
    });
    expect(records[1]!.fields.channel).toBe("Rick Astley");
    expect(records[2]!.fields.details).toEqual(["Von Google Ads"]);
  });

  it("reads Italian verbs, captions and dates", async () => {
    const { records, errors } = await read(html("LeMieAttività.html"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.platform, record.kind, record.title, record.time?.toISOString()])).toEqual([
      ["google_search", "search", "meteo roma", "2014-03-25T16:21:28.000Z"],
      ["youtube", "viewing", "Never Gonna Give You Up", "2020-10-06T12:32:28.000Z"],
      ["google_search", "page_visit", "Il Meteo", "2020-12-31T23:00:01.000Z"],
    ]);
    expect(records[0]!.fields).toMatchObject({ products: ["Ricerca"], details: ["Da Google Ads"] });
  });
});

describe("My Activity HTML, odd files", () => {
  it("reads an entry cut short at the end of the file", async () => {
    const cut =
      '<div class="outer-cell"><div class="mdl-grid"><div class="header-cell"><p class="mdl-typography--title">Search<br></p></div>' +
      '<div class="content-cell mdl-typography--body-1">Searched for&nbsp;<a href="https://www.google.com/search?q=x">x</a><br>Jan 2, 2021, 1:00:00 PM UTC<br></div>';
    const { records } = await readAll(importer, fileInputFromBuffer("MyActivity.html", cut));
    expect(records).toMatchObject([{ kind: "search", title: "x", time: new Date("2021-01-02T13:00:00Z") }]);
  });

  it("reports an entry without content", async () => {
    const empty = '<div class="outer-cell"><div class="mdl-grid"><p class="mdl-typography--title">Search</p></div></div>';
    const { errors } = await readAll(importer, fileInputFromBuffer("MyActivity.html", empty));
    expect(errors).toEqual([{ type: "error", at: "entry 1 (byte 0)", message: "no content" }]);
  });
});

describe("My Activity HTML, hostile files", () => {
  it("stops at an entry that never ends, rather than holding the whole file", async () => {
    const endless = '<div class="outer-cell"><div class="content-cell mdl-typography--body-1">' + "x".repeat(17 * 1024 * 1024);
    await expect(readAll(importer, fileInputFromBuffer("MyActivity.html", endless))).rejects.toThrow("entry 1 (byte 0) is longer than 16 MB");
  });
});

describe.skipIf(!hasRealWorld)("My Activity HTML, real-world legacy Takeout", () => {
  it("reads the three Chrome entries, stray closing tag and all", async () => {
    const { records, errors } = await read(realWorld("google", "takeout-legacy-html", "Takeout", "My Activity", "Chrome", "MyActivity.html"));
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.platform, record.kind, record.title, record.url, record.time?.toISOString()])).toEqual([
      ["google_search", "page_visit", "https://productforums.google.com/forum/", "https://productforums.google.com/forum/", "2018-01-31T22:54:50.000Z"],
      ["google_search", "page_visit", "http://www.adobe.com/creativecloud.html", "http://www.adobe.com/creativecloud.html", "2017-02-08T00:32:39.000Z"],
      ["google_search", "search", "adobe creative cloud", "https://www.google.com/search?q=adobe+creative+cloud", "2017-02-08T00:32:36.000Z"],
    ]);
    expect(records[2]!.fields.locations).toEqual([{ source: "From your home", url: "https://google.com/maps?q=25.800819,-80.186310" }]);
  });
});
