import type { Importer } from "../../types.js";
import { myActivityHtmlImporter } from "./my-activity-html.js";
import { myActivityJsonImporter } from "./my-activity-json.js";

/** Google Takeout's My Activity (every product) and YouTube watch and search history, JSON and HTML. */
export const googleActivityImporters: Importer[] = [myActivityJsonImporter, myActivityHtmlImporter];
