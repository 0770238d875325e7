import { InvalidArgumentError } from "commander";
import type { SensitivityLevel } from "../sensitivity/levels.js";

/** Where a command writes; the real process streams, or buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export interface CommonOptions {
  db?: string;
  json?: boolean;
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Parses an option that must be a whole number of at least 1. */
export function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError("must be a whole number of at least 1");
  return value;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a date or time option; a bare date as the end of a range means the end of that day. */
export function dateOption(text: string, edge: "start" | "end" = "start"): Date {
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) throw new InvalidArgumentError("must be a date such as 2026-11-01 or 2026-11-01T12:00Z");
  return edge === "end" && DATE_ONLY.test(text) ? new Date(parsed.getTime() + 86_400_000 - 1) : parsed;
}

/** Parses a sensitivity level option: 0 to 3. */
export function levelOption(text: string): SensitivityLevel {
  if (!/^[0-3]$/.test(text)) throw new InvalidArgumentError("must be 0, 1, 2 or 3");
  return Number(text) as SensitivityLevel;
}

/** Without a terminal, progress is a line every few seconds. */
const PLAIN_PROGRESS_EVERY_MS = 5000;

/**
 * Writes a progress line on stderr: rewritten in place on a terminal, else every few seconds.
 * With `edges`, the first and the last line are written without a terminal too; without it, a
 * short piece of work writes nothing there.
 */
export function progressLine(io: CliIo, { edges }: { edges: boolean }): (line: string, elapsedMs: number, finished: boolean) => void {
  let lastPlain = edges ? -Infinity : 0;
  let lastLength = 0;
  return (line, elapsedMs, finished) => {
    if (io.stderr.isTTY) {
      io.stderr.write(`\r${line.padEnd(lastLength)}${finished ? "\n" : ""}`);
      lastLength = line.length;
    } else if ((edges && finished) || elapsedMs - lastPlain >= PLAIN_PROGRESS_EVERY_MS) {
      lastPlain = elapsedMs;
      io.stderr.write(`${line}\n`);
    }
  };
}
