import type { Importer } from "../../types.js";
import { calendarImporter } from "./calendar/ics.js";
import { chromeBookmarksImporter } from "./chrome/bookmarks.js";
import { chromeHistoryImporter } from "./chrome/history.js";
import { contactsCsvImporter } from "./contacts/csv.js";
import { vcardImporter } from "./contacts/vcf.js";
import { savedListsImporter } from "./maps/saved-lists.js";
import { savedPlacesImporter } from "./maps/saved-places.js";
import { playInstallsImporter } from "./play/installs.js";
import { playLibraryImporter } from "./play/library.js";
import { playOrdersImporter } from "./play/order-history.js";
import { playPurchasesImporter } from "./play/purchase-history.js";
import { playSubscriptionsImporter } from "./play/subscriptions.js";
import { commentsImporter } from "./youtube/comments.js";
import { playlistIndexImporter } from "./youtube/playlist-index.js";
import { playlistsImporter } from "./youtube/playlists.js";
import { subscriptionsImporter } from "./youtube/subscriptions.js";

/** Google Takeout's products other than My Activity, Location History and Mail. */
export const googleProductImporters: Importer[] = [
  subscriptionsImporter,
  playlistsImporter,
  playlistIndexImporter,
  commentsImporter,
  chromeHistoryImporter,
  chromeBookmarksImporter,
  calendarImporter,
  vcardImporter,
  contactsCsvImporter,
  savedPlacesImporter,
  savedListsImporter,
  playInstallsImporter,
  playLibraryImporter,
  playPurchasesImporter,
  playOrdersImporter,
  playSubscriptionsImporter,
];
