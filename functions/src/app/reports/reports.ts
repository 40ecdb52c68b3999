/**
 * Report use cases: the admin's revenue analytics, period exports, the monthly platform
 * report and the accountant's day of bookings. The figures come from the pure functions
 * beside this file; bookings go through the bookkeeping ports.
 *
 * Cost: the analytics page and the monthly report read the daily rollups (RollupReader), a
 * few documents per month of the range whatever the volume (a 365-day view is 13 months x
 * ROLLUP_SHARDS documents), never the ledger entries. Exports read rows, one document per
 * row; MAX_ROWS caps any single read and past it the caller is told to narrow the period
 * rather than get a silently truncated file.
 */
import { assertDay, dayBounds, dayOf } from "../../domain/calendar-day";
import { DomainError, invalidInput } from "../../domain/errors";
import type { RollupDays } from "../../domain/rollups";
import type { Clock } from "../../ports/clock";
import type { ReportStore } from "../../ports/report-store";
import type { RollupReader } from "../../ports/rollup-store";
import { requireRole, type Caller } from "../caller";
import { type CsvFormat, kronor, ledgerCsv, paymentsCsv, payoutsCsv, toCsv } from "./csv";
import { idsOfLedger, idsOfPayments, idsOfPayouts, NameCache, NO_NAMES, type Names } from "./names";
import type { NameBook } from "../../ports/name-book";
import { daysBack, summarizeRollups } from "./revenue";
// The report shapes are the callables' contract: declared once, in contracts/.
import type { MonthlyReport, MonthlyRow, RevenueReport } from "../../contracts/reports";
export type { MonthlyReport, MonthlyRow, RevenueReport } from "../../contracts/reports";

export const REPORT_PERIODS = [7, 30, 90, 365] as const;
export const MAX_ROWS = 50_000;

export interface ReportDeps {
  reports: ReportStore;
  rollups: RollupReader;
  clock: Clock;
  /** Names beside ids in the CSV files; without it the name columns are empty. */
  names?: NameBook;
}

function tooMany(what: string, count: number): void {
  if (count > MAX_ROWS) {
    throw new DomainError(
      "precondition",
      `More than ${MAX_ROWS} ${what} in this period; choose a shorter period.`,
      "from",
    );
  }
}

export async function revenueReport(
  deps: ReportDeps,
  caller: Caller,
  input: { days: number },
): Promise<RevenueReport> {
  requireRole(caller, "admin");
  if (!(REPORT_PERIODS as readonly number[]).includes(input.days))
    throw invalidInput("days", `must be one of ${REPORT_PERIODS.join(", ")}`);
  const toDay = dayOf(deps.clock.now().getTime());
  const fromDay = daysBack(toDay, input.days);
  const rollups = await deps.rollups.daysBetween(fromDay, toDay);
  const currencies = summarizeRollups(rollups, fromDay, toDay);
  const coachIds = [...new Set(currencies.flatMap((c) => c.topCoaches.map((t) => t.coachId)))];
  const coachLabels = coachIds.length > 0 ? await deps.reports.userLabels(coachIds) : {};
  return { days: input.days, fromDay, toDay, entriesRead: entriesIn(rollups, fromDay, toDay), currencies, coachLabels };
}

function entriesIn(rollups: RollupDays, fromDay: string, toDay: string): number {
  let n = 0;
  for (const [day, byCurrency] of Object.entries(rollups)) {
    if (day < fromDay || day > toDay) continue;
    for (const cd of Object.values(byCurrency)) n += cd.figures.entries;
  }
  return n;
}

export type ExportKind = "payments" | "payouts" | "ledger";

/** Stockholm days [from, to] inclusive; both given, from <= to, at most 366 days. */
function period(from: string, to: string): { fromMs: number; toMs: number } {
  assertDay(from, "from");
  assertDay(to, "to");
  if (from > to) throw invalidInput("to", "must not be before from");
  const fromMs = dayBounds(from).fromMs;
  const toMs = dayBounds(to).toMs;
  if (toMs - fromMs > 367 * 86_400_000) throw invalidInput("to", "a period is at most a year");
  return { fromMs, toMs };
}

