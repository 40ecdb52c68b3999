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
