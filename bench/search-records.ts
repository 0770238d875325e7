import { writeFileSync } from "node:fs";
import type { Importer } from "../importers/types.js";

export interface BenchRecord {
  platform: string;
  kind: string;
  key: string;
  time: string;
  title: string;
  fields: Record<string, string | number | boolean>;
}

/** Reads files written by `writeRecordsFile`: one JSON record per line after a `BENCH` line. */
export const benchImporter: Importer = {
  id: "bench.records",
  platform: "bench",
  title: "Generated records",
  detect: (sample) => (sample.head.subarray(0, 6).toString() === "BENCH\n" ? 1 : 0),
  async *read(file) {
    let rest = "";
    let first = true;
    for await (const chunk of file.open()) {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop()!;
      for (const line of lines) {
        if (first) {
          first = false;
          continue;
        }
        const record = JSON.parse(line) as BenchRecord;
        const text = [record.title, ...Object.values(record.fields)].join("\n");
        yield { type: "record", platform: record.platform, kind: record.kind, naturalKey: record.key, time: new Date(record.time), title: record.title, text, fields: record.fields };
      }
    }
  },
};

export function writeRecordsFile(path: string, records: BenchRecord[]): string {
  writeFileSync(path, `BENCH\n${records.map((record) => JSON.stringify(record)).join("\n")}\n`);
  return path;
}
