import { describe, expect, it } from "vitest";
import { fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../test/real-world.js";
import { readAll } from "../read-all.js";
import { accountImporter as importer } from "./account.js";

const read = async (path: string) => readAll(importer, await fileInputFromPath(path));

describe("Netflix account details (AccountDetails.csv)", () => {
  it("keeps the holder's details, with yes/no preferences as booleans", async () => {
    const { records, errors } = await read(fixture("netflix", "ACCOUNT", "AccountDetails.csv"));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: "account",
      naturalKey: "account|2021-11-27T17:20:06Z",
      time: new Date("2021-11-27T17:20:06Z"),
      fields: {
        first_name: "Anna",
        last_name: "Beispiel",
        email_address: "anna@example.org",
        phone_number: "+4915100000000",
        membership_status: "CURRENT_MEMBER",
        cookie_disclosure: true,
        netflix_updates: true,
        now_on_netflix: false,
        marketing_communications_matched_identifiers: false,
      },
    });
  });

  it("tags name, e-mail and phone as highly sensitive and keeps them out of title and key", async () => {
    const { records } = await read(fixture("netflix", "ACCOUNT", "AccountDetails.csv"));
    for (const field of ["first_name", "last_name", "email_address", "phone_number"]) {
      expect(importer.fieldSensitivity![field]!.level).toBe(3);
    }
    expect(importer.fieldSensitivity!.email_address!.categories).toContain("contact");
    expect(records[0]!.title).toBe("Netflix account");
    expect(records[0]!.naturalKey).not.toContain("anna");
  });
});

describe.skipIf(!hasRealWorld)("Netflix account details, real-world sample", () => {
  it("reads the account without its empty name columns", async () => {
    const { records, errors } = await read(realWorld("netflix", "ACCOUNT", "AccountDetails.csv"));
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]!.fields).toMatchObject({ email_address: "davide@gmail.it", phone_number: "+393314455667", primary_lang: "it-IT" });
    expect(records[0]!.fields).not.toHaveProperty("first_name");
  });
});
