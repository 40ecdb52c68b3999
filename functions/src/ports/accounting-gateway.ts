/**
 * What the accounting sync needs from the bookkeeping system (Fortnox). Amounts cross this
 * port in minor units; the adapter converts to decimal kronor at the wire.
 *
 * Errors: DomainError `provider_rejected` (the bookkeeping system refused: details.code is its
 * error code, details.status the HTTP status) and `provider_unavailable` (details.ambiguous is
 * true when a write may have happened although no answer came back: a timeout or 5xx after a
 * POST). A missing or revoked connection is `precondition` with details.reconnect = true.
 */
import type { VoucherRow } from "../domain/accounting";
import { DomainError } from "../domain/errors";

export interface FinancialYear {
  id: number;
  fromDate: string;
  toDate: string;
}

export interface BookkeepingAccount {
  number: number;
  description: string;
  active: boolean;
}

export interface VoucherToPost {
  description: string;
  transactionDate: string;
  series: string;
  comments?: string;
  rows: VoucherRow[];
}

/** A voucher as the bookkeeping system identifies it: (financial year, series, number). */
export interface PostedVoucherRef {
  financialYearId: number;
  series: string;
  number: number;
  description: string;
  transactionDate: string;
}

export interface PostedVoucher extends PostedVoucherRef {
  /** Minor units, read back from the bookkeeping system. */
  rows: VoucherRow[];
}

export interface AccountingGateway {
  financialYearFor(date: string): Promise<FinancialYear | null>;
  accounts(financialYearId: number): Promise<BookkeepingAccount[]>;
  /** Last locked day ("YYYY-MM-DD"), or null when nothing is locked. */
  lockedPeriodEnd(): Promise<string | null>;
  postVoucher(financialYearId: number, voucher: VoucherToPost): Promise<PostedVoucherRef>;
  /** Every voucher of `series` dated fromDate..toDate (all pages read), without rows. */
  listVouchers(query: {
    financialYearId: number;
    series: string;
    fromDate: string;
    toDate: string;
  }): Promise<PostedVoucherRef[]>;
  getVoucher(
    financialYearId: number,
    series: string,
    number: number,
  ): Promise<PostedVoucher | null>;
}

/** The error the sync stops on: nothing more can be posted until someone reconnects. */
export const RECONNECT_MESSAGE = "Reconnect Fortnox: the connection was revoked or has expired.";

export const reconnectError = (why?: string): DomainError =>
  new DomainError(
    "precondition",
    why ? `${RECONNECT_MESSAGE} (${why})` : RECONNECT_MESSAGE,
    undefined,
    {
      reconnect: true,
    },
  );
