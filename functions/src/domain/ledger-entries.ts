/**
 * Ledger entries: immutable, balanced, with ids chosen by Kassa (TigerBeetle-style), so the id
 * doubles as the idempotency key: writing `ledger/{id}` with Firestore `create()` a second
 * time fails instead of double-booking a retried webhook.
 *
 * Exports: ENTRY_KINDS, EntryKind, ENTRY_FLOW, Posting, EntryRefs, LedgerEntry, entryId,
 * assertBalanced.
 *
 * SIGN CONVENTION: a posting's `amount` is in minor units of the entry's currency;
 * positive = debit, negative = credit. Every entry's postings sum to exactly 0.
 * Money flowing *to* a coach is therefore a negative posting on a coach account, and a coach
 * balance reads as -(sum of postings) (see balances.ts).
 */
import type { AccountingFlow } from "./accounting";
import { parseAccount } from "./ledger-accounts";
import { isCurrency, type Currency } from "./money";
import { DomainError, invalidInput } from "./errors";

export const ENTRY_KINDS = [
  "program_sale",
  "subscription_payment",
  "stripe_fee",
  "hold_release",
  "refund",
  "dispute_created",
  "dispute_won",
  "dispute_lost",
  "dispute_excess",
  "payout_reserve",
  "payout_paid",
  "payout_failed",
  "payout_returned",
  "platform_payout",
  "platform_payout_failed",
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * The accounting flow (one Fortnox voucher per day, flow and currency) each kind belongs to.
 * Hold releases and the coach payout steps are "transfers": they move the coach's money
 * between 2890 sub-accounts and, when paid, out of the clearing account to the coach.
 */
export const ENTRY_FLOW: Readonly<Record<EntryKind, AccountingFlow>> = {
  program_sale: "sales",
  subscription_payment: "subscriptions",
  stripe_fee: "stripe_fees",
  hold_release: "transfers",
  refund: "refunds",
  dispute_created: "disputes",
  dispute_won: "disputes",
  dispute_lost: "disputes",
  dispute_excess: "disputes",
  payout_reserve: "transfers",
  payout_paid: "transfers",
  payout_failed: "transfers",
  payout_returned: "transfers",
  platform_payout: "payouts",
  platform_payout_failed: "payouts",
};

export interface Posting {
  account: string;
  /** Minor units; > 0 debit, < 0 credit. Never 0 (builders drop empty legs). */
  amount: number;
}

export interface EntryRefs {
  /** Kassa `payments/{id}`: the Stripe PaymentIntent (or invoice) id. */
  paymentId?: string;
  /** Kassa `payouts/{id}`. */
  payoutId?: string;
  coachId?: string;
  /** The Stripe object that caused the entry (re_, dp_, po_, txn_ ...). */
  stripeObjectId?: string;
  /**
   * The customer's own amount when Stripe converted it: entries are kept in the currency the
   * money settled in (the balance transaction's), so a 50.00 EUR sale is booked in SEK and
   * this says what the customer paid, for the voucher row and the accountant.
   */
  original?: { amount: number; currency: Currency; exchangeRate: number };
}

export interface LedgerEntry {
  id: string;
  kind: EntryKind;
  currency: Currency;
  postings: Posting[];
  /** Epoch milliseconds of the business event (Stripe's `created`), not of processing. */
  occurredAt: number;
  refs: EntryRefs;
  flow: AccountingFlow;
}

/** `${stripeId}:${step}`: deterministic, so a replayed event maps to the same entry. */
export function entryId(sourceId: string, step: string): string {
  if (sourceId.length === 0 || sourceId.includes("/")) {
    throw invalidInput(
      "sourceId",
      `must be a non-empty id without '/', got ${JSON.stringify(sourceId)}`,
    );
  }
  return `${sourceId}:${step}`;
}

/**
 * Throws unless the entry is well formed and its postings sum to zero. Called by every
 * builder and again by the store before a write, so an unbalanced entry never exists.
 */
export function assertBalanced(entry: LedgerEntry): void {
  const fail = (msg: string): never => {
    throw new DomainError("invalid_input", `ledger entry ${entry.id}: ${msg}`, "postings", {
      entryId: entry.id,
    });
  };
  if (!isCurrency(entry.currency)) fail(`unsupported currency ${String(entry.currency)}`);
  if (!Number.isSafeInteger(entry.occurredAt)) fail("occurredAt must be epoch milliseconds");
  if (entry.postings.length < 2) fail("needs at least two postings");
  let total = 0;
  for (const p of entry.postings) {
    parseAccount(p.account);
    if (!Number.isSafeInteger(p.amount) || p.amount === 0)
      fail(`posting on ${p.account} must be a non-zero integer, got ${p.amount}`);
    total += p.amount;
  }
  if (!Number.isSafeInteger(total)) fail("postings overflow");
  if (total !== 0) fail(`postings sum to ${total}, not 0`);
}
