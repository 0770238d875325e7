import type { Importer } from "../../types.js";
import { recordsImporter } from "./records.js";
import { semanticImporter } from "./semantic.js";
import { settingsImporter } from "./settings.js";
import { androidTimelineImporter } from "./timeline-android.js";
import { iosTimelineImporter } from "./timeline-ios.js";

/** Google Location History from Takeout (raw fixes, semantic months, settings) and the phones' own Timeline exports. */
export const googleLocationImporters: Importer[] = [recordsImporter, semanticImporter, settingsImporter, androidTimelineImporter, iosTimelineImporter];
