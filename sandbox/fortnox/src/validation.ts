import { FortnoxCode, FortnoxError } from "./errors.js";
import { isRecord } from "./http.js";
import type { Account, FinancialYear, VoucherRow, VoucherSeries } from "./state.js";

export interface VoucherDraft {
  year: number;
  series: string;
  description: string;
  comments: string;
  transactionDate: string;
  rows: VoucherRow[];
}

export interface ValidationContext {
  /** The `financialyear` query parameter as sent, if any. */
  financialYearParam: string | null;
  financialYears: FinancialYear[];
  accounts: Account[];
  voucherSeries: VoucherSeries[];
  lockedPeriodEnd: string | null;
}

const bad = (code: number, message: string) => new FortnoxError(400, code, message);

/**
 * Checks a POST /3/vouchers body the way Fortnox does, in the order of fortnox.md (fields,
 * rows, accounts, balance) with the year, series and locked-period checks after the
 * fields they depend on. Returns the voucher to store or the first error; nothing is
 * written on an error, which is what lets Kassa retry after the accountant fixes the cause.
 */
export function validateVoucher(body: unknown, ctx: ValidationContext): VoucherDraft | FortnoxError {
  if (!isRecord(body) || !isRecord(body.Voucher)) return bad(FortnoxCode.badRequest, 'Body must be {"Voucher": {...}}');
  const v = body.Voucher;

  const description = v.Description;
  if (typeof description !== "string" || description.trim() === "") return bad(FortnoxCode.descriptionInvalid, "Beskrivning (Description) måste anges");
  if (description.length > 200) return bad(FortnoxCode.descriptionInvalid, "Beskrivning (Description) får vara högst 200 tecken");

  const date = v.TransactionDate;
  if (typeof date !== "string" || date === "") return bad(FortnoxCode.transactionDateInvalid, "Transaktionsdatum (TransactionDate) måste anges");
  if (!isIsoDate(date)) return bad(FortnoxCode.transactionDateInvalid, `Ogiltigt transaktionsdatum: ${date} (format YYYY-MM-DD)`);

  const seriesCode = v.VoucherSeries;
  if (typeof seriesCode !== "string" || seriesCode === "") return bad(FortnoxCode.voucherSeriesInvalid, "Verifikationsserie (VoucherSeries) måste anges");
  const series = ctx.voucherSeries.find((s) => s.code === seriesCode);
  if (!series) return bad(FortnoxCode.voucherSeriesInvalid, `Verifikationsserien ${seriesCode} finns inte`);

  const comments = v.Comments ?? "";
  if (typeof comments !== "string") return bad(FortnoxCode.commentsTooLong, "Kommentarer (Comments) måste vara text");
  if (comments.length > 1000) return bad(FortnoxCode.commentsTooLong, "Kommentarer (Comments) får vara högst 1000 tecken");

  const rawRows = v.VoucherRows;
  if (!Array.isArray(rawRows) || rawRows.length < 2) return bad(FortnoxCode.tooFewRows, "En verifikation måste ha minst två rader (VoucherRows)");

  const year = findYear(ctx, date);
  if (year instanceof FortnoxError) return year;
  if (!series.manual) return bad(FortnoxCode.seriesNotManual, `Verifikationsserien ${series.code} är inte tillåten för manuella verifikationer`);
  if (ctx.lockedPeriodEnd && date <= ctx.lockedPeriodEnd) return bad(FortnoxCode.lockedPeriod, `Perioden är låst: bokföring till och med ${ctx.lockedPeriodEnd} är låst (${date})`);

  const rows: VoucherRow[] = [];
  for (const [i, raw] of rawRows.entries()) {
    const row = validateRow(raw, i + 1, ctx.accounts);
    if (row instanceof FortnoxError) return row;
    rows.push(row);
  }
  const debit = rows.reduce((sum, r) => sum + r.debitMinor, 0);
  const credit = rows.reduce((sum, r) => sum + r.creditMinor, 0);
  if (debit !== credit) return bad(FortnoxCode.unbalanced, `Verifikationen är obalanserad: debet ${kronor(debit)} och kredit ${kronor(credit)}`);
  if (debit === 0) return bad(FortnoxCode.amountInvalid, "Verifikationen saknar belopp");

  return { year: year.id, series: series.code, description, comments, transactionDate: date, rows };
}

function findYear(ctx: ValidationContext, date: string): FinancialYear | FortnoxError {
  const noYear = bad(FortnoxCode.noFinancialYear, `Räkenskapsår saknas för datumet ${date}`);
  if (ctx.financialYearParam === null || ctx.financialYearParam === "") {
    return ctx.financialYears.find((y) => y.fromDate <= date && date <= y.toDate) ?? noYear;
  }
  const year = ctx.financialYears.find((y) => String(y.id) === ctx.financialYearParam);
  if (!year) return bad(FortnoxCode.noFinancialYear, `Räkenskapsår ${ctx.financialYearParam} finns inte`);
  if (date < year.fromDate || date > year.toDate) {
    return bad(FortnoxCode.noFinancialYear, `Datumet ${date} ligger utanför räkenskapsår ${year.id} (${year.fromDate} - ${year.toDate})`);
  }
  return year;
}

function validateRow(raw: unknown, index: number, accounts: Account[]): VoucherRow | FortnoxError {
  if (!isRecord(raw)) return bad(FortnoxCode.badRequest, `Rad ${index}: måste vara ett objekt`);
  const number = typeof raw.Account === "string" && /^\d+$/.test(raw.Account) ? Number(raw.Account) : raw.Account;
  if (typeof number !== "number" || !Number.isInteger(number) || number < 1000 || number > 9999) {
    return bad(FortnoxCode.accountOutOfRange, `Rad ${index}: kontot ${String(raw.Account)} hittades inte (konton är 1000-9999)`);
  }
  const account = accounts.find((a) => a.number === number);
  if (!account) return bad(FortnoxCode.accountNotFound, `Rad ${index}: kontot ${number} hittades inte i kontoplanen`);
  if (!account.active) return bad(FortnoxCode.accountInactive, `Rad ${index}: kontot ${number} är inaktivt`);
  const debitMinor = toMinor(raw.Debit, index, "Debit");
  if (debitMinor instanceof FortnoxError) return debitMinor;
  const creditMinor = toMinor(raw.Credit, index, "Credit");
  if (creditMinor instanceof FortnoxError) return creditMinor;
  const info = raw.TransactionInformation ?? "";
  if (typeof info !== "string" || info.length > 100) return bad(FortnoxCode.badRequest, `Rad ${index}: TransactionInformation måste vara text, högst 100 tecken`);
  return { account: number, debitMinor, creditMinor, transactionInformation: info };
}

/**
 * Kronor with at most two decimals, as Fortnox stores them. Negative amounts are refused:
 * the sandbox is stricter than Fortnox here so Kassa books reversals on the other side.
 */
function toMinor(value: unknown, index: number, field: string): number | FortnoxError {
  if (value === undefined || value === null) return 0;
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return bad(FortnoxCode.amountInvalid, `Rad ${index}: ${field} måste vara ett belopp i kronor`);
  if (n < 0) return bad(FortnoxCode.amountInvalid, `Rad ${index}: ${field} får inte vara negativt`);
  const minor = Math.round(n * 100);
  if (Math.abs(minor - n * 100) > 1e-6) return bad(FortnoxCode.amountInvalid, `Rad ${index}: ${field} ${n} har fler än två decimaler`);
  return minor;
}

export function kronor(minor: number): number {
  return minor / 100;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
