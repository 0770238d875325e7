import { amazonTable, textField } from "./table.js";

/**
 * `Audible.Library/Audible.Library.csv`: one `library_item` per audiobook owned, with when it was
 * added, downloaded or deleted (`12-Jan-2019`). Columns from a public parser of the export:
 * `DateAdded,Title,Asin,IsDownloaded,IsDeleted,DeleteBy,DateDeleted,IsPublic,IsStreamed,IsPreorder,
 * Downloads,DateFirstDownloaded,OrderNumber,OriginType`; others (`Author`, `Purchase Date`) are
 * kept as they come.
 */
export const audibleLibrary = amazonTable({
  id: "amazon.audible-library",
  platform: "audible",
  title: "Audible library",
  fileName: /^Audible\.Library/i,
  required: ["Asin", "Title", ["DateAdded", "Purchase Date"]],
  known: [
    "IsDownloaded", "IsDeleted", "DeleteBy", "DateDeleted", "IsPublic", "IsStreamed", "IsPreorder", "Downloads", "DateFirstDownloaded",
    "OrderNumber", "OriginType", "Author", "Authors", "Narrator", "Purchase Date",
  ],
  rowRequires: ["Asin"],
  kind: "library_item",
  key: ["asin"],
  time: ["date_added", "purchase_date"],
  dates: ["date_added", "purchase_date", "date_deleted", "date_first_downloaded"],
  counts: ["downloads"],
  flags: ["is_downloaded", "is_deleted", "is_public", "is_streamed", "is_preorder"],
  recordTitle: (fields) => textField(fields, "title") ?? textField(fields, "asin"),
  fieldSensitivity: {},
});
