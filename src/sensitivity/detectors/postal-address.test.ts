import { describe, expect, it } from "vitest";
import { detectPostalAddresses } from "./postal-address.js";

const found = (text: string) => detectPostalAddresses(text).map((span) => text.slice(span.start, span.end));

describe("detectPostalAddresses", () => {
  it("finds street, number and postcode as each country writes them", () => {
    expect(found("New address: 742 Evergreen Terrace, Springfield, OR 97403.")).toEqual(["742 Evergreen Terrace, Springfield, OR 97403"]);
    expect(found("at 10 Downing Street, London SW1A 2AA")).toEqual(["10 Downing Street, London SW1A 2AA"]);
    expect(found("Neue Adresse: Lindenstraße 42, 10969 Berlin")).toEqual(["Lindenstraße 42, 10969 Berlin"]);
    expect(found("wir wohnen jetzt Berliner Straße 5a")).toEqual(["Berliner Straße 5a"]);
    expect(found("Abito in Via Giuseppe Verdi 12, 20121 Milano")).toEqual(["Via Giuseppe Verdi 12, 20121 Milano"]);
    expect(found("Vivo en Calle Mayor 15, 28013 Madrid")).toEqual(["Calle Mayor 15, 28013 Madrid"]);
    expect(found("J'habite au 12 rue de la Paix, 75002 Paris")).toEqual(["12 rue de la Paix, 75002 Paris"]);
  });

  it("does not take titles, ordinals or street names without a number for addresses", () => {
    expect(found("Miracle on 34th Street; Via Roma; Sesame Street; 3 Days to Kill; Plaza Suite")).toEqual([]);
  });
});
