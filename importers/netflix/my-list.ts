import { netflixTable, textField } from "./table.js";

/** `CONTENT_INTERACTION/MyList.csv`: the titles each profile saved to watch later. */
export const myListImporter = netflixTable({
  id: "netflix.my-list",
  title: "Netflix My List",
  fileName: /^MyList\.csv$/i,
  required: ["Profile Name", "Title Name", "Utc Title Add Date"],
  known: ["Country"],
  kind: "list_item",
  // A title removed and added again is a new entry, told apart by its date.
  key: ["profile", "title", "utc_title_add_date"],
  time: ["utc_title_add_date"],
  recordTitle: (fields) => textField(fields, "title"),
  // A backlog the recommender draws on, named as Netflix names it.
  refine: (fields) => ({ ...fields, list: "My List" }),
  fieldSensitivity: {
    country: { level: 1, categories: ["location"], reason: "country the title was added from" },
  },
});
