import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../../../src/import/file-input.js";
import { fixture } from "../../../../test/fixtures.js";
import { readAll } from "../../../read-all.js";
import { playlistIndexImporter as importer } from "./playlist-index.js";
import { playlistsImporter } from "./playlists.js";

describe("YouTube's list of playlists (playlists/playlists.csv)", () => {
  it("reads each playlist with its title, id, visibility and times", async () => {
    const file = await fileInputFromPath(fixture("google", "products", "youtube", "playlists", "playlists.csv"));
    expect(importer.detect(file)).toBeGreaterThan(0.9);
    const { records, errors } = await readAll(importer, file);
    expect(errors).toEqual([]);
    expect(records).toEqual([
      expect.objectContaining({
        kind: "playlist",
        naturalKey: "playlist|PLc5oiXyz0123456789abcdefghijKLMn",
        title: "Road trip 2020",
        time: new Date("2019-06-01T10:00:00Z"),
        url: "https://www.youtube.com/playlist?list=PLc5oiXyz0123456789abcdefghijKLMn",
      }),
    ]);
    expect(records[0]!.fields).toEqual({
      playlist_id: "PLc5oiXyz0123456789abcdefghijKLMn",
      add_new_videos_to_top: "False",
      playlist_title: "Road trip 2020",
      playlist_created: "2019-06-01T10:00:00.000Z",
      playlist_updated: "2020-05-13T19:04:20.000Z",
      playlist_video_order: "Manual",
      playlist_visibility: "Private",
    });
  });

  it("reads a German list by its column names, the cover image's timestamp apart", async () => {
    const csv = [
      "Playlist-ID,Neue Videos oben hinzufügen,Playlist-Bild 1 – Erstellungszeitstempel,Playlist-Titel (Original),Playlist-Titel (Original) – Sprache,Erstellungszeitstempel der Playlist,Aktualisierungszeitstempel der Playlist,Sichtbarkeit der Playlist",
      "PLx9AbCdEfGhIjKlMnOpQrStUvWxYz0123,False,2021-01-01T00:00:00+00:00,Kochen,de,2022-02-02T12:00:00+00:00,2023-03-03T08:00:00+00:00,Öffentlich",
      "WL,False,,Später ansehen,,,,Privat",
    ].join("\n");
    const file = fileInputFromBuffer("Playlists/Playlists.csv", csv);
    expect(importer.detect(file)).toBeGreaterThan(0.8);
    expect(playlistsImporter.detect(file)).toBe(0);
    const { records } = await readAll(importer, file);
    expect(records.map((record) => [record.title, record.time, record.fields.playlist_visibility])).toEqual([
      ["Kochen", new Date("2022-02-02T12:00:00Z"), "Öffentlich"],
      ["Später ansehen", null, "Privat"],
    ]);
  });

  it("leaves the playlists' own files to the playlist reader", async () => {
    const file = await fileInputFromPath(fixture("google", "products", "youtube", "playlists", "Road trip.csv"));
    expect(importer.detect(file)).toBe(0);
    expect(importer.detect(await fileInputFromPath(fixture("google", "products", "youtube", "playlists", "Watch later-videos.csv")))).toBe(0);
  });
});
