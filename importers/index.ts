import { amazonImporters } from "./amazon/index.js";
import { googleImporters } from "./google/index.js";
import { mboxImporters } from "./mbox/index.js";
import { netflixImporters } from "./netflix/index.js";
import type { Importer } from "./types.js";

/** Every importer Ownbase has; the archive walker offers each file to all of them. */
export const importers: readonly Importer[] = [...netflixImporters, ...amazonImporters, ...googleImporters, ...mboxImporters];
