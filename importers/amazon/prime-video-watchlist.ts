import { amazonTable, textField } from "./table.js";

/**
 * `Digital.PrimeVideo.Watchlist/…csv`: what the user means to watch, one `list_item` on the
 * "Prime Video watchlist" per title. The watchlist file has `itemAddedDate,catalogTitle`; its
 * history file adds `listId`, `itemType` and `deleted` (1 for titles taken off since), which are
 * kept, not dropped; later exports are said to name the columns `Title`, `Added Date`.
 */
export const primeVideoWatchlist = amazonTable({
  id: "amazon.prime-video-watchlist",
  platform: "prime_video",
  title: "Prime Video watchlist",
  fileName: /watchlist/i,
  required: [["catalogTitle", "Title"], ["itemAddedDate", "Added Date"]],
  known: ["listId", "itemType", "deleted"],
  kind: "list_item",
  keyScope: "watchlist",
  key: ["catalog_title", "title", "item_added_date", "added_date"],
  time: ["item_added_date", "added_date"],
  dates: ["item_added_date", "added_date"],
  flags: ["deleted"],
  refine: (fields) => ({ ...fields, list: "Prime Video watchlist" }),
  recordTitle: (fields) => textField(fields, "catalog_title") ?? textField(fields, "title"),
  fieldSensitivity: {},
});
