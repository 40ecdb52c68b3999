/**
 * Payment status (`payments/{id}.status`) as a small state machine, so that webhook events
 * arriving late, twice or out of order never move a payment backwards.
 *
 * Exports: PAYMENT_STATUSES, PaymentStatus, isPaymentStatus, canTransitionPayment,
 * paymentStatusRank, PaymentEvent, nextPaymentStatus.
 *
 *   pending -> succeeded | failed
 *   failed -> succeeded                 (the customer retried the same PaymentIntent)
 *   succeeded -> partially_refunded | refunded | disputed
 *   partially_refunded -> partially_refunded | refunded | disputed
 *   disputed -> succeeded | partially_refunded   (dispute won: back to what it was)
 *   disputed -> refunded                          (refunded in full while disputed)
 *   refunded: final
 * A lost dispute keeps "disputed": the money is gone and the status says why.
 */

export const PAYMENT_STATUSES = [
  "pending",
  "failed",
  "succeeded",
  "partially_refunded",
  "disputed",
  "refunded",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const isPaymentStatus = (v: unknown): v is PaymentStatus =>
  typeof v === "string" && (PAYMENT_STATUSES as readonly string[]).includes(v);

const EDGES: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  pending: ["succeeded", "failed"],
  failed: ["succeeded"],
  succeeded: ["partially_refunded", "refunded", "disputed"],
  partially_refunded: ["partially_refunded", "refunded", "disputed"],
  disputed: ["succeeded", "partially_refunded", "refunded"],
  refunded: [],
};

export const canTransitionPayment = (from: PaymentStatus, to: PaymentStatus): boolean =>
  EDGES[from].includes(to);

/** Progress order: an ordinary event may only move a payment to a higher rank. */
export const paymentStatusRank = (s: PaymentStatus): number => PAYMENT_STATUSES.indexOf(s);

/** What a Stripe event tells us, already reduced to domain terms by the event handler. */
export type PaymentEvent =
  | { type: "created" }
  | { type: "succeeded" }
  | { type: "failed" }
  /** Cumulative refunded amount as Stripe reports it on the charge (amount_refunded). */
  | { type: "refunded"; refundedTotal: number; gross: number }
  | { type: "dispute_opened" }
  | { type: "dispute_closed"; won: boolean; refundedTotal: number; gross: number };

function refundStatus(refundedTotal: number, gross: number): PaymentStatus {
  if (refundedTotal >= gross) return "refunded";
  return refundedTotal > 0 ? "partially_refunded" : "succeeded";
}

/**
 * The status after `event`. Ordinary events only move forward in rank, so a late
 * `payment_intent.created` after `succeeded` keeps `succeeded`, and a late `succeeded` after
 * a refund keeps the refund. Only a dispute's closing (won) may step back from `disputed`,
 * because that is the one decision that really undoes a state.
 */
export function nextPaymentStatus(current: PaymentStatus, event: PaymentEvent): PaymentStatus {
  let target: PaymentStatus;
  switch (event.type) {
    case "created":
      target = "pending";
      break;
    case "succeeded":
      target = "succeeded";
      break;
    case "failed":
      target = "failed";
      break;
    case "refunded":
      target = refundStatus(event.refundedTotal, event.gross);
      if (current === "disputed" && target !== "refunded") return current;
      break;
    case "dispute_opened":
      target = "disputed";
      break;
    case "dispute_closed":
      if (current !== "disputed") return current;
      if (!event.won) return "disputed";
      return refundStatus(event.refundedTotal, event.gross);
  }
  if (target === current) return current;
  return canTransitionPayment(current, target) &&
    paymentStatusRank(target) > paymentStatusRank(current)
    ? target
    : current;
}
