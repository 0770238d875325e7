import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../../../src/import/file-input.js";
import { fixture } from "../../../../test/fixtures.js";
import { readAll } from "../../../read-all.js";
import { playlistsImporter as importer } from "./playlists.js";

const input = (...parts: string[]) => fileInputFromPath(fixture("google", "products", ...parts));

describe("YouTube playlists (playlists/*.csv)", () => {
  it("reads a 2023+ playlist file, named by the playlist, as list items", async () => {
    const file = await input("youtube", "playlists", "Watch later-videos.csv");
    expect(importer.detect(file)).toBeGreaterThan(0.9);
    const { records, errors } = await readAll(importer, file);
    expect(records.map((record) => [record.kind, record.naturalKey, record.url, record.time])).toEqual([
      ["list_item", "list_item|Watch later|dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", new Date("2024-02-11T09:15:02Z")],
      ["list_item", "list_item|Watch later|jNQXAC9IVRw", "https://www.youtube.com/watch?v=jNQXAC9IVRw", new Date("2024-03-01T20:00:41.5Z")],
    ]);
    expect(records[0]!.fields).toMatchObject({ list: "Watch later", video_id: "dQw4w9WgXcQ" });
    expect(errors).toEqual([{ type: "error", at: "row 3", message: 'not a video id: "bad id!"' }]);
  });

  it("reads the older layout, taking the list's name and details from its description block", async () => {
    const file = await input("youtube", "playlists", "Road trip.csv");
    expect(importer.detect(file)).toBeGreaterThan(0.9);
    const { records, errors } = await readAll(importer, file);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({
      naturalKey: "list_item|Road trip 2020|OPf0YbXqDm0",
      time: new Date("2020-05-13T19:04:20Z"),
      fields: {
        list: "Road trip 2020",
        playlist_id: "PLc5oiXyz0123456789abcdefghijKLMn",
        playlist_description: "Songs for the car, loud",
        playlist_visibility: "Private",
      },
      resume: 2,
    });
  });

  it("goes on after the last stored entry of an interrupted import", async () => {
    const path = fixture("google", "products", "youtube", "playlists", "Road trip.csv");
    const { records } = await readAll(importer, await fileInputFromPath(path, path, 1));
    expect(records.map((record) => record.fields.video_id)).toEqual(["OPf0YbXqDm0"]);
  });

  it("reads a German playlist by the shape of its values", async () => {
    const file = await input("youtube-de", "Playlists", "Später ansehen-Videos.csv");
    expect(importer.detect(file)).toBeGreaterThan(0.9);
    const { records } = await readAll(importer, file);
    expect(records.map((record) => record.fields.list)).toEqual(["Später ansehen"]);
  });

  it("does not claim the list of playlists or subscriptions", async () => {
    expect(importer.detect(await input("youtube", "playlists", "playlists.csv"))).toBe(0);
    expect(importer.detect(await input("youtube", "subscriptions", "subscriptions.csv"))).toBe(0);
  });
});
