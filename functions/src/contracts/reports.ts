/**
 * Admin reports and exports, the rollups' rebuild and the accountant's day of bookings. The
 * report shapes live here (app/reports re-exports them): the web's charts read them as they are.
 */
import { z } from "zod";
import { contract } from "./contract";
import { csvFormat, day } from "./fields";
import { REPORT_PERIODS } from "./vocabulary";

export interface RevenueTotals {
  /** Card payments captured: program sales + subscription payments (gross, before fees). */
  gross: number;
  payments: number;
  /** Platform fee on program sales, net of fees given back on refunds and disputes. */
  platformFees: number;
  /** Premium subscription revenue, net of refunds. */
  subscriptions: number;
  refunds: number;
  refundCount: number;
  /** Amount customers disputed (opened in the period) and how many. */
  disputes: number;
  disputeCount: number;
  /** Coach payouts that reached the coach's bank (payout.paid). */
  payouts: number;
  payoutCount: number;
  /** Stripe processing and dispute fees, as Stripe reported them. */
  stripeFees: number;
}

export interface DayPoint {
  day: string;
  gross: number;
  platformFees: number;
  subscriptions: number;
  refunds: number;
  payouts: number;
}

export interface CoachRank {
  coachId: string;
  gross: number;
  sales: number;
  platformFees: number;
}

export interface CurrencyReport {
  currency: string;
  totals: RevenueTotals;
  /** One point per day of the range, zero days included, so charts keep their time axis. */
  series: DayPoint[];
  topCoaches: CoachRank[];
}

export interface RevenueReport {
  days: number;
  fromDay: string;
  toDay: string;
  /** Ledger entries the figures cover (counted in the rollups; the entries are not read). */
  entriesRead: number;
  currencies: CurrencyReport[];
  /** Emails of the coaches in the top lists, by uid. */
  coachLabels: Record<string, string>;
}

export interface MonthlyRow {
  currency: string;
  gross: number;
  platformFees: number;
  subscriptions: number;
  refunds: number;
  stripeFees: number;
  payouts: number;
  payoutCount: number;
  failedPayouts: number;
}

export interface MonthlyReport {
  month: string;
  rows: MonthlyRow[];
  activeConnectedAccounts: number;
  /** Failed / (paid + failed) of the month's payouts, in basis points; null when none settled. */
  failedPayoutRateBps: number | null;
  filename: string;
  csv: string;
}

/** A CSV file as a callable answers it. */
export interface CsvFile {
  filename: string;
  csv: string;
  rows: number;
}

export const revenueReportInput = z.strictObject({
  days: z.union(
    REPORT_PERIODS.map((p) => z.literal(p)),
    { error: "must be 7, 30, 90 or 365" },
  ),
});

export const revenueReport = contract<RevenueReport>()({ name: "revenueReport", input: revenueReportInput });

export const exportCsvInput = z.strictObject({
  kind: z.enum(["payments", "payouts", "ledger"], { error: "must be payments, payouts or ledger" }),
  from: day,
  to: day,
  format: csvFormat,
});

/** failed-precondition: more rows than one file holds; choose a shorter period. */
export const exportCsv = contract<CsvFile>()({ name: "exportCsv", input: exportCsvInput, errors: ["failed-precondition"] });

export const monthlyReport = contract<MonthlyReport>()({
  name: "monthlyReport",
  input: z.strictObject({
    month: z.string({ error: "must be a month written YYYY-MM" }).regex(/^\d{4}-\d{2}$/, "must be a month written YYYY-MM"),
  }),
  errors: ["failed-precondition"],
});

export const dayBookingsCsv = contract<CsvFile>()({ name: "dayBookingsCsv", input: z.strictObject({ day, format: csvFormat }) });

export const rebuildRollupsInput = z.strictObject({
  from: day,
  to: day,
  repair: z.boolean({ error: "must be true (write the recomputed days) or false (only report)" }).default(false),
});

/** Recomputes the revenue rollups of closed days from the ledger and reports (or repairs) differences. */
export const rebuildRollups = contract<{ fromDay: string; toDay: string; days: number; entriesRead: number; differenceCount: number; repairedDays: string[] }>()({
  name: "rebuildRollups",
  input: rebuildRollupsInput,
  errors: ["failed-precondition"],
});
