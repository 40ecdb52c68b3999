/**
 * CSV files for admins and the accountant. Pure: rows in, text out.
 *
 * Amounts are decimal strings converted from minor units on digits alone
 * (minorToDecimalString: 49900 -> "499.00"), never through a float, and every amount sits next
 * to its currency column, because a spreadsheet summing SEK and EUR together is wrong in a
 * way nobody notices. A dot as decimal separator and a comma as field separator is what
 * spreadsheets import without asking; times are ISO 8601 UTC plus the Stockholm day.
 *
 * Exports: toCsv, kronor, paymentsCsv, payoutsCsv, ledgerCsv.
 */
import { dayOf } from "../../domain/calendar-day";
import { minorToDecimalString } from "../../domain/money";
import type { DatedEntry, PaymentExportRow, PayoutExportRow } from "../../ports/report-store";

type Cell = string | number | null | undefined;

/** RFC 4180: quote a field holding a comma, quote or line break; double inner quotes. */
function cell(value: Cell): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  // A leading =, +, - or @ makes spreadsheets run the cell as a formula (CSV injection); a
  // leading TAB or CR can hide one (Excel skips them and reads what follows), so OWASP's
  // guidance prefixes those with a quote too. Plain numbers such as -12.50 stay numbers.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** Minor units to a decimal string, exactly: 49900 -> "499.00", -5 -> "-0.05". */
export const kronor = (minor: number): string => minorToDecimalString(minor);

const iso = (ms: number): string => new Date(ms).toISOString();

export function paymentsCsv(rows: readonly PaymentExportRow[]): string {
  return toCsv(
    [
      "payment_id",
      "created_utc",
      "day",
      "kind",
      "status",
      "currency",
      "amount",
      "platform_fee",
      "coach_share",
      "stripe_fee",
      "refunded",
      "customer_uid",
      "coach_uid",
      "program_id",
    ],
    rows.map((p) => [
      p.id,
      iso(p.date),
      dayOf(p.date),
      p.kind,
      p.status,
      p.currency.toUpperCase(),
      kronor(p.amount),
      kronor(p.feeAmount),
      kronor(p.coachAmount),
      p.stripeFee === null ? "" : kronor(p.stripeFee),
      kronor(p.refundedAmount),
      p.userId,
      p.coachId,
      p.programId,
    ]),
  );
}

export function payoutsCsv(rows: readonly PayoutExportRow[]): string {
  return toCsv(
    [
      "payout_id",
      "created_utc",
      "day",
      "coach_uid",
      "status",
      "trigger",
      "currency",
      "amount",
      "stripe_payout_id",
      "failure_reason",
    ],
    rows.map((p) => [
      p.id,
      iso(p.date),
      dayOf(p.date),
      p.coachId,
      p.status,
      p.trigger,
      p.currency.toUpperCase(),
      kronor(p.amount),
      p.stripePayoutId,
      p.failureReason,
    ]),
  );
}

/** One row per posting, so every entry's rows sum to zero per currency in the spreadsheet too. */
export function ledgerCsv(entries: readonly DatedEntry[]): string {
  return toCsv(
    [
      "entry_id",
      "occurred_utc",
      "day",
      "kind",
      "flow",
      "account",
      "currency",
      "debit",
      "credit",
      "payment_id",
      "payout_id",
      "coach_uid",
    ],
    entries.flatMap((e) =>
      e.postings.map((p) => [
        e.id,
        iso(e.occurredAt),
        e.day,
        e.kind,
        e.flow,
        p.account,
        e.currency.toUpperCase(),
        p.amount > 0 ? kronor(p.amount) : "",
        p.amount < 0 ? kronor(-p.amount) : "",
        e.refs.paymentId,
        e.refs.payoutId,
        e.refs.coachId,
      ]),
    ),
  );
}
