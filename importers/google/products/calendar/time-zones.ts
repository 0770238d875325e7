const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** A formatter that writes instants as wall-clock time in `zone`; null when no IANA zone has that name. */
function formatter(zone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(zone)) {
    let format: Intl.DateTimeFormat | null;
    try {
      const options = { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" } as const;
      format = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", ...options });
    } catch {
      format = null;
    }
    formatters.set(zone, format);
  }
  return formatters.get(zone)!;
}

export function isIanaZone(zone: string): boolean {
  return formatter(zone) !== null;
}

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, format: Intl.DateTimeFormat): number {
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time (`2024-03-10T10:00:00`) names in an IANA zone, or null when the
 * zone is unknown. A time skipped by a daylight-saving change is read with the offset before it.
 */
export function zonedTimeToUtc(wallClock: string, zone: string): Date | null {
  const format = formatter(zone);
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(wallClock);
  if (!format || !match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // The offset at the guess may differ from the one at the answer near a change: one more round settles it.
  const first = asUtc - offsetAt(asUtc, format);
  return new Date(asUtc - offsetAt(first, format));
}
