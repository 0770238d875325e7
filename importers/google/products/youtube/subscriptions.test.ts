import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../../../src/import/file-input.js";
import { fixture } from "../../../../test/fixtures.js";
import { readAll } from "../../../read-all.js";
import { subscriptionsImporter as importer } from "./subscriptions.js";

const input = (...parts: string[]) => fileInputFromPath(fixture("google", "products", ...parts));

describe("YouTube subscriptions (subscriptions.csv)", () => {
  it("keeps every channel subscribed to, and reports a row without a channel", async () => {
    const file = await input("youtube", "subscriptions", "subscriptions.csv");
    expect(importer.detect(file)).toBeGreaterThan(0.9);
    const { records, errors } = await readAll(importer, file);
    expect(records.map((record) => [record.kind, record.naturalKey, record.title])).toEqual([
      ["subscription", "subscription|UCsXVk37bltHxD1rDPwtNM8Q", "Kurzgesagt – In a Nutshell"],
      ["subscription", "subscription|UCHnyfMqiRRG1u-2MsSQLbXA", "Veritasium"],
      ["subscription", "subscription|UC9-y-6csu5WGm29I7JiwpnA", "Computerphile, by Sean"],
    ]);
    expect(records[1]).toMatchObject({
      url: "http://www.youtube.com/channel/UCHnyfMqiRRG1u-2MsSQLbXA",
      fields: { channel_id: "UCHnyfMqiRRG1u-2MsSQLbXA", channel_title: "Veritasium" },
      resume: 2,
    });
    expect(errors).toEqual([{ type: "error", at: "row 4", message: "no channel id" }]);
  });

  it("reads a German export, whose header and file name are translated", async () => {
    const file = await input("youtube-de", "Abos", "Abos.csv");
    expect(importer.detect(file)).toBeGreaterThan(0.9);
    const { records, errors } = await readAll(importer, file);
    expect(errors).toEqual([]);
    expect(records.map((record) => record.title)).toEqual(["Kurzgesagt – In a Nutshell", "Dinge Erklärt – Kurzgesagt"]);
  });

  it("leaves other CSV files alone", async () => {
    expect(importer.detect(await input("youtube", "comments", "comments-2024.csv"))).toBe(0);
    expect(importer.detect(await input("youtube", "playlists", "Watch later-videos.csv"))).toBe(0);
  });
});
