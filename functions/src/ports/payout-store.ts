/**
 * Payouts, coaches and payout settings, changed in one transaction with the ledger and the
 * coach balances (PayoutTx extends MoneyTx, so `bookEntries` works inside it). Reserving
 * money and creating the payout document must be one atomic step: either both exist or
 * neither, which is what makes a retried task safe.
 */
import type { Currency } from "../domain/money";
import type { PastAttempt, PayoutApproval } from "../domain/payout-lifecycle";
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
  /**
   * Sales of payouts that were voided or returned after the marker moved past them: the next
   * payout lists them, so every sale paid appears on exactly one live payout's lines.
   */
  carriedLines?: Partial<Record<Currency, CarriedLines>>;
  /** Per-coach minimum override (partner tiers); settings/payouts and the defaults otherwise. */
  payoutMinimums: Partial<Record<Currency, number>>;
  /** Requests made so far: numbers each request's payout id. */
  payoutRequests: number;
  updatedAt: number;
}

/** Sale lines waiting for the coach's next payout (see CoachRecord.carriedLines). */
export interface CarriedLines {
  paymentIds: string[];
  lineItems: PayoutLineItem[];
}

export interface PayoutLineItem {
  /** sales: the coach shares of released sales; adjustment: refunds, disputes and money carried between payouts, so the lines add up to the payout. */
  kind: "sales" | "adjustment";
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
  /** 1, then 2, 3 ... after retries: each attempt has its own reserve and Stripe key. */
  attempt: number;
  /** Earlier attempts, so their late events are recognised as stale and never applied. */
  pastAttempts: PastAttempt[];
  /** Set when the Stripe call of the current attempt starts: from then on it cannot be cancelled. */
  sendStartedAt: number | null;
  relatedPaymentIds: string[];
  lineItems: PayoutLineItem[];
  /** coaches.paidThrough after this payout's cover (informational). */
  paidThrough: number | null;
  failureCode: string | null;
  failureReason: string | null;
  requestedBy: string | null;
  decidedBy: string | null;
  /** Admins who approved (distinct, never the payee). */
  approvals: PayoutApproval[];
  /** 2 above settings' secondApprovalAbove for the currency, else 1. */
  requiredApprovals: number;
  /** Audit records written so far (`payouts/{id}/audit/{n}`): numbers the next one. */
  auditCount: number;
  updatedAt: number;
}

export type PayoutAuditAction = "requested" | "created" | "approval" | "approved" | "rejected" | "cancelled" | "retried" | "stale_event";

/** `payouts/{id}/audit/{n}`: append-only, written with create() in the decision's transaction. */
export interface PayoutAuditRecord {
  id: string;
  payoutId: string;
  coachId: string;
  action: PayoutAuditAction;
  /** uid of the person; null for the system (weekly run, Stripe). */
  by: string | null;
  byRole: string | null;
  at: number;
  /** Why, in the decider's or the system's words. */
  reason: string | null;
  from: PayoutStatus | null;
  to: PayoutStatus;
  attempt: number;
  amount: number;
  currency: Currency;
}

export interface PayoutSettings {
  /** Coach requests wait for an admin unless settings/payouts.requireApproval is false. */
  requireApproval: boolean;
  minimums: Partial<Record<Currency, number>>;
  /**
   * Minor units per currency above which a payout (a request or a weekly-run payout) needs a
   * second admin's approval; a weekly-run payout above it waits as "requested". No entry: never.
   */
  secondApprovalAbove?: Partial<Record<Currency, number>>;
}

export interface PayoutTx extends MoneyTx {
  getCoach(uid: string): Promise<CoachRecord | null>;
  getPayout(id: string): Promise<PayoutRecord | null>;
  getSettings(): Promise<PayoutSettings>;
  /** Merges the fields given into `coaches/{uid}` (creating it if needed). */
  updateCoach(uid: string, patch: Partial<CoachRecord>): void;
  setPayout(payout: PayoutRecord): void;
  /**
   * Creates `payouts/{id}` (create(), not set()): when it exists the whole transaction fails
   * with PayoutExists and writes nothing. Saves reading the document first to find out.
   */
  createPayout(payout: PayoutRecord): void;
  /** Appends to the payout's audit trail; create(): an id written twice fails the transaction. */
  appendAudit(record: PayoutAuditRecord): void;
  /**
   * Released payments of a coach in a currency with availableOn in (afterMs, throughMs],
   * oldest first: what a payout pays for. Read inside the transaction so a hold released
   * meanwhile is either on these lines or not yet in the balance, never only in the balance.
   */
  releasedPayments(coachId: string, currency: Currency, afterMs: number, throughMs: number, limit: number): Promise<RelatedPayment[]>;
}

/** A transaction's createPayout found the payout already there: nothing was written. */
export class PayoutExists extends Error {
  override readonly name = "PayoutExists";
  constructor(readonly payoutId: string) {
    super(`Payout ${payoutId} already exists.`);
  }
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
  recordReview(item: ReviewItem): Promise<void>;
}
