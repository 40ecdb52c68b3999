/**
 * CSV files for admins and the accountant. Pure: rows in, text out, in one of two formats.
 *
 * Amounts are decimal strings converted from minor units on digits alone
 * (minorToDecimalString: 49900 -> "499.00"), never through a float, and every amount sits next
 * to its currency column, because a spreadsheet summing SEK and EUR together is wrong in a
 * way nobody notices.
 *
 * Two formats, because no single one opens right everywhere:
 * - "excel-sv" (what a Swedish Excel opens with a double click): semicolons between fields,
 *   a decimal comma (499,00), times in Stockholm ("2026-12-04 19:30:00", column *_stockholm).
 *   Excel in a Swedish locale splits on ";" and reads "499,00" as a number; given commas and
 *   decimal points it puts each line in one column and amounts become text.
 * - "standard" (scripts, other spreadsheets, other locales): RFC 4180 commas, a decimal point,
 *   ISO 8601 UTC times (column *_utc).
 * Either way the Stockholm day has its own column, and the file is UTF-8 with a BOM (added by
 * the caller) so Excel reads å, ä, ö.
 *
 * Exports: toCsv, amount, instant, timeColumn, kronor, paymentsCsv, payoutsCsv, ledgerCsv.
 */
import { dayOf, wallClockTime } from "../../domain/calendar-day";
import { minorToDecimalString } from "../../domain/money";
import type { CsvFormat } from "../../contracts/vocabulary";
import type { DatedEntry, PaymentExportRow, PayoutExportRow } from "../../ports/report-store";
import { NO_NAMES, type Names } from "./names";

export { CSV_FORMATS, type CsvFormat } from "../../contracts/vocabulary";

/** An amount in minor units, written in the file's decimal style. */
export interface Amount {
  readonly minor: number;
}
/** An instant (epoch ms), written in the file's time style. */
export interface Instant {
  readonly at: number;
}
/** A header for a column of instants: "created" -> created_utc / created_stockholm. */
export interface TimeColumn {
  readonly timeColumn: string;
}

export const amount = (minor: number): Amount => ({ minor });
export const instant = (at: number): Instant => ({ at });
export const timeColumn = (name: string): TimeColumn => ({ timeColumn: name });

type Cell = string | number | null | undefined | Amount | Instant;


interface Style {
  separator: string;
  decimal: string;
  time: (ms: number) => string;
  timeSuffix: string;
}

const STYLES: Record<CsvFormat, Style> = {
  standard: { separator: ",", decimal: ".", time: (ms) => new Date(ms).toISOString(), timeSuffix: "_utc" },
  "excel-sv": { separator: ";", decimal: ",", time: (ms) => wallClockTime(ms), timeSuffix: "_stockholm" },
};

function text(value: Cell, style: Style): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return "minor" in value ? minorToDecimalString(value.minor).replace(".", style.decimal) : style.time(value.at);
  return String(value);
}

/** RFC 4180 quoting with the format's separator: quote a field holding it, a quote or a line break. */
function cell(value: Cell, style: Style): string {
  const s = text(value, style);
  // A leading =, +, - or @ makes spreadsheets run the cell as a formula (CSV injection); a
  // leading TAB or CR can hide one (Excel skips them and reads what follows), so OWASP's
  // guidance prefixes those with a quote too. Plain numbers such as -12.50 or -12,50 stay numbers.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+([.,]\d+)?$/.test(s) ? `'${s}` : s;
  return safe.includes(style.separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly (string | TimeColumn)[], rows: readonly (readonly Cell[])[], format: CsvFormat = "standard"): string {
  const style = STYLES[format];
  const head = header.map((h) => (typeof h === "string" ? h : `${h.timeColumn}${style.timeSuffix}`));
  return [head, ...rows].map((r) => r.map((c) => cell(c, style)).join(style.separator)).join("\r\n") + "\r\n";
}

/** Minor units to a decimal string, exactly: 49900 -> "499.00", -5 -> "-0.05". */
export const kronor = (minor: number): string => minorToDecimalString(minor);

/**
 * Names beside ids (customer_name, coach_name, program_title): a reader of the file sees
 * people and programs, a script still joins on the ids. `names` knows the rows' ids (NameCache).
 */
export function paymentsCsv(rows: readonly PaymentExportRow[], format: CsvFormat = "standard", names: Names = NO_NAMES): string {
  return toCsv(
    [
      "payment_id",
      timeColumn("created"),
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
      "customer_name",
      "coach_uid",
      "coach_name",
      "program_id",
      "program_title",
    ],
    rows.map((p) => [
      p.id,
      instant(p.date),
      dayOf(p.date),
      p.kind,
      p.status,
      p.currency.toUpperCase(),
      amount(p.amount),
      amount(p.feeAmount),
      amount(p.coachAmount),
      p.stripeFee === null ? "" : amount(p.stripeFee),
      amount(p.refundedAmount),
      p.userId,
      names.person(p.userId),
      p.coachId,
      names.person(p.coachId),
      p.programId,
      names.program(p.programId),
    ]),
    format,
  );
}

export function payoutsCsv(rows: readonly PayoutExportRow[], format: CsvFormat = "standard", names: Names = NO_NAMES): string {
  return toCsv(
    [
      "payout_id",
      timeColumn("created"),
      "day",
      "coach_uid",
      "coach_name",
      "status",
      "trigger",
      "currency",
      "amount",
      "stripe_payout_id",
      "failure_reason",
    ],
    rows.map((p) => [
      p.id,
      instant(p.date),
      dayOf(p.date),
      p.coachId,
      names.person(p.coachId),
      p.status,
      p.trigger,
      p.currency.toUpperCase(),
      amount(p.amount),
      p.stripePayoutId,
      p.failureReason,
    ]),
    format,
  );
}

/** One row per posting, so every entry's rows sum to zero per currency in the spreadsheet too. */
export function ledgerCsv(entries: readonly DatedEntry[], format: CsvFormat = "standard", names: Names = NO_NAMES): string {
  return toCsv(
    [
      "entry_id",
      timeColumn("occurred"),
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
      "coach_name",
    ],
    entries.flatMap((e) =>
      e.postings.map((p) => [
        e.id,
        instant(e.occurredAt),
        e.day,
        e.kind,
        e.flow,
        p.account,
        e.currency.toUpperCase(),
        p.amount > 0 ? amount(p.amount) : "",
        p.amount < 0 ? amount(-p.amount) : "",
        e.refs.paymentId,
        e.refs.payoutId,
        e.refs.coachId,
        names.person(e.refs.coachId ?? null),
      ]),
    ),
    format,
  );
}
