/**
 * Admin reports on the client: typed callables and the pure shaping of the server's daily
 * series into chart bars (days for short periods, weeks or months for long ones), so a
 * 365-day chart stays readable on a phone.
 */
import { callable } from "./callable";
import { intlLocale } from "../i18n/locale";

// The server's own shapes, type-only (erased from the bundle): one declaration, so a field
// added to a report cannot be missed on this side.
import type { DayPoint } from "@server/contracts/reports";
export type { CurrencyReport, DayPoint, RevenueTotals } from "@server/contracts/reports";
export type { RevenueReport } from "@server/contracts/reports";

export const PERIODS = [7, 30, 90, 365] as const;
export type Period = (typeof PERIODS)[number];

export const revenueReport = callable("revenueReport");
export const exportCsv = callable("exportCsv");
export const monthlyReport = callable("monthlyReport");
export const dayBookingsCsv = callable("dayBookingsCsv");

export type Metric = Exclude<keyof DayPoint, "day">;

export interface Bar {
  /** First day of the bucket. */
  from: string;
  to: string;
  label: string;
  value: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** A calendar day ("2025-03-07") written by `opts` in `locale`; the day is a date, not a moment. */
function dayText(day: string, opts: Intl.DateTimeFormatOptions, locale: string): string {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...opts })));
  const [y, m, d] = day.split("-").map(Number);
  return f.format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** "2025-03-07" -> "7 mars" in Swedish, "7 Mar" in English. */
export function shortDay(day: string, locale = intlLocale()): string {
  return dayText(day, { day: "numeric", month: "short" }, locale);
}

// Buckets are 7 days from the period's first day, not calendar weeks, so they are named by their first day.
const weekLabel = (day: string, locale: string) => (locale.startsWith("sv") ? `från ${shortDay(day, locale)}` : `w/c ${shortDay(day, locale)}`);
const monthLabel = (day: string, locale: string) => dayText(day, { month: "short", year: "2-digit" }, locale);

/**
 * Groups a daily series into at most `maxBars` bars: per day when it fits, else per week
 * (7-day buckets counted from the first day), else per calendar month. Sums are integers
 * (minor units), so no bucket loses an öre.
 */
export function bucketSeries(series: readonly DayPoint[], metric: Metric, maxBars = 31, locale = intlLocale()): Bar[] {
  if (series.length <= maxBars) {
    return series.map((p) => ({ from: p.day, to: p.day, label: shortDay(p.day, locale), value: p[metric] }));
  }
  const bars: Bar[] = [];
  if (Math.ceil(series.length / 7) <= maxBars) {
    for (let i = 0; i < series.length; i += 7) {
      const chunk = series.slice(i, i + 7);
      bars.push({
        from: chunk[0]!.day,
        to: chunk[chunk.length - 1]!.day,
        label: weekLabel(chunk[0]!.day, locale),
        value: chunk.reduce((s, p) => s + p[metric], 0),
      });
    }
    return bars;
  }
  for (const p of series) {
    const month = p.day.slice(0, 7);
    const last = bars[bars.length - 1];
    if (last && last.from.slice(0, 7) === month) {
      last.value += p[metric];
      last.to = p.day;
    } else {
      bars.push({ from: p.day, to: p.day, label: monthLabel(p.day, locale), value: p[metric] });
    }
  }
  return bars;
}

/** A round axis maximum at or above `max` (1, 2 or 5 times a power of ten), for gridlines. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const pow = 10 ** Math.floor(Math.log10(max));
  for (const f of [1, 2, 5, 10]) if (f * pow >= max) return f * pow;
  return 10 * pow;
}

/** Basis points as a percent with two decimals, exactly: 1250 -> "12,50 %". */
export function formatBps(bps: number): string {
  const abs = Math.abs(bps);
  return `${bps < 0 ? "−" : ""}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}\u00a0%`;
}
