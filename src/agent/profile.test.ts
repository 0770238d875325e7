import { describe, expect, it } from "vitest";
import type { DisclosedRecord } from "../policy/gateway.js";
import { interestProfile } from "./profile.js";

let nextId = 1;
function record(platform: string, kind: string, fields: DisclosedRecord["fields"]): DisclosedRecord {
  return { id: nextId++, platform, kind, time: null, title: null, url: null, fields };
}

describe("the interest profile", () => {
  it("weighs topics by what the user did across platforms, purchases double, once is no interest, and words that go together are one topic", () => {
    const profile = interestProfile([
      record("netflix", "viewing", { title: "Free Solo", genre: "climbing documentary" }),
      record("youtube", "viewing", { title: "Climbers on El Capitan" }),
      record("amazon", "order_item", { product: "Climbing harness" }),
      record("amazon", "purchase", { title: "Prime membership fee" }),
      record("amazon", "purchase", { title: "Prime membership fee" }),
      // A wish list says what the user wants, not what they did.
      record("amazon", "list_item", { product: "Climbing shoes", list: "Wish List" }),
      record("amazon", "list_item", { product: "Climbing rope", list: "Wish List" }),
    ]);
    expect(profile.interests.map(({ topic, weight, platforms }) => ({ topic, weight, platforms }))).toEqual([
      { topic: "climbing", weight: 4, platforms: ["amazon", "netflix", "youtube"] },
      { topic: "prime membership fee", weight: 4, platforms: ["amazon"] },
    ]);
    expect(profile.records_by_platform).toEqual({ netflix: 1, youtube: 1, amazon: 3 });
  });
});
