/**
 * Phase one of a payout: available -> in_payout and the `payouts/{id}` document, in one
 * transaction with the coach's open-payout marker. Called by the weekly run's task and by
 * a coach's request; both go through the same marker, so they cannot both pay the same öre.
 */
import { bookEntries } from "../ledger/book-entries";
import { payoutReserveEntry } from "../../domain/ledger";
import type { Currency } from "../../domain/money";
import type { PayoutStatus } from "../../domain/payout-status";
import type { CoachRecord, PayoutRecord, PayoutTrigger, PayoutTx, RelatedPayment } from "../../ports/payout-store";
import { lineItemsOf } from "./payout-records";

export interface ReserveInput {
  payoutId: string;
  coach: CoachRecord;
  amount: number;
  currency: Currency;
  status: PayoutStatus;
  trigger: PayoutTrigger;
  runId: string | null;
  requestedBy: string | null;
  related: readonly RelatedPayment[];
  now: number;
  /** More coach fields to write in the same (single) update of `coaches/{uid}`. */
  coachPatch?: Partial<CoachRecord>;
}

export async function reservePayout(tx: PayoutTx, input: ReserveInput): Promise<PayoutRecord> {
  const { coach, currency, now } = input;
  const balance = await tx.getBalance(coach.uid, currency);
  const entry = payoutReserveEntry({ payoutId: input.payoutId, coachId: coach.uid, amount: { amount: input.amount, currency }, balance, occurredAt: now });
  await bookEntries(tx, [entry]);
  const before = coach.paidThrough[currency] ?? null;
  const through = input.related.reduce((max, p) => Math.max(max, p.availableOn ?? 0), before ?? 0);
  const payout: PayoutRecord = {
    id: input.payoutId,
    coachId: coach.uid,
    amount: input.amount,
    currency,
    date: now,
    status: input.status,
    trigger: input.trigger,
    runId: input.runId,
    stripeAccountId: coach.stripeAccountId ?? "",
    stripePayoutId: null,
    attempt: 1,
    sendStartedAt: null,
    relatedPaymentIds: input.related.map((p) => p.id),
    lineItems: lineItemsOf(input.related),
    paidThroughBefore: before,
    paidThrough: through || null,
    failureCode: null,
    failureReason: null,
    requestedBy: input.requestedBy,
    decidedBy: null,
    updatedAt: now,
  };
  tx.setPayout(payout);
  tx.updateCoach(coach.uid, {
    openPayouts: { ...coach.openPayouts, [currency]: payout.id },
    paidThrough: { ...coach.paidThrough, [currency]: through || (before ?? 0) },
    ...input.coachPatch,
    updatedAt: now,
  });
  return payout;
}
