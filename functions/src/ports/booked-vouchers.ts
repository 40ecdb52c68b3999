/**
 * Read side of the vouchers Kassa has booked in the bookkeeping system, for the SIE export
 * and the reconciliation. Read-only: the accounting sync owns `accounting/` and writes it
 * through the AccountingStore; this port only reads what it recorded.
 */
import type { VoucherRow } from "../domain/accounting";
import type { Currency } from "../domain/money";

export interface BookedVoucher {
  id: string;
  /** The ledger day whose entries the voucher books (its marker names it). */
  day: string;
  /** The date the voucher carries in the books: the day, or the first open day when that was locked. */
  transactionDate: string;
  marker: string;
  currency: Currency;
  series: string;
  number: number;
  financialYearId: number | null;
  /** Minor units; each row a debit or a credit, as posted. */
  rows: VoucherRow[];
  /** Epoch ms when it was posted (or marked booked by hand); null when not recorded. */
  postedAt: number | null;
}

export interface BookedVoucherReader {
  /** Every voucher with a number whose transaction date is fromDate..toDate (inclusive). */
  bookedBetween(fromDate: string, toDate: string): Promise<BookedVoucher[]>;
  /** Every voucher with a number that books entries of ledger day `day`, whatever its date. */
  bookedForDay(day: string): Promise<BookedVoucher[]>;
}
