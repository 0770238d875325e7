import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../../src/import/file-input.js";
import { fixture, fixturesDir } from "../../../test/fixtures.js";
import { hasRealWorld, realWorldDir } from "../../../test/real-world.js";
import { importers as registered } from "../../index.js";
import type { Importer } from "../../types.js";
import { googleActivityImporters } from "../activity/index.js";
import { googleLocationImporters } from "../location/index.js";
import { googleProductImporters } from "./index.js";

const ours = new Set(googleProductImporters);
const others: Importer[] = [...new Set([...registered, ...googleActivityImporters, ...googleLocationImporters])].filter((importer) => !ours.has(importer));
const productFixtures = fixture("google", "products");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Which of our importers claims each of our fixtures, by the path under `test/fixtures/google/products`. */
const EXPECTED: Record<string, string | null> = {
  "youtube/subscriptions/subscriptions.csv": "google.youtube.subscriptions",
  "youtube-de/Abos/Abos.csv": "google.youtube.subscriptions",
  "youtube/comments/comments-2023.csv": "google.youtube.comments",
  "youtube/comments/comments-2024.csv": "google.youtube.comments",
  "youtube-de/Kommentare.csv": "google.youtube.comments",
  "youtube/playlists/Watch later-videos.csv": "google.youtube.playlists",
  "youtube/playlists/Road trip.csv": "google.youtube.playlists",
  "youtube-de/Playlists/Später ansehen-Videos.csv": "google.youtube.playlists",
  "youtube/playlists/playlists.csv": "google.youtube.playlist-index",
  "Chrome/BrowserHistory.json": "google.chrome.history",
  "Chrome-de/Verlauf.json": "google.chrome.history",
  "Chrome/Bookmarks.html": "google.chrome.bookmarks",
  "Calendar/anna@example.org.ics": "google.calendar.ics",
  "Kalender/Feiertage.ics": "google.calendar.ics",
  "Contacts/My Contacts/My Contacts.vcf": "google.contacts.vcard",
  "Kontakte/Meine Kontakte/Meine Kontakte.vcf": "google.contacts.vcard",
  "Contacts-csv/My Contacts.csv": "google.contacts.csv",
  "Contacts-csv/contacts.csv": "google.contacts.csv",
  "Maps (your places)/Saved Places.json": "google.maps.saved-places",
  "Maps (Meine Orte)/Gespeicherte Orte.json": "google.maps.saved-places",
  "Maps (I tuoi luoghi)/Luoghi salvati.json": "google.maps.saved-places",
  "Saved/Want to go.csv": "google.maps.saved-lists",
  "Saved/Favourite places.csv": "google.maps.saved-lists",
  "Gespeichert/Möchte ich hin.csv": "google.maps.saved-lists",
  "Google Play Store/Installs.json": "google.play.installs",
  "Google Play Store/Library.json": "google.play.library",
  "Google Play Store/Purchase History.json": "google.play.purchase-history",
  "Google Play Store/Order History.json": "google.play.order-history",
  "Google Play Store/Subscriptions.json": "google.play.subscriptions",
};

describe("Google Takeout products: who claims which file", () => {
  it("each fixture is claimed by its importer only, and by no other platform's", async () => {
    const files = filesUnder(productFixtures);
    expect(files.map((path) => relative(productFixtures, path)).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const path of files) {
      const name = relative(productFixtures, path);
      const file = await fileInputFromPath(path, `Takeout/${name}`);
      const claims = googleProductImporters.filter((importer) => importer.detect(file) > 0).map((importer) => importer.id);
      expect([name, claims]).toEqual([name, EXPECTED[name] ? [EXPECTED[name]] : []]);
      expect([name, others.filter((importer) => importer.detect(file) > 0).map((importer) => importer.id)]).toEqual([name, []]);
    }
  });

  it("claims none of the other platforms' fixtures", async () => {
    const files = filesUnder(fixturesDir).filter((path) => !path.startsWith(productFixtures));
    expect(files.length).toBeGreaterThan(10);
    for (const path of files) {
      const file = await fileInputFromPath(path, relative(fixturesDir, path));
      expect([file.path, googleProductImporters.filter((importer) => importer.detect(file) > 0).map((importer) => importer.id)]).toEqual([file.path, []]);
    }
  });

  it.skipIf(!hasRealWorld)("claims none of the real-world samples of other formats", async () => {
    for (const path of filesUnder(realWorldDir)) {
      const file = await fileInputFromPath(path, relative(realWorldDir, path));
      expect([file.path, googleProductImporters.filter((importer) => importer.detect(file) > 0).map((importer) => importer.id)]).toEqual([file.path, []]);
    }
  });

  it("claims neither random bytes nor an empty file", () => {
    for (const content of [randomBytes(4096), Buffer.alloc(0)]) {
      const file = fileInputFromBuffer("Takeout/Chrome/BrowserHistory.json", content);
      expect(googleProductImporters.map((importer) => importer.detect(file))).toEqual(googleProductImporters.map(() => 0));
    }
  });
});
