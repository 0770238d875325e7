import { csvHeader, readCsvRows } from "../../../csv.js";
import type { Importer } from "../../../types.js";
import { compact, csvHeadRows, mostly } from "../shared.js";

/** A channel id, as subscriptions and comments name channels. */
export const CHANNEL_ID = /^UC[\w-]{22}$/;
const CHANNEL_URL = /^https?:\/\/(www\.)?youtube\.com\/channel\/UC[\w-]{22}\/?$/;

/**
 * `YouTube and YouTube Music/subscriptions/subscriptions.csv`: `Channel Id,Channel Url,Channel Title`.
 * The header follows the account language (`Kanal-ID,Kanal-URL,Kanaltitel`) while the column order
 * stays, so columns are read by position and the file is known by its values.
 */
export const subscriptionsImporter: Importer = {
  id: "google.youtube.subscriptions",
  platform: "youtube",
  title: "YouTube subscriptions",
  detect(sample) {
    const [header, ...rows] = csvHeadRows(sample);
    if (header?.length !== 3) return 0;
    if (rows.length === 0) {
      // No subscriptions: only the English header or the usual name can tell.
      if (/^channel id$/i.test(header[0]!) && /^channel url$/i.test(header[1]!)) return 0.9;
      return /(^|\/)subscriptions\/[^/]*\.csv$/i.test(sample.path) ? 0.5 : 0;
    }
    return mostly(rows, (row) => CHANNEL_ID.test(row[0] ?? "") && CHANNEL_URL.test(row[1] ?? "")) ? 0.95 : 0;
  },
  async *read(file) {
    const header = csvHeader(file);
    if (header?.length !== 3) throw new Error("expected the three columns of a subscriptions list: channel id, URL and title");
    const [idColumn, urlColumn, titleColumn] = header as [string, string, string];
    for await (const row of readCsvRows(file)) {
      if ("type" in row) {
        yield row;
        continue;
      }
      const channelId = row.values[idColumn]?.trim();
      if (!channelId) {
        yield { type: "error", at: `row ${row.row}`, message: "no channel id" };
        continue;
      }
      const url = row.values[urlColumn]?.trim() || `https://www.youtube.com/channel/${channelId}`;
      const title = row.values[titleColumn]?.trim() || null;
      yield {
        type: "record",
        kind: "subscription",
        naturalKey: `subscription|${channelId}`,
        time: null,
        title,
        url,
        fields: compact({ channel_id: channelId, channel_url: url, channel_title: title ?? undefined }),
        resume: row.row,
      };
    }
  },
};
