import { describe, expect, it } from "vitest";
import { detectSpecialCategories } from "./special-categories.js";

const text = { style: "text" } as const;
const title = { style: "title" } as const;
const found = (value: string, context: { style: "text" | "title" } = text) =>
  detectSpecialCategories(value, context).map((hit) => [value.slice(hit.start, hit.end), hit.category, hit.level]);

describe("detectSpecialCategories", () => {
  it("finds terms in five languages, inflected forms included", () => {
    expect(found("Symptome Schilddrüsenunterfunktion, diabetic diet")).toEqual([
      ["Symptome", "health", 2],
      ["Schilddrüsenunterfunktion", "health", 2],
      ["diabetic", "health", 2],
    ]);
    expect(found("Convocatoria de huelga del sindicato CCOO")).toEqual([
      ["huelga", "trade_union", 2],
      ["sindicato", "trade_union", 2],
      ["CCOO", "trade_union", 2],
    ]);
    expect(found("Busta paga di febbraio")).toEqual([["Busta paga", "financial", 2]]);
    expect(found("Horaires des messes à la paroisse")).toEqual([
      ["Horaires des messes", "religion", 2],
      ["paroisse", "religion", 2],
    ]);
  });

  it("makes explicit statements and memberships level 3", () => {
    expect(found("I was diagnosed with depression")).toEqual([
      ["diagnosed with", "health", 3],
      ["depression", "health", 2],
    ]);
    expect(found("Ich bin schwul")).toEqual([["Ich bin schwul", "sexuality", 3]]);
    expect(found("Your Labour Party membership renewal")).toEqual([["Labour Party", "politics", 3]]);
    expect(found("Welcome to UNISON - your membership card is on its way")).toEqual([["UNISON", "trade_union", 3]]);
    expect(found("Remember to vote: the elections are on Sunday")).toEqual([
      ["vote", "politics", 2],
      ["elections", "politics", 2],
    ]);
  });

  it("counts weak words only in running text next to a possessive or another term of their category", () => {
    expect(found("my daughter starts school")).toEqual([["my daughter", "children", 2]]);
    expect(found("our little son is asleep")).toEqual([["son", "children", 2]]);
    expect(found("the son of the neighbours")).toEqual([]);
    expect(found("Cancer (zodiac) horoscope today", title)).toEqual([]);
    expect(found("Spy Kids", title)).toEqual([]);
    expect(found("breast cancer screening", title)).toEqual([["breast cancer", "health", 2]]);
  });

  it("does not count terms inside well-known titles and idioms", () => {
    expect(found("We need to pay down technical debt before the release; genetic algorithms next")).toEqual([]);
    expect(found("Enceinte Bluetooth portable", title)).toEqual([]);
    expect(found("Queer Eye: Season 5")).toEqual([]);
    expect(found("We watched The Politician and Queer Eye, then talked about my bisexual friend")).toEqual([["bisexual", "sexuality", 2]]);
  });

  it("respects word boundaries in every language", () => {
    expect(found("résultats disponibles, hospitality award, gehalten, Fußball")).toEqual([]);
  });

  it("keeps offsets right when a character lowercases to two", () => {
    const value = "İstanbul: my therapist";
    expect(found(value)).toEqual([["therapist", "health", 2]]);
  });
});
