import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../../../src/import/file-input.js";
import { fixture } from "../../../../test/fixtures.js";
import { readAll } from "../../../read-all.js";
import { contactsCsvImporter as importer } from "./csv.js";

const input = (name: string) => fileInputFromPath(fixture("google", "products", "Contacts-csv", name));

describe("Google Contacts CSV (My Contacts.csv, contacts.csv)", () => {
  it("reads the older layout, splitting cells that hold several values", async () => {
    const file = await input("My Contacts.csv");
    expect(importer.detect(file)).toBe(1);
    const { records, errors } = await readAll(importer, file);
    expect(errors).toEqual([]);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      kind: "contact",
      title: "Anna Müller",
      fields: {
        given_name: "Anna",
        family_name: "Müller",
        organization: "Firma GmbH",
        job_title: "Engineer",
        birthday: "1985-04-12",
        emails: [
          { address: "anna@example.org", label: "Home" },
          { address: "anna.m@example.org", label: "Home" },
          { address: "a.mueller@firma.example", label: "Work" },
        ],
        phones: [{ number: "+49 170 1234567", e164: "+491701234567", label: "Mobile" }],
        addresses: [{ formatted: "Hauptstraße 5\n10115 Berlin\nDeutschland", street: "Hauptstraße 5", city: "Berlin", postal_code: "10115", country: "Deutschland", label: "Home" }],
        websites: [{ url: "https://anna.example.org", label: "Home Page" }],
        groups: ["myContacts", "starred"],
        has_photo: true,
      },
    });
    expect(records[1]).toMatchObject({ title: null, fields: { groups: ["myContacts"] } });
  });

  it("reads the 2023+ layout (First Name, Labels, E-mail 1 - Label)", async () => {
    const { records, errors } = await readAll(importer, await input("contacts.csv"));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      title: "Carlo Rossi",
      fields: {
        organization: "Trattoria Da Carlo",
        birthday: "--03-15",
        phones: [
          { number: "+39 347 123 4567", e164: "+393471234567", label: "Mobile" },
          { number: "06 1234 5678", label: "Work" },
        ],
        addresses: [{ city: "Roma", region: "RM", postal_code: "00184", country: "Italia", label: "Work" }],
        groups: ["myContacts", "Friends"],
      },
    });
  });
});
