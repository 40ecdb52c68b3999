/**
 * What a customer sees of their own payment (`purchases/{paymentId}`): what they bought, what
 * they paid, its status and refunds. The platform's fee, the coach's share, Stripe's fee and
 * the settlement are the marketplace's business, not the buyer's, so they live only on
 * `payments/{id}`, which customers cannot read (firestore.rules). Written in the same
 * transaction as the payment, so the two never disagree.
 */
import type { PaymentRecord } from "../../ports/money-store";

export interface PurchaseView {
  id: string;
  userId: string;
  kind: PaymentRecord["kind"];
  programId: string | null;
  subscriptionId: string | null;
  description: string | null;
  amount: number;
  currency: PaymentRecord["currency"];
  date: number;
  status: PaymentRecord["status"];
  refundedAmount: number;
  failureReason: string | null;
  /** The card that paid, shown on the receipt line. */
  card: { brand: string; last4: string } | null;
}

/** The customer's view, or null for a payment with no customer of Kassa's. */
export function purchaseOf(p: PaymentRecord): PurchaseView | null {
  if (!p.userId) return null;
  return {
    id: p.id,
    userId: p.userId,
    kind: p.kind,
    programId: p.programId,
    subscriptionId: p.subscriptionId,
    description: p.description,
    amount: p.amount,
    currency: p.currency,
    date: p.date,
    status: p.status,
    refundedAmount: p.refundedAmount,
    failureReason: p.failureReason ?? null,
    card: p.card ?? null,
  };
}
