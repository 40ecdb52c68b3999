import { dayOf } from "../../domain/calendar-day";
import type { Currency } from "../../domain/money";
import type { PaymentRecord } from "../../ports/money-store";

/** A payments document with every field set, so readers never meet a missing one. */
export function newPaymentRecord(
  fields: Pick<PaymentRecord, "id" | "kind" | "amount" | "currency" | "date" | "stripePaymentId"> &
    Partial<PaymentRecord>,
  now: number,
): PaymentRecord {
  return {
    userId: null,
    coachId: null,
    programId: null,
    subscriptionId: null,
    invoiceId: null,
    description: null,
    status: "pending",
    stripeChargeId: null,
    feeAmount: 0,
    coachAmount: 0,
    stripeFee: 0,
    refundedAmount: 0,
    availableOn: null,
    entryIds: [],
    refundRequests: 0,
    holdReleased: false,
    ...fields,
    day: dayOf(fields.date),
    updatedAt: now,
  };
}

export const DAY_MS = 86_400_000;
export const asCurrency = (c: string): Currency => c.toLowerCase() as Currency;

/**
 * A payment's gross, platform fee and coach share in the ledger's currency: what Stripe
 * settled for a converted sale (an EUR sale on a SEK account is SEK here), the payment's own
 * amounts otherwise. Payout lines and statements are in the coach's currency, so they use this.
 */
export function inLedgerCurrency(p: PaymentRecord): { gross: number; fee: number; coach: number } {
  return p.settlement
    ? { gross: p.settlement.gross, fee: p.settlement.fee, coach: p.settlement.coach }
    : { gross: p.amount, fee: p.feeAmount, coach: p.coachAmount };
}
