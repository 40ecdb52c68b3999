/**
 * Kassa's voucher next to what Fortnox holds, account by account: each side's debit and credit
 * summed per account, and whether they agree to the öre. Pure, so the comparison is tested
 * without a page. Rows are compared per account (not row by row) because Fortnox may return
 * rows in another order; an account on one side only is a difference of its whole amount.
 */
import type { VoucherRecord, VoucherRow } from "./api";

export interface SideTotals {
  debit: number;
  credit: number;
}

export interface AccountLine {
  account: number;
  kassa: SideTotals;
  fortnox: SideTotals;
  /** Kassa's net (debit − credit) minus Fortnox's, in minor units; 0 when they agree. */
  difference: number;
  /** What Kassa's rows on the account are ("Program sales …: liability to coaches"). */
  text: string;
}

const sum = (rows: VoucherRow[], account: number): SideTotals =>
  rows
    .filter((r) => r.account === account)
    .reduce((s, r) => ({ debit: s.debit + r.debit, credit: s.credit + r.credit }), {
      debit: 0,
      credit: 0,
    });

export function compareRows(
  kassa: VoucherRow[],
  fortnox: VoucherRow[],
): { lines: AccountLine[]; kassa: SideTotals; fortnox: SideTotals; agrees: boolean } {
  const accounts = [...new Set([...kassa, ...fortnox].map((r) => r.account))].sort((a, b) => a - b);
  const lines = accounts.map((account) => {
    const k = sum(kassa, account);
    const f = sum(fortnox, account);
    const text = [...new Set(kassa.filter((r) => r.account === account && r.info).map((r) => r.info))].join("; ");
    return { account, kassa: k, fortnox: f, difference: k.debit - k.credit - (f.debit - f.credit), text };
  });
  const total = (rows: VoucherRow[]) =>
    rows.reduce((s, r) => ({ debit: s.debit + r.debit, credit: s.credit + r.credit }), {
      debit: 0,
      credit: 0,
    });
  return {
    lines,
    kassa: total(kassa),
    fortnox: total(fortnox),
    agrees: lines.every((l) => l.difference === 0),
  };
}

/**
 * The voucher's number as Fortnox lists it ("A1") and its financial year, from the record's
 * series and number; null before it is posted. Kassa's own reference ("A-1 (2026)") stays the
 * stored key; people see what they will search for in Fortnox.
 */
export function voucherNumber(
  r: Pick<VoucherRecord, "series" | "number" | "reference" | "transactionDate">,
): { number: string; year: string | null } | null {
  if (!r.series || !r.number) return null;
  const year = /\((\d{4})\)/.exec(r.reference ?? "")?.[1] ?? r.transactionDate?.slice(0, 4) ?? null;
  return { number: `${r.series}${r.number}`, year };
}

/** Kassa's stored reference ("A-3 (2026)") as Fortnox lists the number ("A3 (2026)"); anything else as it is. */
export function referenceAsFortnox(reference: string): string {
  const m = /^([A-Z]{1,3})-(\d+)( \(\d{4}\))?$/.exec(reference);
  return m ? `${m[1]}${m[2]}${m[3] ?? ""}` : reference;
}
