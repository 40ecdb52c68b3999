/**
 * Payouts, coaches and payout settings, changed in one transaction with the ledger and the
 * coach balances (PayoutTx extends MoneyTx, so `bookEntries` works inside it). Reserving
 * money and creating the payout document must be one atomic step: either both exist or
 * neither, which is what makes a retried task safe.
 */
import type { Currency } from "../domain/money";
import type { PayoutStatus } from "../domain/payout-status";
import type { MoneyTx, PaymentRecord } from "./money-store";

/** `coaches/{uid}`. The checkout reads `stripeAccountId` and `chargesEnabled`: keep those names. */
export interface CoachRecord {
  uid: string;
  stripeAccountId: string | null;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
  disabledReason: string | null;
  /** Stripe `created` (epoch s) of the last account.updated applied: older events are ignored. */
  accountEventAt: number | null;
  /** The open payout per currency: at most one, so a request and a weekly run cannot both pay. */
  openPayouts: Partial<Record<Currency, string>>;
  /** availableOn (ms) of the newest payment already covered by a payout, per currency. */
  paidThrough: Partial<Record<Currency, number>>;
  /** Per-coach minimum override (partner tiers); settings/payouts and the defaults otherwise. */
  payoutMinimums: Partial<Record<Currency, number>>;
  /** Requests made so far: numbers each request's payout id. */
  payoutRequests: number;
  updatedAt: number;
}

export interface PayoutLineItem {
  programId: string | null;
  description: string;
  payments: number;
  /** Sum of the coach shares of these payments (before refunds netted into the payout). */
  coachAmount: number;
}

export type PayoutTrigger = "schedule" | "request" | "admin";

/** `payouts/{id}`. Amounts in minor units of `currency`. */
export interface PayoutRecord {
  id: string;
  coachId: string;
  amount: number;
  currency: Currency;
  /** Epoch ms the payout was created. */
  date: number;
  status: PayoutStatus;
  trigger: PayoutTrigger;
  runId: string | null;
  stripeAccountId: string;
  stripePayoutId: string | null;
  /** 1, then 2, 3 ... after admin retries: each attempt has its own reserve and Stripe key. */
  attempt: number;
  /** Set when the Stripe call of the current attempt starts: from then on it cannot be cancelled. */
  sendStartedAt: number | null;
  relatedPaymentIds: string[];
  lineItems: PayoutLineItem[];
  /** coaches.paidThrough before this payout, restored if it is cancelled or fails. */
  paidThroughBefore: number | null;
  paidThrough: number | null;
  failureCode: string | null;
  failureReason: string | null;
  requestedBy: string | null;
  decidedBy: string | null;
  updatedAt: number;
}

export interface PayoutSettings {
  /** Coach requests wait for an admin unless settings/payouts.requireApproval is false. */
  requireApproval: boolean;
  minimums: Partial<Record<Currency, number>>;
}

export interface PayoutTx extends MoneyTx {
  getCoach(uid: string): Promise<CoachRecord | null>;
  getPayout(id: string): Promise<PayoutRecord | null>;
  getSettings(): Promise<PayoutSettings>;
  /** Merges the fields given into `coaches/{uid}` (creating it if needed). */
  updateCoach(uid: string, patch: Partial<CoachRecord>): void;
  setPayout(payout: PayoutRecord): void;
}

/** Something Kassa cannot match (a payout event for an unknown payout): kept for an admin. */
export interface ReviewItem {
  id: string;
  kind: "unknown_payout";
  stripeAccountId: string | null;
  stripeObjectId: string;
  eventType: string;
  amount: number | null;
  currency: string | null;
  note: string;
  createdAt: number;
}

export type RelatedPayment = Pick<
  PaymentRecord,
  "id" | "programId" | "description" | "coachAmount" | "availableOn"
>;

export interface PayoutStore {
  transact<T>(fn: (tx: PayoutTx) => Promise<T>): Promise<T>;
  /** Coach uid for a connected account (via coaches.stripeAccountId). */
  findCoachByAccount(accountId: string): Promise<string | null>;
  findPayoutByStripeId(stripePayoutId: string): Promise<string | null>;
  /**
   * Released payments of a coach in a currency with availableOn in (afterMs, throughMs],
   * oldest first: what a payout pays for.
   */
  releasedPayments(
    coachId: string,
    currency: Currency,
    afterMs: number,
    throughMs: number,
    limit: number,
  ): Promise<RelatedPayment[]>;
  recordReview(item: ReviewItem): Promise<void>;
}
