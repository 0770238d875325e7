import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../../../src/import/file-input.js";
import { fixture } from "../../../../test/fixtures.js";
import { readAll } from "../../../read-all.js";
import { contactsCsvImporter } from "./csv.js";
import { vcardImporter as importer } from "./vcf.js";

const input = (...parts: string[]) => fileInputFromPath(fixture("google", "products", ...parts));

describe("Google Contacts (Contacts/<list>/<list>.vcf)", () => {
  it("reads every card, with labelled addresses and numbers, and only notes that there was a photo", async () => {
    const file = await input("Contacts", "My Contacts", "My Contacts.vcf");
    expect(importer.detect(file)).toBe(1);
    const { records, errors } = await readAll(importer, file);
    expect(errors).toEqual([]);
    expect(records.map((record) => [record.kind, record.title])).toEqual([
      ["contact", "Anna Müller"],
      ["contact", null],
      ["contact", "Carlo Rossi"],
    ]);
    expect(records[0]!.fields).toEqual({
      name: "Anna Müller",
      family_name: "Müller",
      given_name: "Anna",
      middle_name: "Maria",
      name_prefix: "Dr.",
      nickname: "Anni",
      organization: "Firma GmbH",
      department: "Entwicklung",
      job_title: "Engineer",
      birthday: "1985-04-12",
      notes: "Met at the conference, likes climbing",
      emails: [
        { address: "Anna@Example.org", label: "home" },
        { address: "a.mueller@firma.example", label: "work" },
      ],
      phones: [
        { number: "+49 170 1234567", e164: "+491701234567", label: "cell" },
        { number: "030 1234567", label: "home" },
      ],
      addresses: [{ street: "Hauptstraße 5", city: "Berlin", postal_code: "10115", country: "Deutschland", label: "home" }],
      websites: [{ url: "https://anna.example.org", label: "HomePage" }],
      groups: ["myContacts", "starred"],
      has_photo: true,
    });
    expect(JSON.stringify(records)).not.toContain("/9j/4AAQ");
    expect(records[1]!.fields.phones).toEqual([{ number: "0049 151 98765432", e164: "+4915198765432", label: "cell" }]);
    expect(records[2]!.naturalKey).toBe("contact|uid:4B2F8C1E-1D3A-4E5F-9A7B-0C1D2E3F4A5B");
  });

  it("keys a contact without a UID by a digest, never by its address in clear", async () => {
    const { records } = await readAll(importer, await input("Contacts", "My Contacts", "My Contacts.vcf"));
    expect(records[0]!.naturalKey).toMatch(/^contact\|#[0-9a-f]{16}$/);
    for (const level3 of ["emails", "phones", "addresses", "birthday"]) expect(importer.fieldSensitivity?.[level3]?.level).toBe(3);
  });

  it("gives the same contact the same key in the vCard and the CSV export", async () => {
    const vcard = await readAll(importer, await input("Contacts", "My Contacts", "My Contacts.vcf"));
    const csv = await readAll(contactsCsvImporter, await input("Contacts-csv", "My Contacts.csv"));
    expect(csv.records.map((record) => record.naturalKey)).toEqual(vcard.records.slice(0, 2).map((record) => record.naturalKey));
  });

  it("reads a German list, whose photo is a link", async () => {
    const { records } = await readAll(importer, await input("Kontakte", "Meine Kontakte", "Meine Kontakte.vcf"));
    expect(records.map((record) => [record.title, record.fields.has_photo])).toEqual([["Jörg Schmidt", true]]);
  });

  it("continues after the last stored card", async () => {
    const path = fixture("google", "products", "Contacts", "My Contacts", "My Contacts.vcf");
    const { records } = await readAll(importer, await fileInputFromPath(path, path, 2));
    expect(records.map((record) => record.title)).toEqual(["Carlo Rossi"]);
  });

  it("does not claim a calendar", () => {
    expect(importer.detect(fileInputFromBuffer("x.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))).toBe(0);
  });
});
