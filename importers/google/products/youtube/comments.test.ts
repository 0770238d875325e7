import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../../../src/import/file-input.js";
import { fixture } from "../../../../test/fixtures.js";
import { readAll } from "../../../read-all.js";
import { commentsImporter as importer, commentText } from "./comments.js";

const input = (name: string) => fileInputFromPath(fixture("google", "products", "youtube", "comments", name));

describe("YouTube comments (comments.csv)", () => {
  it("reads the pre-2024 layout, with the text joined from its JSON segments", async () => {
    const file = await input("comments-2023.csv");
    expect(importer.detect(file)).toBeGreaterThan(0.9);
    const { records, errors } = await readAll(importer, file);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      kind: "comment",
      naturalKey: "comment|UgxtiXQkY7gqHbldJ1F4AaABAg",
      time: new Date("2023-09-19T17:42:53.435Z"),
      title: "Great explanation, thanks!",
      url: "https://www.youtube.com/watch?v=WtOskFeLmr4&lc=UgxtiXQkY7gqHbldJ1F4AaABAg",
      fields: { comment: "Great explanation, thanks!", video_id: "WtOskFeLmr4", channel_id: "UCA6DtnbZ2KJckyTYfXOwQNA" },
    });
    expect(records[0]!.fields).not.toHaveProperty("comment_text");
    expect(records[0]!.fields).not.toHaveProperty("price");
    expect(records[1]!.fields.parent_comment_id).toBe("UgwDN8UeMxW4NDFbvY54AaABAg");
    expect(errors).toEqual([{ type: "error", at: "row 3", message: 'unreadable timestamp "yesterday"' }]);
  });

  it("reads the 2024 layout by column names, including paid comments and comments on posts", async () => {
    const { records, errors } = await readAll(importer, await input("comments-2024.csv"));
    expect(errors).toEqual([]);
    expect(records.map((record) => record.fields.comment)).toEqual([
      "> I am about to get buried\nthe most normal video!",
      "Danke für das Video ❤",
      "Looking forward to it",
    ]);
    expect(records[1]!.fields.price).toBe("2.00 €");
    expect(records[2]).toMatchObject({ url: null, fields: { post_id: "UgkxCommunityPost123" } });
    expect(importer.fieldSensitivity?.comment?.level).toBe(2);
  });

  it("reads a German export by the values in its columns, whose names are translated", async () => {
    const file = await fileInputFromPath(fixture("google", "products", "youtube-de", "Kommentare.csv"));
    expect(importer.detect(file)).toBeGreaterThan(0.8);
    const { records, errors } = await readAll(importer, file);
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.naturalKey, record.time, record.fields.comment, record.fields.video_id])).toEqual([
      ["comment|UgzGermanComment000000AaABAg", new Date("2024-06-14T07:39:35.956Z"), "Super erklärt!", "rWVAzS6duAs"],
    ]);
  });

  it("keeps a text that is not the export's JSON as it is", () => {
    expect(commentText('{"text":"a"},{"text":"b"}')).toBe("ab");
    expect(commentText("plain words")).toBeUndefined();
  });
});
