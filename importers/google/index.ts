import type { Importer } from "../types.js";
import { googleProductImporters } from "./products/index.js";

/** Everything Google Takeout holds that Ownbase reads. */
export const googleImporters: Importer[] = [...googleProductImporters];
