import { describe, expect, it, vi } from "vitest";
import { clearedFields, ConfirmationQueue, pendingConfirmation, type PendingConfirmation } from "./confirm.js";
import { decide } from "./decide.js";

const plan = decide({
  records: [
    {
      id: 1,
      platform: "amazon",
      kind: "order_item",
      fields: [
        { name: "product_name", level: 1, categories: [] },
        { name: "payment", level: 2, categories: ["financial"] },
        { name: "shipping_address", level: 3, categories: ["location"] },
      ],
    },
    { id: 2, platform: "netflix", kind: "viewing", fields: [{ name: "profile", level: 2, categories: ["identifier"] }] },
  ],
  destination: "mcp:claude",
  mode: "privacy-aware",
  autonomy: "intermediate",
  rules: [],
});

const cleared = (answer: Parameters<typeof clearedFields>[1]) => clearedFields(plan, answer).map((field) => `${field.record_id}.${field.field} by ${field.basis}`);

describe("confirmations", () => {
  it("asks about the asked fields, with their record's title", () => {
    expect(pendingConfirmation(plan, new Map([[1, "Chalk bag"]]), "gift ideas")).toEqual({
      destination: "mcp:claude",
      purpose: "gift ideas",
      items: [
        { record_id: 1, record_title: "Chalk bag", field: "payment", level: 2, categories: ["financial"], destination: "mcp:claude" },
        { record_id: 2, record_title: null, field: "profile", level: 2, categories: ["identifier"], destination: "mcp:claude" },
      ],
    });
  });

  it("clears the allowed fields plus all, none or the chosen ones of the asked fields; never a denied one", () => {
    expect(cleared("approve-all")).toEqual(["1.product_name by rule", "1.payment by confirmation", "2.profile by confirmation"]);
    expect(cleared("refuse")).toEqual(["1.product_name by rule"]);
    const chosen = { approve: [{ record_id: 2, field: "profile" }, { record_id: 1, field: "shipping_address" }, { record_id: 2, field: "payment" }] };
    expect(cleared(chosen)).toEqual(["1.product_name by rule", "2.profile by confirmation"]);
  });

  it("keeps questions waiting until the user answers them", async () => {
    const queue = new ConfirmationQueue();
    const pending: PendingConfirmation = pendingConfirmation(plan, new Map(), "gift ideas");
    const answered = queue.confirm(pending);
    const [waiting] = queue.waiting();
    expect(waiting!.pending).toBe(pending);
    expect(queue.answer(waiting!.id, "approve-all")).toBe(true);
    await expect(answered).resolves.toBe("approve-all");
    expect(queue.waiting()).toEqual([]);
    expect(queue.answer(waiting!.id, "refuse")).toBe(false);
  });

  it("counts a question nobody answers in time as refused", async () => {
    vi.useFakeTimers();
    try {
      const queue = new ConfirmationQueue(60_000);
      const answered = queue.confirm(pendingConfirmation(plan, new Map(), "gift ideas"));
      vi.advanceTimersByTime(60_000);
      await expect(answered).resolves.toBe("refuse");
      expect(queue.waiting()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
