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
  /** The company's preselected year: where a voucher goes when `financialyear` is left out. */
  preselectedFinancialYearId: number;
  accounts: Account[];
  voucherSeries: VoucherSeries[];
  lockedPeriodEnd: string | null;
}

const bad = (code: number, message: string) => new FortnoxError(400, code, message);

/** A text field sent as a number, object or boolean: Fortnox's "value must be alphanumeric". */
const notText = (field: string) => bad(FortnoxCode.notAlphanumeric, `Värdet måste vara alfanumeriskt (${field})`);

/**
 * Checks a POST /3/vouchers body the way Fortnox does, in the order of fortnox.md (fields,
 * rows, accounts, balance) with the year, series and locked-period checks after the
 * fields they depend on. Returns the voucher to store or the first error; nothing is
 * written on an error, which is what lets Kassa retry after the accountant fixes the cause.
 */
export function validateVoucher(body: unknown, ctx: ValidationContext): VoucherDraft | FortnoxError {
  if (!isRecord(body) || !isRecord(body.Voucher)) return bad(FortnoxCode.malformedBody, 'Body must be {"Voucher": {...}}');
  const v = body.Voucher;

  const description = v.Description ?? "";
  if (typeof description !== "string") return notText("Description");
  if (description.trim() === "") return bad(FortnoxCode.descriptionInvalid, "Beskrivning (Description) måste anges");
  if (description.length > 200) return bad(FortnoxCode.descriptionInvalid, "Beskrivning (Description) får vara högst 200 tecken");

  const date = v.TransactionDate ?? "";
  if (typeof date !== "string") return notText("TransactionDate");
  if (date === "") return bad(FortnoxCode.transactionDateInvalid, "Transaktionsdatum (TransactionDate) måste anges");
  if (!isIsoDate(date)) return bad(FortnoxCode.transactionDateInvalid, `Ogiltigt transaktionsdatum: ${date} (format YYYY-MM-DD)`);

  const seriesCode = v.VoucherSeries ?? "";
  if (typeof seriesCode !== "string") return notText("VoucherSeries");
  if (seriesCode === "") return bad(FortnoxCode.voucherSeriesInvalid, "Verifikationsserie (VoucherSeries) måste anges");
  if (!/^[A-Za-z0-9]+$/.test(seriesCode)) return notText("VoucherSeries");
  const series = ctx.voucherSeries.find((s) => s.code === seriesCode);
  if (!series) return bad(FortnoxCode.voucherSeriesInvalid, `Verifikationsserien ${seriesCode} finns inte`);

  const comments = v.Comments ?? "";
  if (typeof comments !== "string") return notText("Comments");
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

/**
 * The year named by `financialyear`, or else the company's preselected year (never the year
 * holding the date: that is what Fortnox does, and why Kassa always sends the parameter).
 * Either way the date must fall inside the year.
 */
function findYear(ctx: ValidationContext, date: string): FinancialYear | FortnoxError {
  const param = ctx.financialYearParam;
  const wanted = param === null || param === "" ? String(ctx.preselectedFinancialYearId) : param;
  const year = ctx.financialYears.find((y) => String(y.id) === wanted);
  if (!year) return bad(FortnoxCode.noFinancialYear, `Räkenskapsår ${wanted} finns inte`);
  if (date < year.fromDate || date > year.toDate) {
    return bad(FortnoxCode.noFinancialYear, `Datumet ${date} ligger utanför räkenskapsår ${year.id} (${year.fromDate} - ${year.toDate})`);
  }
  return year;
}

function validateRow(raw: unknown, index: number, accounts: Account[]): VoucherRow | FortnoxError {
  if (!isRecord(raw)) return bad(FortnoxCode.malformedBody, `Rad ${index}: måste vara ett objekt`);
  const number = typeof raw.Account === "string" && /^\d+$/.test(raw.Account) ? Number(raw.Account) : raw.Account;
  // Outside 1000-9999 no account can exist, so Fortnox's answer is the same "not found".
  if (typeof number !== "number" || !Number.isInteger(number) || number < 1000 || number > 9999) {
    return bad(FortnoxCode.accountNotFound, `Rad ${index}: kontot ${String(raw.Account)} hittades inte (konton är 1000-9999)`);
  }
  const account = accounts.find((a) => a.number === number);
  if (!account) return bad(FortnoxCode.accountNotFound, `Rad ${index}: kontot ${number} hittades inte i kontoplanen`);
  if (!account.active) return bad(FortnoxCode.accountInactive, `Rad ${index}: kontot ${number} är inaktivt`);
  const debitMinor = toMinor(raw.Debit, index, "Debit");
  if (debitMinor instanceof FortnoxError) return debitMinor;
  const creditMinor = toMinor(raw.Credit, index, "Credit");
  if (creditMinor instanceof FortnoxError) return creditMinor;
  const info = raw.TransactionInformation ?? "";
  if (typeof info !== "string") return notText(`TransactionInformation, rad ${index}`);
  if (info.length > 100) return bad(FortnoxCode.transactionInformationInvalid, `Rad ${index}: TransactionInformation får vara högst 100 tecken`);
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
