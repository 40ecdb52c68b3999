/**
 * Read side for admin reports and exports: ledger entries, payments and payouts of a period,
 * and the count of connected accounts that can be paid. Every method reads documents in
 * proportion to what falls in the period (range queries on indexed fields), never the whole
 * collection; `limit` caps a read so one request cannot pull an unbounded export.
 */
import type { LedgerEntry } from "../domain/ledger-entries";

/** A ledger entry with the Stockholm calendar day it was booked under. */
export type DatedEntry = LedgerEntry & { day: string };

export interface PaymentExportRow {
  id: string;
  date: number;
  kind: string;
  status: string;
  userId: string;
  coachId: string | null;
  programId: string | null;
  currency: string;
  amount: number;
  feeAmount: number;
  coachAmount: number;
  stripeFee: number | null;
  refundedAmount: number;
}

export interface PayoutExportRow {
  id: string;
  date: number;
  coachId: string;
  status: string;
  trigger: string;
  currency: string;
  amount: number;
  stripePayoutId: string | null;
  failureReason: string | null;
}

export interface ReportStore {
  /** Entries whose Stockholm `day` is in [fromDay, toDay] (inclusive), in day order. */
  ledgerBetween(fromDay: string, toDay: string, limit: number): Promise<DatedEntry[]>;
  /** Payments with `date` in [fromMs, toMs). */
  paymentsBetween(fromMs: number, toMs: number, limit: number): Promise<PaymentExportRow[]>;
  /** Payouts with `date` in [fromMs, toMs). */
  payoutsBetween(fromMs: number, toMs: number, limit: number): Promise<PayoutExportRow[]>;
  /** Coaches whose Stripe account can receive payouts now (an aggregation count: one read per 1000). */
  activeConnectedAccounts(): Promise<number>;
  /** Display names (email) of users, for the top-coaches table; unknown uids are left out. */
  userLabels(uids: string[]): Promise<Record<string, string>>;
}
