import { describe, expect, it } from "vitest";
import { kindOf, splitVerb } from "./verbs.js";

describe("My Activity title verbs", () => {
  it.each([
    ["Watched Never Gonna Give You Up", "watched", "Never Gonna Give You Up"],
    ["Angesehen: Never Gonna Give You Up", "watched", "Never Gonna Give You Up"],
    ["„Never Gonna Give You Up“ angesehen", "watched", "Never Gonna Give You Up"],
    ["Has visto Never Gonna Give You Up", "watched", "Never Gonna Give You Up"],
    ["Hai guardato Never Gonna Give You Up", "watched", "Never Gonna Give You Up"],
    ["A regardé Never Gonna Give You Up", "watched", "Never Gonna Give You Up"],
    ["Assistiu a Never Gonna Give You Up", "watched", "Never Gonna Give You Up"],
    ["Bekeken: Never Gonna Give You Up", "watched", "Never Gonna Give You Up"],
    ["Searched for \"myactivity\" google export", "searched", "\"myactivity\" google export"],
    ["Gesucht nach: wetter berlin", "searched", "wetter berlin"],
    ["Nach wetter berlin gesucht", "searched", "wetter berlin"],
    ["Has buscado tiempo en madrid", "searched", "tiempo en madrid"],
    ["Hai cercato meteo roma", "searched", "meteo roma"],
    ["A recherché météo paris", "searched", "météo paris"],
    ["Pesquisou por tempo lisboa", "searched", "tempo lisboa"],
    ["Gezocht naar weer amsterdam", "searched", "weer amsterdam"],
    ["Visited\u00a0https://productforums.google.com/forum/", "visited", "https://productforums.google.com/forum/"],
    ["Besucht: Deutscher Wetterdienst", "visited", "Deutscher Wetterdienst"],
    ["Has visitado AEMET", "visited", "AEMET"],
    ["Hai visitato Il Meteo", "visited", "Il Meteo"],
    ["A consulté Météo-France", "visited", "Météo-France"],
    ["Visitou IPMA", "visited", "IPMA"],
    ["KNMI bezocht", "visited", "KNMI"],
    ["Viewed area around Pheba", "viewed", "area around Pheba"],
    ["Hai visualizzato zona intorno a Roma", "viewed", "zona intorno a Roma"],
    ["Used Chrome", "used", "Chrome"],
    ["Chrome verwendet", "used", "Chrome"],
    ["Hai utilizzato Ricerca Google", "used", "Ricerca Google"],
    ["Vous avez utilisé Chrome", "used", "Chrome"],
    ["Usou Chrome", "used", "Chrome"],
    ["Chrome gebruikt", "used", "Chrome"],
    ["Listened to Some podcast", "listened", "Some podcast"],
  ])("%s", (title, action, object) => {
    expect(splitVerb(title)).toEqual({ action, object });
  });

  it("keeps a sentence without a known verb whole", () => {
    expect(splitVerb("6 cards in your feed")).toEqual({ object: "6 cards in your feed" });
    expect(splitVerb("Watched")).toEqual({ object: "Watched" });
  });

  it("prefers a leading verb to a trailing one", () => {
    expect(splitVerb("Watched Why I never used it")).toEqual({ action: "watched", object: "Why I never used it" });
    expect(splitVerb("Watched Wie ich es gesucht")).toEqual({ action: "watched", object: "Wie ich es gesucht" });
  });

  it("makes viewings, searches and page visits; anything else is activity", () => {
    expect(["watched", "searched", "visited", "used", undefined].map(kindOf)).toEqual(["viewing", "search", "page_visit", "activity", "activity"]);
  });
});
