/**
 * Admin refund. The request is reserved on the payment first (a counter bumped in a
 * transaction) and the counter names the Stripe idempotency key, so a retried call after a
 * timeout returns the same refund instead of refunding twice. The ledger is booked when
 * Stripe's charge.refunded event arrives, from Stripe's list of refunds.
 *
 * Dual control: a refund above the deploy's limit for its currency is not made by the admin
 * who asks for it; it waits in `approvals/` until another admin approves it (approvals.ts),
 * and is then made exactly as asked (same request id, so the same Stripe idempotency key).
 */
import { refundNeedsSecondAdmin, type DualControlPolicy } from "../../domain/dual-control";
import { DomainError } from "../../domain/errors";
import type { ApprovalStore } from "../../ports/approval-store";
import type { PaymentRecord } from "../../ports/money-store";
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

export interface RefundDeps extends PaymentDeps {
  approvals: ApprovalStore;
  dualControl: DualControlPolicy;
}

/** A refund made (Stripe's status and id), or `pending_approval` with the request a second admin decides. */
export interface RefundResult {
  status: string;
  amount: number;
  refundId?: string;
  approvalId?: string;
}

/** What this request would refund now, or why it cannot; `seen` when the request was reserved before. */
function refundable(payment: PaymentRecord | null, input: RefundInput): { payment: PaymentRecord; amount: number; seen: number; before: number } {
  if (!payment) throw new DomainError("not_found", `paymentId: no payment ${input.paymentId}`, "paymentId");
  const log = payment.refundRequestLog ?? [];
  const seen = log.findIndex((r) => r.requestId === input.requestId);
  const requested = log.reduce((sum, r) => sum + r.amount, 0);
  const before = Math.max(payment.refundedAmount, requested);
  if (seen >= 0) return { payment, amount: log[seen]!.amount, seen, before };
  if (!["succeeded", "partially_refunded"].includes(payment.status)) {
    throw new DomainError("precondition", `paymentId: a ${payment.status} payment cannot be refunded`, "paymentId");
  }
  // Requested refunds are booked only when Stripe confirms them; count whichever is larger.
  const left = payment.amount - before;
  const amount = input.amount ?? left;
  // The reasons let the web app say it in the admin's language, with the amount in kronor.
  if (amount <= 0) {
    throw new DomainError("precondition", "paymentId: nothing is left to refund", "paymentId", { reason: left <= 0 ? "already_refunded" : "amount_not_positive" });
  }
  if (amount > left) {
    throw new DomainError("invalid_input", `amount: at most ${left} can still be refunded`, "amount", { reason: "refund_exceeds_remaining", remaining: left, currency: payment.currency });
  }
  return { payment, amount, seen, before };
}

export const refundApprovalId = (input: Pick<RefundInput, "paymentId" | "requestId">): string => `refund:${input.paymentId}:${input.requestId}`;

export async function refundPayment(deps: RefundDeps, caller: Caller, input: RefundInput): Promise<RefundResult> {
  requireRole(caller, "admin");
  const { payment, amount, seen, before } = refundable(await deps.money.transact((tx) => tx.getPayment(input.paymentId)), input);
  // The limit is on what the payment has refunded in all, this request included: several
  // refunds under the limit cannot add up to one above it without a second admin.
  if (seen < 0 && refundNeedsSecondAdmin(deps.dualControl, { amount: before + amount, currency: payment.currency })) {
    const now = deps.clock.now().getTime();
    const { request, opened } = await deps.approvals.open(
      {
        id: refundApprovalId(input),
        kind: "refund",
        state: "pending",
        requestedBy: caller.uid,
        requestedByEmail: caller.email,
        requestedAt: now,
        refund: { paymentId: input.paymentId, amount, currency: payment.currency, reason: input.reason, requestId: input.requestId },
      },
      false,
    );
    if (request.state === "approved") return { status: "succeeded", refundId: String(request.result?.["refundId"] ?? ""), amount };
    if (request.state === "rejected") throw new DomainError("precondition", `This refund was rejected by another admin: ${request.rejectReason ?? "no reason given"}.`, "requestId");
    if (opened) {
      await deps.audit.append({ action: "approval_requested", by: caller.uid, byRole: caller.role, target: input.paymentId, at: now, details: { kind: "refund", approvalId: request.id, amount, currency: payment.currency, reason: input.reason } });
    }
    return { status: "pending_approval", approvalId: request.id, amount };
  }
  return makeRefund(deps, caller, input);
}

/**
 * Makes the refund: reserves the request on the payment, then asks Stripe. `requestedBy` is
 * who asked when another admin (the caller) approved it.
 */
export async function makeRefund(
  deps: PaymentDeps,
  caller: Caller,
  input: RefundInput,
  requestedBy: string = caller.uid,
): Promise<{ refundId: string; status: string; amount: number }> {
  requireRole(caller, "admin");
  const now = deps.clock.now().getTime();
  const reserved = await deps.money.transact(async (tx) => {
    const { payment, amount, seen } = refundable(await tx.getPayment(input.paymentId), input);
    if (seen >= 0) return { payment, amount, n: seen + 1 };
    const log = payment.refundRequestLog ?? [];
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
      requestedBy,
      ...(requestedBy !== caller.uid ? { approvedBy: caller.uid } : {}),
      kassaRefundRequest: String(reserved.n),
    },
  });
  // A retried request (same requestId) is the same refund: audited once, when it was new.
  if (reserved.n > (reserved.payment.refundRequestLog ?? []).length) {
    await deps.audit.append({ action: "refund_requested", by: caller.uid, byRole: caller.role, target: input.paymentId, at: now, details: { amount: reserved.amount, currency: reserved.payment.currency, reason: input.reason, refundId: refund.id, requestId: input.requestId, requestedBy } });
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
