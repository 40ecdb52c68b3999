/**
 * Calendar days in a time zone, for booking: Fortnox vouchers are per Swedish day, while the
 * ledger stores epoch milliseconds. Pure: uses the standard Intl API, never the clock.
 *
 * Exports: BOOKING_TIME_ZONE, isDay, assertDay, dayOf, dayBounds.
 */
import { invalidInput } from "./errors";

/** Kassa's jobs run on Swedish time (architecture.md: 02:00 and Monday 08:00 Europe/Stockholm). */
export const BOOKING_TIME_ZONE = "Europe/Stockholm";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "YYYY-MM-DD" naming a real date (2026-02-30 is refused). */
export function isDay(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function assertDay(value: unknown, field = "day"): asserts value is string {
  if (!isDay(value))
    throw invalidInput(field, `must be a date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading in `timeZone` at `epochMs`, re-read as if it were UTC. */
function wallClockAsUtc(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const get = (k: string): number => parts[k] ?? 0;
  return Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
}

/** The wall-clock time at `epochMs` in `timeZone`, "YYYY-MM-DD HH:MM:SS" (what a Swedish spreadsheet reads as a date-time). */
export function wallClockTime(epochMs: number, timeZone: string = BOOKING_TIME_ZONE): string {
  return new Date(wallClockAsUtc(epochMs, timeZone)).toISOString().slice(0, 19).replace("T", " ");
}

/** The calendar day ("YYYY-MM-DD") that `epochMs` falls on in `timeZone`. */
export function dayOf(epochMs: number, timeZone: string = BOOKING_TIME_ZONE): string {
  return new Date(wallClockAsUtc(epochMs, timeZone)).toISOString().slice(0, 10);
}

function localMidnight(y: number, m: number, d: number, timeZone: string): number {
  const naive = Date.UTC(y, m - 1, d);
  // Two rounds settle the offset even when the guess straddles a DST change.
  let start = naive - (wallClockAsUtc(naive, timeZone) - naive);
  start = naive - (wallClockAsUtc(start, timeZone) - start);
  return start;
}

/** [fromMs, toMs): the instants of `day` in `timeZone` (23 or 25 hours on DST days). */
export function dayBounds(
  day: string,
  timeZone: string = BOOKING_TIME_ZONE,
): { fromMs: number; toMs: number } {
  assertDay(day);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return {
    fromMs: localMidnight(y, m, d, timeZone),
    toMs: localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone),
  };
}
