import { describe, expect, it } from "vitest";
import { previewedShow, splitEpisodeTitle } from "./series.js";

describe("episode titles", () => {
  it("splits a show from its season and episode in the catalogue's languages", () => {
    expect(splitEpisodeTitle("Dark: Season 1: Secrets")).toEqual({ show: "Dark", position: "Season 1: Secrets" });
    expect(splitEpisodeTitle("Strappare lungo i bordi: Stagione 1: Episodio 4 (Episodio 4)")).toEqual({ show: "Strappare lungo i bordi", position: "Stagione 1: Episodio 4 (Episodio 4)" });
    expect(splitEpisodeTitle("Haus des Geldes: Teil 1: Folge 1")?.show).toBe("Haus des Geldes");
    expect(splitEpisodeTitle("The Queen’s Gambit: Limited Series: Openings")?.show).toBe("The Queen’s Gambit");
    // A show whose own name has a colon keeps it.
    expect(splitEpisodeTitle("Star Trek: Discovery: Season 2: Brother")?.show).toBe("Star Trek: Discovery");
  });

  it("leaves films alone, colons and all", () => {
    expect(splitEpisodeTitle("BlacKkKlansman")).toBeNull();
    expect(splitEpisodeTitle("Mission: Impossible")).toBeNull();
  });

  it("finds the show a trailer or clip is for", () => {
    expect(previewedShow("Stagione 1 (Trailer): Squid Game")).toBe("Squid Game");
    expect(previewedShow("Season 1 Plot Clip: Tear Along the Dotted Line")).toBe("Tear Along the Dotted Line");
    expect(previewedShow("Trailer")).toBeNull();
  });
});
