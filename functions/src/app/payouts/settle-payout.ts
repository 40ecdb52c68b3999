/**
 * Phase two of a payout, inside a transaction: post it (in_payout -> paid), void it
 * (in_payout -> available: cancelled, rejected, refused or failed at Stripe) or book a
 * bank return of a paid payout (paid -> available). Each writes its ledger entry with an id
 * derived from the payout id and attempt, so doing it twice fails instead of booking twice;
 * callers check the status first and treat "already there" as done.
 */
import { bookEntries } from "../ledger/book-entries";
import { payoutFailedEntry, payoutPaidEntry, payoutReturnedEntry } from "../../domain/ledger";
import type { PayoutStatus } from "../../domain/payout-status";
import type { CoachRecord, PayoutRecord, PayoutTx } from "../../ports/payout-store";
import { openPayoutsWithout, withCoachDefaults } from "./payout-records";

async function coachOf(tx: PayoutTx, payout: PayoutRecord): Promise<CoachRecord> {
  return withCoachDefaults(payout.coachId, await tx.getCoach(payout.coachId));
}

const moneyOf = (p: PayoutRecord) => ({ payoutId: p.id, coachId: p.coachId, amount: { amount: p.amount, currency: p.currency } });

/** A payout whose Stripe call has started counts as processing even before Stripe's id is stored. */
export const effectiveStatus = (p: PayoutRecord): PayoutStatus => (p.status === "approved" && p.sendStartedAt !== null ? "processing" : p.status);

export interface VoidInput {
  status: "failed" | "cancelled";
  code: string | null;
  reason: string;
  by: string | null;
  now: number;
  stripePayoutId?: string | null;
}

/** Money back to available; the coach may request again and the next run may pay it. */
export async function voidPayout(tx: PayoutTx, payout: PayoutRecord, input: VoidInput): Promise<PayoutRecord> {
  const coach = await coachOf(tx, payout);
  await bookEntries(tx, [payoutFailedEntry({ ...moneyOf(payout), attempt: payout.attempt, occurredAt: input.now, ...(input.stripePayoutId ? { stripePayoutId: input.stripePayoutId } : {}) })]);
  const next: PayoutRecord = {
    ...payout,
    status: input.status,
    stripePayoutId: input.stripePayoutId ?? payout.stripePayoutId,
    failureCode: input.code,
    failureReason: input.reason,
    decidedBy: input.by ?? payout.decidedBy,
    updatedAt: input.now,
  };
  tx.setPayout(next);
  const paidThrough = { ...coach.paidThrough };
  // Only undo the cover if no later payout moved it on (the marker says this one was the last).
  if (coach.openPayouts[payout.currency] === payout.id) {
    if (payout.paidThroughBefore === null) delete paidThrough[payout.currency];
    else paidThrough[payout.currency] = payout.paidThroughBefore;
  }
  tx.updateCoach(payout.coachId, { openPayouts: openPayoutsWithout(coach, payout), paidThrough, updatedAt: input.now });
  return next;
}

export async function postPaidPayout(tx: PayoutTx, payout: PayoutRecord, stripePayoutId: string, now: number): Promise<PayoutRecord> {
  const coach = await coachOf(tx, payout);
  await bookEntries(tx, [payoutPaidEntry({ ...moneyOf(payout), stripePayoutId, occurredAt: now })]);
  const next: PayoutRecord = { ...payout, status: "paid", stripePayoutId, updatedAt: now };
  tx.setPayout(next);
  tx.updateCoach(payout.coachId, { openPayouts: openPayoutsWithout(coach, payout), updatedAt: now });
  return next;
}

/** The bank sent a paid payout back: the coach is owed it again. */
export async function returnPaidPayout(tx: PayoutTx, payout: PayoutRecord, input: { code: string | null; reason: string; stripePayoutId: string; now: number }): Promise<PayoutRecord> {
  await bookEntries(tx, [payoutReturnedEntry({ ...moneyOf(payout), stripePayoutId: input.stripePayoutId, occurredAt: input.now })]);
  const next: PayoutRecord = { ...payout, status: "failed", failureCode: input.code, failureReason: input.reason, updatedAt: input.now };
  tx.setPayout(next);
  return next;
}
