import { describe, expect, it } from "vitest";
import { fileInputFromBuffer, fileInputFromPath } from "../../src/import/file-input.js";
import { fixture } from "../../test/fixtures.js";
import { hasRealWorld, realWorld } from "../../test/real-world.js";
import { readAll } from "../read-all.js";
import { wishlist } from "./wishlist.js";

const lists = fixture("amazon", "Amazon.Lists.Wishlist.1.1", "Amazon.Lists.Wishlist.json");

async function read(path: string, resume: unknown = null) {
  return readAll(wishlist, await fileInputFromPath(path, path, resume));
}

describe("Amazon.Lists.Wishlist JSON", () => {
  it("is recognised by the shape of its entries, not by other JSON arrays", () => {
    expect(wishlist.detect(fileInputFromBuffer("lists.json", '[{"Books [List]": [{"listName": "Books"}]}]'))).toBeGreaterThan(0.9);
    expect(wishlist.detect(fileInputFromBuffer("Amazon.Lists.Wishlist.json", '[{"Order ID": "1"}]'))).toBe(0);
  });

  it("reads every item on its list, deleted ones kept and marked, and the list's members", async () => {
    const { records, errors } = await read(lists);
    expect(records.map((record) => [record.kind, record.naturalKey, record.title, record.fields.list])).toEqual([
      ["list_item", "list_item:wishlist:Books to read:0316769487", "0316769487", "Books to read"],
      ["list_item", "list_item:wishlist:Books to read:0441478123", "0441478123", "Books to read"],
      ["list_item", "list_item:wishlist:Books to read:0316769487:2", "0316769487", "Books to read"],
      ["list_member", "list_member:wishlist:Books to read:Giftee:#8c87b489ce35cf2e", "Giftee of Books to read", "Books to read"],
      ["list_item", "list_item:wishlist:Gift ideas:B07XYZ1234", "B07XYZ1234", "Gift ideas"],
    ]);
    expect(errors).toEqual([{ type: "error", at: "entry 5", message: 'expected an object like {"<list> [Item 1]": [{"asin": …}, …]}' }]);
  });

  it("gives an item its price, dates in UTC and its list's properties", async () => {
    const [added, purchased, deleted, member, gift] = (await read(lists)).records;
    expect(added).toMatchObject({ time: new Date("2021-01-01T00:00:00Z"), url: "https://www.amazon.com/dp/0316769487", resume: 2 });
    expect(added!.fields).toEqual({
      list: "Books to read",
      asin: "0316769487",
      quantity: 1,
      price: 7.99,
      currency: "USD",
      added_date: "2021-01-01T00:00:00.000Z",
      list_privacy: "PUBLIC",
      list_type: "WishList",
      list_recent_activity_date: "2021-11-18T11:07:00.730Z",
    });
    expect(purchased!.fields).toMatchObject({ reveal_date: "2021-09-16T12:17:58.000Z", fully_purchased: true, quantity: 2 });
    expect(deleted!.fields).toMatchObject({ deleted: true });
    expect(deleted!.time).toBeNull();
    expect(member!.fields).toEqual({ list: "Books to read", role_name: "Giftee", user_name: "Jane", email_address: "jane@example.com" });
    expect(gift!.fields).toEqual({ list: "Gift ideas", asin: "B07XYZ1234", quantity: 1 });
  });

  it("keeps e-mail addresses out of keys and declares them highly sensitive", async () => {
    const { records } = await read(lists);
    expect(records.map((record) => record.naturalKey).join()).not.toContain("jane");
    expect(wishlist.fieldSensitivity!.email_address).toMatchObject({ level: 3, categories: ["contact"] });
  });

  it("resumes after the last stored entry", async () => {
    const { records } = await read(lists, 4);
    expect(records.map((record) => record.naturalKey)).toEqual([
      "list_member:wishlist:Books to read:Giftee:#8c87b489ce35cf2e",
      "list_item:wishlist:Gift ideas:B07XYZ1234",
    ]);
  });

  it("throws on a file that is not JSON", async () => {
    await expect(readAll(wishlist, fileInputFromBuffer("Amazon.Lists.Wishlist.json", '[{"A [List]": [}'))).rejects.toThrow(/not valid JSON/);
  });
});

describe.skipIf(!hasRealWorld)("Amazon.Lists.Wishlist JSON, real-world sample", () => {
  it("reads the 32 items of six lists, 8 of them deleted, and their six members", async () => {
    const { records, errors } = await read(realWorld("amazon", "Amazon.Lists.Wishlist.2.1", "Amazon.Lists.Wishlist.json"));
    expect(errors).toEqual([]);
    const items = records.filter((record) => record.kind === "list_item");
    expect(items).toHaveLength(32);
    expect(items.filter((record) => record.fields.deleted === true)).toHaveLength(8);
    expect(records.filter((record) => record.kind === "list_member")).toHaveLength(6);
    const counts: Record<string, number> = {};
    for (const item of items) counts[item.fields.list as string] = (counts[item.fields.list as string] ?? 0) + 1;
    expect(counts).toEqual({ "List PC Components": 20, "Lista degli acquisti": 1, cuffie: 1, Monitors: 4, Vizi: 1, "Lista Desideri": 5 });
    expect(items[0]).toMatchObject({
      naturalKey: "list_item:wishlist:List PC Components:B072DXXXN1",
      title: "B072DXXXN1",
      fields: { price: 899, currency: "EUR", deleted: true, list_privacy: "PRIVATE" },
    });
  });
});
