import type { Importer } from "../types.js";
import { googleActivityImporters } from "./activity/index.js";
import { googleLocationImporters } from "./location/index.js";
import { googleProductImporters } from "./products/index.js";

/** Everything Google Takeout holds that Ownbase reads. */
export const googleImporters: Importer[] = [...googleActivityImporters, ...googleLocationImporters, ...googleProductImporters];
