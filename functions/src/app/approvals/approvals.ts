/**
 * The second admin's side of dual control: approve or reject what another admin asked for
 * (a refund above the limit, a staff role). The one who asked cannot approve it; a request
 * waits at most APPROVAL_TTL_MS. Approving carries the request out exactly as asked, then
 * records the decision; a retry after a crash in between carries it out again, which is safe
 * (the refund's request id names Stripe's idempotency key; setting a role twice is once).
 */
import { DomainError } from "../../domain/errors";
import type { ApprovalRequest, ApprovalStore } from "../../ports/approval-store";
import { type Caller, requireRole } from "../caller";
import { makeRefund } from "../payments/refund-payment";
import type { PaymentDeps } from "../payments/payment-deps";
import { applyRole, type SetUserRoleDeps } from "../set-user-role";

/** Three days: a request made on Friday evening can still be approved on Monday. */
export const APPROVAL_TTL_MS = 72 * 3600_000;

export interface ApprovalDeps {
  approvals: ApprovalStore;
  payments: PaymentDeps;
  users: SetUserRoleDeps;
}

async function pending(deps: ApprovalDeps, caller: Caller, approvalId: string): Promise<ApprovalRequest> {
  requireRole(caller, "admin");
  const request = await deps.approvals.get(approvalId);
  if (!request) throw new DomainError("not_found", `approvalId: no request ${approvalId}`, "approvalId");
  return request;
}

export async function approveRequest(deps: ApprovalDeps, caller: Caller, input: { approvalId: string }): Promise<ApprovalRequest> {
  const request = await pending(deps, caller, input.approvalId);
  if (request.state === "approved") return request;
  if (request.state === "rejected") throw new DomainError("precondition", "This request was rejected; it cannot be approved any more.", "approvalId");
  if (request.requestedBy === caller.uid) throw new DomainError("precondition", "You asked for this yourself: another admin must approve it.", "approvalId", { reason: "approval_self" });
  const now = deps.payments.clock.now().getTime();
  if (now - request.requestedAt > APPROVAL_TTL_MS) throw new DomainError("precondition", "This request is more than three days old and has expired; ask for it again.", "approvalId");
  let result: Record<string, string | number>;
  if (request.kind === "refund") {
    const { paymentId, amount, reason, requestId } = request.refund;
    const refund = await makeRefund(deps.payments, caller, { paymentId, amount, reason, requestId }, request.requestedBy);
    result = { refundId: refund.refundId, status: refund.status, amount: refund.amount };
  } else {
    await applyRole(deps.users, caller, { uid: request.roleGrant.uid, role: request.roleGrant.to }, request.requestedBy);
    result = { role: request.roleGrant.to };
  }
  const decided = await deps.approvals.decide(request.id, { state: "approved", decidedBy: caller.uid, decidedAt: now, result });
  await deps.payments.audit.append({ action: "approval_approved", by: caller.uid, byRole: caller.role, target: request.id, at: now, details: { kind: request.kind, requestedBy: request.requestedBy, ...result } });
  return decided;
}

/** Any admin may reject (the one who asked withdraws it this way); a reason is required. */
export async function rejectRequest(deps: ApprovalDeps, caller: Caller, input: { approvalId: string; reason: string }): Promise<ApprovalRequest> {
  const request = await pending(deps, caller, input.approvalId);
  if (request.state === "rejected") return request;
  if (request.state === "approved") throw new DomainError("precondition", "This request was already approved and carried out.", "approvalId");
  const now = deps.payments.clock.now().getTime();
  const decided = await deps.approvals.decide(request.id, { state: "rejected", decidedBy: caller.uid, decidedAt: now, rejectReason: input.reason });
  await deps.payments.audit.append({ action: "approval_rejected", by: caller.uid, byRole: caller.role, target: request.id, at: now, details: { kind: request.kind, requestedBy: request.requestedBy, reason: input.reason } });
  return decided;
}
