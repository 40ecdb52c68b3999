/**
 * The all-payouts list's filters as they live in the URL (?status=&coach=&from=&to=), so a
 * filtered list can be linked and survives a reload. Days are Stockholm calendar days; `to`
 * includes its whole day.
 */
import type { PayoutDoc } from "../coach/payouts-api";

export const PAYOUT_STATUSES: readonly PayoutDoc["status"][] = ["requested", "approved", "sending", "processing", "paid", "failed", "returned", "cancelled", "rejected"];

export interface PayoutFilters {
  status: PayoutDoc["status"] | null;
  coach: string | null;
  from: string | null;
  to: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFrom(params: URLSearchParams): PayoutFilters {
  const status = params.get("status");
  const day = (k: string) => {
    const v = params.get(k);
    return v && DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : null;
  };
  return {
    status: PAYOUT_STATUSES.includes(status as PayoutDoc["status"]) ? (status as PayoutDoc["status"]) : null,
    coach: params.get("coach") || null,
    from: day("from"),
    to: day("to"),
  };
}

/** Midnight at the start of a Stockholm day, as epoch ms (Stockholm is UTC+1 or UTC+2). */
export function stockholmMidnight(day: string): number {
  for (const offset of [1, 2]) {
    const candidate = Date.parse(`${day}T00:00:00Z`) - offset * 3_600_000;
    const local = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" }).format(new Date(candidate));
    if (local.startsWith(day) && local.endsWith("00")) return candidate;
  }
  return Date.parse(`${day}T00:00:00Z`) - 3_600_000;
}

/** [from, to) in epoch ms for the filters' days (either side open). */
export function periodOf(f: PayoutFilters): { from: number | null; to: number | null } {
  const next = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: f.from ? stockholmMidnight(f.from) : null, to: f.to ? stockholmMidnight(next(f.to)) : null };
}

/** A stable key for the paged query: it changes exactly when the filters do. */
export const filtersKey = (f: PayoutFilters): string => `all-payouts:${f.status ?? ""}:${f.coach ?? ""}:${f.from ?? ""}:${f.to ?? ""}`;
