/**
 * Bookkeeping vocabulary shared by the ledger and the Fortnox sync: the flows a voucher is
 * made per, and a voucher row. The mapping lives in accounting-mapping.ts, the voucher
 * builder in accounting-vouchers.ts, the booking dates in accounting-dates.ts.
 */
export const ACCOUNTING_FLOWS = [
  "sales",
  "subscriptions",
  "stripe_fees",
  "transfers",
  "refunds",
  "disputes",
  "payouts",
] as const;
export type AccountingFlow = (typeof ACCOUNTING_FLOWS)[number];

export interface VoucherRow {
  account: number;
  /** Minor units, >= 0; exactly one of debit and credit is non-zero. */
  debit: number;
  credit: number;
  /** Fortnox's TransactionInformation: what this row is. */
  info?: string;
}

export { DEFAULT_BAS_MAPPING, validateMapping, type BasMapping } from "./accounting-mapping";
