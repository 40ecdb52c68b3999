/**
 * Admin refund. The request is reserved on the payment first (a counter bumped in a
 * transaction) and the counter names the Stripe idempotency key, so a retried call after a
 * timeout returns the same refund instead of refunding twice. The ledger is booked when
 * Stripe's charge.refunded event arrives, from Stripe's list of refunds.
 */
import { DomainError } from "../../domain/errors";
import { type Caller, requireRole } from "../caller";
import type { PaymentDeps } from "./payment-deps";

export interface RefundInput {
  paymentId: string;
  /** Minor units; omitted = everything not yet refunded. */
  amount?: number;
  reason: "requested_by_customer" | "duplicate" | "fraudulent";
  /** The request id the admin's client generated; a retry with the same id is the same refund. */
  requestId: string;
}

export async function refundPayment(
  deps: PaymentDeps,
  caller: Caller,
  input: RefundInput,
): Promise<{ refundId: string; status: string; amount: number }> {
  requireRole(caller, "admin");
  const now = deps.clock.now().getTime();
  const reserved = await deps.money.transact(async (tx) => {
    const payment = await tx.getPayment(input.paymentId);
    if (!payment)
      throw new DomainError("not_found", `paymentId: no payment ${input.paymentId}`, "paymentId");
    const log = payment.refundRequestLog ?? [];
    const seen = log.findIndex((r) => r.requestId === input.requestId);
    if (seen >= 0) return { payment, amount: log[seen]!.amount, n: seen + 1 };
    if (!["succeeded", "partially_refunded"].includes(payment.status)) {
      throw new DomainError(
        "precondition",
        `paymentId: a ${payment.status} payment cannot be refunded`,
        "paymentId",
      );
    }
    // Requested refunds are booked only when Stripe confirms them; count whichever is larger.
    const requested = log.reduce((s, r) => s + r.amount, 0);
    const left = payment.amount - Math.max(payment.refundedAmount, requested);
    const amount = input.amount ?? left;
    if (amount <= 0)
      throw new DomainError("precondition", "paymentId: nothing is left to refund", "paymentId");
    if (amount > left)
      throw new DomainError(
        "invalid_input",
        `amount: at most ${left} can still be refunded`,
        "amount",
      );
    tx.setPayment({
      ...payment,
      refundRequests: log.length + 1,
      refundRequestLog: [...log, { requestId: input.requestId, amount }],
      updatedAt: now,
    });
    return { payment, amount, n: log.length + 1 };
  });
  const { refundFeeReversal } = await deps.settings.payments();
  const isProgram = reserved.payment.kind === "program";
  const refund = await deps.gateway.refund({
    idempotencyKey: `refund:${input.paymentId}:${reserved.n}`,
    paymentIntentId: reserved.payment.stripePaymentId,
    amount: reserved.amount,
    reason: input.reason,
    reverseTransfer: isProgram,
    refundApplicationFee: isProgram && refundFeeReversal === "proportional",
    metadata: {
      kassaPaymentId: input.paymentId,
      requestedBy: caller.uid,
      kassaRefundRequest: String(reserved.n),
    },
  });
  // A retried request (same requestId) is the same refund: audited once, when it was new.
  if (reserved.n > (reserved.payment.refundRequestLog ?? []).length) {
    await deps.audit.append({ action: "refund_requested", by: caller.uid, byRole: caller.role, target: input.paymentId, at: now, details: { amount: reserved.amount, currency: reserved.payment.currency, reason: input.reason, refundId: refund.id, requestId: input.requestId } });
  }
  return { refundId: refund.id, status: refund.status, amount: reserved.amount };
}

export async function cancelSubscriptionAtPeriodEnd(
  deps: PaymentDeps,
  caller: Caller,
  input: { subscriptionId: string; cancel: boolean },
): Promise<{ subscriptionId: string; cancelAtPeriodEnd: boolean }> {
  const sub = await deps.subscriptions.get(input.subscriptionId);
  if (!sub)
    throw new DomainError(
      "not_found",
      `subscriptionId: no subscription ${input.subscriptionId}`,
      "subscriptionId",
    );
  if (sub.userId !== caller.uid && caller.role !== "admin") {
    throw new DomainError(
      "permission",
      "subscriptionId: this subscription is not yours",
      "subscriptionId",
    );
  }
  await deps.gateway.setCancelAtPeriodEnd({
    idempotencyKey: `subscription:${sub.id}:cancel-at-period-end:${input.cancel}:${sub.currentPeriodEnd ?? 0}`,
    subscriptionId: sub.id,
    cancel: input.cancel,
  });
  return { subscriptionId: sub.id, cancelAtPeriodEnd: input.cancel };
}