export async function exportCsv(
  deps: ReportDeps,
  caller: Caller,
  input: { kind: ExportKind; from: string; to: string; format?: CsvFormat | undefined },
): Promise<{ filename: string; csv: string; rows: number }> {
  const format = input.format ?? "standard";
  requireRole(caller, "admin");
  const { fromMs, toMs } = period(input.from, input.to);
  const filename = `kassa-${input.kind}-${input.from}-to-${input.to}.csv`;
  if (input.kind === "payments") {
    const rows = await deps.reports.paymentsBetween(fromMs, toMs, MAX_ROWS + 1);
    tooMany("payments", rows.length);
    return { filename, csv: paymentsCsv(rows, format, await namesOf(deps, idsOfPayments(rows))), rows: rows.length };
  }
  if (input.kind === "payouts") {
    const rows = await deps.reports.payoutsBetween(fromMs, toMs, MAX_ROWS + 1);
    tooMany("payouts", rows.length);
    return { filename, csv: payoutsCsv(rows, format, await namesOf(deps, idsOfPayouts(rows))), rows: rows.length };
  }
  const entries = await deps.reports.ledgerBetween(input.from, input.to, MAX_ROWS + 1);
  tooMany("ledger entries", entries.length);
  return { filename, csv: ledgerCsv(entries, format, await namesOf(deps, idsOfLedger(entries))), rows: entries.length };
}

const namesOf = async (deps: ReportDeps, ids: Parameters<NameCache["learn"]>[0]): Promise<Names> => (deps.names ? new NameCache(deps.names).learn(ids) : NO_NAMES);

/** Basis points as a percent string, exactly: 1250 -> "12.50". */
const percent = (bps: number): string => kronor(bps);

export async function monthlyReport(
  deps: ReportDeps,
  caller: Caller,
  input: { month: string },
): Promise<MonthlyReport> {
  requireRole(caller, "admin");
  const m = /^(\d{4})-(\d{2})$/.exec(input.month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw invalidInput("month", "must be YYYY-MM");
  const fromDay = `${input.month}-01`;
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  const toDay = `${input.month}-${String(last).padStart(2, "0")}`;
  const [rollups, payouts, active] = await Promise.all([
    deps.rollups.daysBetween(fromDay, toDay),
    deps.reports.payoutsBetween(dayBounds(fromDay).fromMs, dayBounds(toDay).toMs, MAX_ROWS + 1),
    deps.reports.activeConnectedAccounts(),
  ]);
  tooMany("payouts", payouts.length);
  const summary = summarizeRollups(rollups, fromDay, toDay, 0);
  const failedBy = new Map<string, number>();
  let paid = 0;
  let failed = 0;
  for (const p of payouts) {
    if (p.status === "paid") paid += 1;
    if (p.status === "failed" || p.status === "returned") {
      failed += 1;
      failedBy.set(p.currency, (failedBy.get(p.currency) ?? 0) + 1);
    }
  }
  const currencies = new Set([...summary.map((s) => s.currency), ...failedBy.keys()]);
  const rows: MonthlyRow[] = [...currencies].sort().map((currency) => {
    const t = summary.find((s) => s.currency === currency)?.totals;
    return {
      currency,
      gross: t?.gross ?? 0,
      platformFees: t?.platformFees ?? 0,
      subscriptions: t?.subscriptions ?? 0,
      refunds: t?.refunds ?? 0,
      stripeFees: t?.stripeFees ?? 0,
      payouts: t?.payouts ?? 0,
      payoutCount: t?.payoutCount ?? 0,
      failedPayouts: failedBy.get(currency) ?? 0,
    };
  });
  const settled = paid + failed;
  const failedPayoutRateBps = settled === 0 ? null : Math.round((failed * 10_000) / settled);
  const csv = toCsv(
    [
      "month",
      "currency",
      "gross_volume",
      "platform_fees",
      "subscription_revenue",
      "platform_revenue",
      "refunds",
      "stripe_fees",
      "payouts_paid",
      "payouts_paid_count",
      "payouts_failed_count",
      "active_connected_accounts",
      "failed_payout_rate_percent",
    ],
    rows.map((r) => [
      input.month,
      r.currency.toUpperCase(),
      kronor(r.gross),
      kronor(r.platformFees),
      kronor(r.subscriptions),
      kronor(r.platformFees + r.subscriptions),
      kronor(r.refunds),
      kronor(r.stripeFees),
      kronor(r.payouts),
      r.payoutCount,
      r.failedPayouts,
      active,
      failedPayoutRateBps === null ? "" : percent(failedPayoutRateBps),
    ]),
  );
  return {
    month: input.month,
    rows,
    activeConnectedAccounts: active,
    failedPayoutRateBps,
    filename: `kassa-monthly-report-${input.month}.csv`,
    csv,
  };
}

/** The accountant's bookings of one day: from the stored vouchers (app/accounting). */
export { dayBookingsCsv } from "../accounting/day-bookings-csv";
