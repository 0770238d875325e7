import { describe, expect, it } from "vitest";
import type { SensitivityCategory, SensitivityLevel } from "../sensitivity/levels.js";
import { decide, type DecidableRecord } from "./decide.js";
import type { SharingRule } from "./rules.js";
import { AUTONOMY_LEVELS, MODES, type Destination } from "./types.js";

let nextId = 1;
function rule(decision: SharingRule["decision"], destination: SharingRule["destination"], matcher: Partial<SharingRule> = {}): SharingRule {
  return { id: nextId++, destination, platform: null, kind: null, field: null, category: null, minLevel: null, decision, note: null, createdAt: new Date(), ...matcher };
}

const order: DecidableRecord = {
  id: 7,
  platform: "amazon",
  kind: "order_item",
  fields: [
    { name: "product_name", level: 1, categories: [] },
    { name: "shipping_address", level: 3, categories: ["location", "contact"] },
    { name: "payment", level: 2, categories: ["financial"] },
  ],
};

/** What becomes of each field of `order` going to `destination`, privacy-aware with intermediate autonomy, and by which rule. */
function decisions(rules: SharingRule[], destination: Destination = "remote-model") {
  const plan = decide({ records: [order], destination, mode: "privacy-aware", autonomy: "intermediate", rules });
  return Object.fromEntries(plan.fields.map((field) => [field.field, `${field.outcome} by ${field.rule.id}`]));
}

describe("deciding which rule applies", () => {
  it("uses the defaults where the user has no rules: level 3 never goes to a remote model, level 2 is asked about", () => {
    expect(decisions([])).toEqual({
      product_name: "send by default:everything",
      shipping_address: "withhold by default:highly-sensitive-remote-model",
      payment: "confirm by default:sensitive-remote-model",
    });
  });

  it("lets any rule of the user's beat the defaults, however broad", () => {
    const everything = rule("allow", "remote-model");
    expect(decisions([everything])).toEqual({
      product_name: `send by ${everything.id}`,
      shipping_address: `send by ${everything.id}`,
      payment: `send by ${everything.id}`,
    });
  });

  it("prefers a field rule to a kind rule, a kind rule to a platform rule, a platform rule to a category rule, a category rule to a level rule", () => {
    const byLevel = rule("deny", "*", { minLevel: 1 });
    const byCategory = rule("allow", "*", { category: "location" });
    const byPlatform = rule("ask", "*", { platform: "amazon" });
    const byKind = rule("deny", "*", { kind: "order_item" });
    const byField = rule("allow", "*", { field: "product_name" });
    const all = [byLevel, byCategory, byPlatform, byKind, byField];
    expect(decisions(all)).toEqual({ product_name: `send by ${byField.id}`, shipping_address: `withhold by ${byKind.id}`, payment: `withhold by ${byKind.id}` });
    expect(decisions([byLevel, byCategory, byPlatform])).toEqual({
      product_name: `confirm by ${byPlatform.id}`,
      shipping_address: `confirm by ${byPlatform.id}`,
      payment: `confirm by ${byPlatform.id}`,
    });
    expect(decisions([byLevel, byCategory])).toEqual({
      product_name: `withhold by ${byLevel.id}`,
      shipping_address: `send by ${byCategory.id}`,
      payment: `withhold by ${byLevel.id}`,
    });
  });

  it("prefers a higher minimum level, being narrower", () => {
    const fromTwo = rule("allow", "remote-model", { minLevel: 2 });
    const fromThree = rule("ask", "remote-model", { minLevel: 3 });
    expect(decisions([fromTwo, fromThree])).toMatchObject({ shipping_address: `confirm by ${fromThree.id}`, payment: `send by ${fromTwo.id}` });
  });

  it("prefers the exact destination to mcp:*, and mcp:* to *", () => {
    const everywhere = rule("allow", "*", { field: "payment" });
    const anyClient = rule("ask", "mcp:*", { field: "payment" });
    const claude = rule("deny", "mcp:claude", { field: "payment" });
    const rules = [everywhere, anyClient, claude];
    expect(decisions(rules, "mcp:claude").payment).toBe(`withhold by ${claude.id}`);
    expect(decisions(rules, "mcp:cursor").payment).toBe(`confirm by ${anyClient.id}`);
    expect(decisions(rules, "local-model").payment).toBe(`send by ${everywhere.id}`);
  });

  it("lets the stricter of two equally specific rules win, whichever came first", () => {
    const allowLocation = rule("allow", "remote-model", { category: "location" });
    const denyContact = rule("deny", "remote-model", { category: "contact" });
    expect(decisions([allowLocation, denyContact]).shipping_address).toBe(`withhold by ${denyContact.id}`);
    expect(decisions([denyContact, allowLocation]).shipping_address).toBe(`withhold by ${denyContact.id}`);
  });

  it("matches a rule only on its platform, kind, field, category and level", () => {
    const others = [
      rule("deny", "*", { platform: "netflix" }),
      rule("deny", "*", { kind: "viewing" }),
      rule("deny", "*", { field: "title" }),
      rule("deny", "*", { category: "health" }),
      rule("deny", "remote-model", { minLevel: 2, platform: "netflix" }),
      rule("deny", "local-model"),
      rule("deny", "mcp:*"),
    ];
    expect(decisions(others)).toEqual(decisions([]));
  });
});

describe("modes and autonomy", () => {
  const destinations: Destination[] = ["builtin", "local-model", "remote-model", "mcp:claude", "export"];

  it("never lets a mode or autonomy level override a user's deny", () => {
    const denyAddress = rule("deny", "*", { field: "shipping_address" });
    const allowAll = rule("allow", "*");
    for (const destination of destinations) {
      for (const mode of MODES) {
        for (const autonomy of AUTONOMY_LEVELS) {
          const plan = decide({ records: [order], destination, mode, autonomy, rules: [allowAll, denyAddress] });
          expect(plan.withhold.map((field) => field.field), `${destination} ${mode} ${autonomy}`).toContain("shipping_address");
        }
      }
    }
  });

  it("in basic mode lifts the defaults' asks and denies, but keeps the user's own asks", () => {
    const askPayment = rule("ask", "remote-model", { field: "payment" });
    const plan = decide({ records: [order], destination: "remote-model", mode: "basic", autonomy: "intermediate", rules: [askPayment] });
    expect(plan.fields.map((field) => [field.field, field.outcome, field.basis])).toEqual([
      ["product_name", "send", "rule"],
      ["shipping_address", "send", "mode"],
      ["payment", "confirm", null],
    ]);
  });

  it("names full autonomy as what let an asked field go", () => {
    const plan = decide({ records: [order], destination: "local-model", mode: "privacy-aware", autonomy: "full", rules: [] });
    expect(plan.fields.map((field) => [field.field, field.outcome, field.basis])).toEqual([
      ["product_name", "send", "rule"],
      ["shipping_address", "send", "autonomy"],
      ["payment", "send", "autonomy"],
    ]);
  });

  it("uses nothing in mode none, even public fields for the on-device recommender", () => {
    const publicRecord = { ...order, fields: [{ name: "title", level: 0 as SensitivityLevel, categories: [] as SensitivityCategory[] }] };
    const plan = decide({ records: [publicRecord], destination: "builtin", mode: "none", autonomy: "full", rules: [rule("allow", "*")] });
    expect(plan.send).toEqual([]);
    expect(plan.confirm).toEqual([]);
    expect(plan.withhold.map((field) => field.field)).toEqual(["title"]);
  });
});
