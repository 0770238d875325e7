import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importInputs } from "../src/import/run.js";
import { vaultStats } from "../src/vault/queries.js";
import { fixture } from "./fixtures.js";
import { useTempDir, useTempVault, writeTgz, writeZip } from "./helpers.js";

const activity = (...path: string[]) => readFileSync(fixture("google", "activity", ...path));
const products = (...path: string[]) => readFileSync(fixture("google", "products", ...path));
const location = (...path: string[]) => readFileSync(fixture("google", "location", ...path));

/** A German account's Takeout in two parts, each with its own `Takeout/` root, as Google delivers it. */
function writeGermanTakeout(dir: string): string[] {
  return [
    writeZip(join(dir, "takeout-20260101T000000Z-001.zip"), {
      "Takeout/YouTube und YouTube Music/Verlauf/Wiedergabeverlauf.html": activity("youtube", "watch-history.html"),
      "Takeout/Meine Aktivitäten/Suche/MeineAktivitäten.html": activity("html", "MeineAktivitäten.html"),
      "Takeout/Chrome/Verlauf.json": products("Chrome-de", "Verlauf.json"),
      "Takeout/Mail/Alle E-Mails einschließlich Spam und Papierkorb.mbox": readFileSync(fixture("mbox", "gmail.mbox")),
    }),
    writeZip(join(dir, "takeout-20260101T000000Z-002.zip"), {
      "Takeout/Maps (Meine Orte)/Gespeicherte Orte.json": products("Maps (Meine Orte)", "Gespeicherte Orte.json"),
      "Takeout/Location History (Timeline)/Records.json": location("Location History (Timeline)", "Records.json"),
      "Takeout/Kalender/Feiertage.ics": products("Kalender", "Feiertage.ics"),
      "Takeout/Kontakte/Meine Kontakte/Meine Kontakte.vcf": products("Kontakte", "Meine Kontakte", "Meine Kontakte.vcf"),
      "Takeout/YouTube und YouTube Music/Abos/Abos.csv": products("youtube-de", "Abos", "Abos.csv"),
      "Takeout/archive_browser.html": "<html><body>Archiv-Übersicht</body></html>",
    }),
  ];
}

describe("a multi-part Takeout with German names", () => {
  const tempDir = useTempDir();
  const tempVault = useTempVault();

  it("stores every product's records once, and a later overlapping Takeout adds only what is new", async () => {
    const vault = await tempVault();
    const dir = tempDir();
    const report = await importInputs(vault, writeGermanTakeout(dir));

    const byFile = Object.fromEntries(report.files.map((file) => [file.path.slice(dir.length + 1), [file.importer, file.records]]));
    expect(byFile).toEqual({
      "takeout-20260101T000000Z-001.zip/Takeout/YouTube und YouTube Music/Verlauf/Wiedergabeverlauf.html": ["google.my-activity-html", 7],
      "takeout-20260101T000000Z-001.zip/Takeout/Meine Aktivitäten/Suche/MeineAktivitäten.html": ["google.my-activity-html", 3],
      "takeout-20260101T000000Z-001.zip/Takeout/Chrome/Verlauf.json": ["google.chrome.history", 1],
      "takeout-20260101T000000Z-001.zip/Takeout/Mail/Alle E-Mails einschließlich Spam und Papierkorb.mbox": ["mbox.messages", 2],
      "takeout-20260101T000000Z-002.zip/Takeout/Maps (Meine Orte)/Gespeicherte Orte.json": ["google.maps.saved-places", 2],
      "takeout-20260101T000000Z-002.zip/Takeout/Location History (Timeline)/Records.json": ["google_location.records", 3],
      "takeout-20260101T000000Z-002.zip/Takeout/Kalender/Feiertage.ics": ["google.calendar.ics", 2],
      "takeout-20260101T000000Z-002.zip/Takeout/Kontakte/Meine Kontakte/Meine Kontakte.vcf": ["google.contacts.vcard", 1],
      "takeout-20260101T000000Z-002.zip/Takeout/YouTube und YouTube Music/Abos/Abos.csv": ["google.youtube.subscriptions", 2],
      // Takeout's own index page is not the user's data: listed, not imported.
      "takeout-20260101T000000Z-002.zip/Takeout/archive_browser.html": [null, 0],
    });
    expect(report.records_added).toBe(23);
    expect(Object.keys((await vaultStats(vault.db)).by_platform).sort()).toEqual(
      ["chrome", "gmail", "google_calendar", "google_contacts", "google_location", "google_maps", "google_search", "youtube", "youtube_music"].sort(),
    );

    // A later Takeout, as a .tgz: the same watch history now as JSON, the same Chrome history,
    // and search activity the first one did not have.
    const later = await writeTgz(join(dir, "takeout-20260301T000000Z.tgz"), {
      "Takeout/YouTube und YouTube Music/Verlauf/Wiedergabeverlauf.json": activity("youtube", "watch-history.json"),
      "Takeout/Chrome/Verlauf.json": products("Chrome-de", "Verlauf.json"),
      "Takeout/Meine Aktivitäten/Suche/MeineAktivitäten.json": activity("json", "MeineAktivitäten.json"),
    });
    const second = await importInputs(vault, [later]);
    expect(second.files.map((file) => [file.path.slice(later.length + 1), file.records, file.records_added])).toEqual([
      ["Takeout/YouTube und YouTube Music/Verlauf/Wiedergabeverlauf.json", 7, 0],
      ["Takeout/Chrome/Verlauf.json", 1, 0],
      ["Takeout/Meine Aktivitäten/Suche/MeineAktivitäten.json", 4, 4],
    ]);
    expect((await vaultStats(vault.db)).records).toBe(27);
  });
});
