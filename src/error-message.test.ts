import { describe, expect, it } from "vitest";
import { errorMessage } from "./error-message.js";

describe("errorMessage", () => {
  it("gives the database's reason for a failed query, not the query and its values", () => {
    const failed = new Error('Failed query: insert into "fields" values (?)\nparams: my secret diary', { cause: new Error("SQLITE_BUSY: database is locked") });
    expect(errorMessage(failed)).toBe("SQLITE_BUSY: database is locked");
  });

  it("keeps any other message as it is", () => {
    expect(errorMessage(new Error("archive.zip: truncated"))).toBe("archive.zip: truncated");
    expect(errorMessage("plain")).toBe("plain");
  });
});
