import type { Importer } from "../types.js";
import { accountImporter } from "./account.js";
import { billingHistoryImporter } from "./billing-history.js";
import { devicesImporter } from "./devices.js";
import { ipAddressesImporter } from "./ip-addresses.js";
import { myListImporter } from "./my-list.js";
import { profilesImporter } from "./profiles.js";
import { ratingsImporter } from "./ratings.js";
import { searchHistoryImporter } from "./search-history.js";
import { viewingActivityImporter } from "./viewing-activity.js";
import { viewingHistoryImporter } from "./viewing-history.js";

/** Netflix's two exports: the viewing-history download and the personal-information zip. */
export const netflixImporters: Importer[] = [
  viewingHistoryImporter,
  viewingActivityImporter,
  myListImporter,
  ratingsImporter,
  searchHistoryImporter,
  accountImporter,
  profilesImporter,
  devicesImporter,
  ipAddressesImporter,
  billingHistoryImporter,
];
