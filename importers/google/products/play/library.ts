import { playTable } from "./table.js";

/** `Google Play Store/Library.json`: apps, books, films the account owns. */
export const playLibraryImporter = playTable({
  id: "google.play.library",
  title: "Google Play library",
  wrapper: "libraryDoc",
  fileName: /^Library\.json$/i,
  kind: "library_item",
  time: "acquisition_time",
  key: (fields) => [fields.document_type as string, fields.title as string],
});
