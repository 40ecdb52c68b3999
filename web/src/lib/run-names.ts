/**
 * A payout run's name for people: "Veckoutbetalning v. 49" / "Weekly payout, week 49" for the
 * scheduled run (ids `payout-run-2026-W49`), "Manuell körning 1 dec 20:20" / "Manual run 1 Dec
 * 20:20" for one an admin started, in Stockholm time. The id stays the document's key only.
 */
import { i18n } from "../i18n";
import { intlLocale } from "../i18n/locale";

/** ISO week number of an instant, on Stockholm's calendar. */
export function isoWeekStockholm(ms: number): number {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date(ms));
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the week's Thursday decides its year
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  firstThursday.setUTCDate(firstThursday.getUTCDate() - firstWeekday + 3);
  return 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
}

/** "1 dec 20:20" / "1 Dec 20:20": day, short month, time in Stockholm. */
export function shortStockholm(ms: number, locale = intlLocale()): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone: "Europe/Stockholm", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hour12: false }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")} ${part("month").replace(/\.$/, "")} ${part("hour")}:${part("minute")}`;
}

export function runName(run: { id: string; trigger?: string; startedAt?: number | null }): string {
  const week = /-W(\d{1,2})$/.exec(run.id)?.[1];
  if (week && run.trigger !== "admin") return i18n.t("payoutsAdmin.weeklyRun", { week: Number(week) });
  if (run.trigger === "schedule" && run.startedAt) return i18n.t("payoutsAdmin.weeklyRun", { week: isoWeekStockholm(run.startedAt) });
  if (run.startedAt) return i18n.t("payoutsAdmin.manualRun", { when: shortStockholm(run.startedAt) });
  // A manual run's id carries its start minute in UTC (payout-run-manual-202612011920).
  const stamp = /-manual-(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(run.id);
  if (stamp) {
    const [, y, mo, d, h, mi] = stamp.map(Number) as [number, number, number, number, number, number];
    return i18n.t("payoutsAdmin.manualRun", { when: shortStockholm(Date.UTC(y, mo - 1, d, h, mi)) });
  }
  return run.id;
}
