import { describe, expect, it } from "vitest";
import { detectCoordinates } from "./coordinates.js";

const found = (text: string) => detectCoordinates(text).map((span) => text.slice(span.start, span.end));

describe("detectCoordinates", () => {
  it("finds latitude/longitude pairs with enough decimals", () => {
    expect(found("We met at 51.5007, -0.1246 near the bridge")).toEqual(["51.5007, -0.1246"]);
    expect(found("Pin: 48.1374° N, 11.5755° E")).toEqual(["48.1374° N, 11.5755° E"]);
  });

  it("ignores prices, coarse pairs and values off the globe", () => {
    expect(found("Total 12.50, 3.99 and 1.5, 2.5 and 95.1234, 10.1234")).toEqual([]);
  });
});
