/**
 * A coach's own payout request and the admins' decisions on it. Every check runs inside the
 * transaction that reserves the money, against the coach's open-payout marker, so two
 * requests racing each other (or a request racing the weekly run) cannot both pass.
 * Requests reserve at once (available -> in_payout): the approval can then never fail for
 * lack of funds, and the weekly run cannot pay the same money meanwhile.
 *
 * Decisions (approve, reject, cancel, retry) go through the payout lifecycle: an edge it does
 * not declare is refused with the payout's state in words, before anything moves. The payee
 * never approves or retries their own payout (a coach who is also an admin); above the
 * settings' second-approval amount two different admins must approve. Each decision writes
 * an audit record (who, when, why) in the same transaction.
 */
import { requireRole, type Caller } from "../caller";
import { DomainError, invalidInput } from "../../domain/errors";
import { parseCurrency } from "../../domain/money";
import { payoutMinimum, requiredApprovalsFor, validatePayoutRequest } from "../../domain/payout-policy";
import type { PayoutCommand } from "../../domain/payout-lifecycle";
import type { PayoutAuditAction, PayoutRecord } from "../../ports/payout-store";
import type { PayoutDeps } from "./payout-deps";
import { accountStateOf, withCoachDefaults } from "./payout-records";
import { applyPayoutStep } from "./payout-transition";
import { reservePayout } from "./reserve-payout";
import { getPayoutOrThrow } from "./send-payout";

export interface RequestPayoutInput {
  amount: unknown;
  currency: unknown;
}

export async function requestPayout(deps: PayoutDeps, caller: Caller, input: RequestPayoutInput): Promise<{ payoutId: string; status: string }> {
  requireRole(caller, "coach");
  const uid = caller.uid;
  const currency = parseCurrency(input.currency, "currency");
  const now = deps.clock.now().getTime();
  // What Stripe can pay now, read once before the transaction (a GET has no side effects):
  // a request Stripe would refuse is refused here, with the reason, and reserves nothing.
  const before = await deps.store.transact((tx) => tx.getCoach(uid));
  const stripeAvailable =
    before?.stripeAccountId && before.payoutsEnabled ? (await deps.gateway.balance(before.stripeAccountId, currency)).available : null;
  const payout = await deps.store.transact(async (tx) => {
    const coach = withCoachDefaults(uid, await tx.getCoach(uid), now);
    const settings = await tx.getSettings();
    const balance = await tx.getBalance(uid, currency);
    if (balance.held === 0 && balance.available === 0 && balance.inPayout === 0 && balance.paid === 0) {
      throw invalidInput("currency", `you have no ${currency.toUpperCase()} earnings to pay out`);
    }
    const minimum = payoutMinimum(currency, settings.minimums, coach.payoutMinimums[currency] ?? null);
    const money = validatePayoutRequest({
      amount: input.amount,
      currency,
      balance,
      account: accountStateOf(coach),
      minimum,
      openPayout: Boolean(coach.openPayouts[currency]),
      stripeAvailable,
    });
    const requiredApprovals = requiredApprovalsFor(money.amount, currency, settings.secondApprovalAbove);
    const n = coach.payoutRequests + 1;
    return reservePayout(tx, {
      payoutId: `rq-${uid}-${n}`,
      coach,
      amount: money.amount,
      currency,
      status: settings.requireApproval || requiredApprovals > 1 ? "requested" : "approved",
      requiredApprovals,
      trigger: "request",
      runId: null,
      requestedBy: uid,
      now,
      balance,
      coachPatch: { payoutRequests: n },
      audit: { action: "requested", by: uid, byRole: caller.role, reason: null },
    });
  });
  if (payout.status === "approved") await deps.dispatcher.enqueue([{ kind: "send", payoutId: payout.id }]);
  return { payoutId: payout.id, status: payout.status };
}

const payoutIdOf = (payoutId: unknown): string => {
  if (typeof payoutId !== "string" || !payoutId) throw new DomainError("invalid_input", "payoutId: is required", "payoutId");
  return payoutId;
};

/** One decision in one transaction: load, lifecycle step with its audit record, write. */
async function decide(deps: PayoutDeps, caller: Caller, payoutId: unknown, audit: PayoutAuditAction, command: (p: PayoutRecord, now: number) => PayoutCommand, opts: { reason?: string | null; failure?: { code: string; reason: string }; guard?: (p: PayoutRecord) => void } = {}) {
  const id = payoutIdOf(payoutId);
  const now = deps.clock.now().getTime();
  return deps.store.transact(async (tx) => {
    const p = await getPayoutOrThrow(tx, id);
    opts.guard?.(p);
    return applyPayoutStep(tx, p, command(p, now), { now, by: { uid: caller.uid, role: caller.role }, audit, reason: opts.reason ?? null, ...(opts.failure ? { failure: opts.failure } : {}) });
  });
}

const cleanReason = (reason: unknown): string | null => (typeof reason === "string" && reason.trim() ? reason.trim().slice(0, 500) : null);

/** The coach withdraws a request (or an approved payout not yet sent); an admin may too. The money is available again. */
export async function cancelPayoutRequest(deps: PayoutDeps, caller: Caller, input: { payoutId: string; reason?: string }): Promise<{ status: string }> {
  requireRole(caller, "coach", "admin");
  const who = caller.role === "admin" ? "an admin" : "the coach";
  const reason = cleanReason(input.reason) ?? `Cancelled by ${who}.`;
  const step = await decide(deps, caller, input.payoutId, "cancelled", (_p, at) => ({ type: "cancel", by: caller.uid, at }), {
    reason,
    failure: { code: "cancelled", reason },
    guard: (p) => {
      if (caller.role === "coach" && p.coachId !== caller.uid) throw new DomainError("permission", "This payout is not yours.", "payoutId");
    },
  });
  return { status: step.payout.status };
}

export async function approvePayout(deps: PayoutDeps, caller: Caller, input: { payoutId: string; reason?: string }): Promise<{ status: string; approvals: number; requiredApprovals: number }> {
  requireRole(caller, "admin");
  const step = await decide(deps, caller, input.payoutId, "approved", (_p, at) => ({ type: "approve", by: caller.uid, at }), { reason: cleanReason(input.reason) });
  if (step.effect === "send") await deps.dispatcher.enqueue([{ kind: "send", payoutId: step.payout.id }]);
  return { status: step.payout.status, approvals: step.payout.approvals.length, requiredApprovals: step.payout.requiredApprovals };
}

export async function rejectPayout(deps: PayoutDeps, caller: Caller, input: { payoutId: string; reason?: string }): Promise<{ status: string }> {
  requireRole(caller, "admin");
  const reason = cleanReason(input.reason) ?? "Rejected by an admin.";
  const step = await decide(deps, caller, input.payoutId, "rejected", (_p, at) => ({ type: "reject", by: caller.uid, at }), { reason, failure: { code: "rejected", reason } });
  return { status: step.payout.status };
}

/**
 * Admin retry. A failed payout gets a new attempt: a new reserve (its own ledger id) and a new
 * Stripe idempotency key, because the old key would replay the failure. An approved payout
 * that never reached Stripe (a lost task) is simply sent again under its existing key.
 */
export async function retryPayout(deps: PayoutDeps, caller: Caller, input: { payoutId: string; reason?: string }): Promise<{ status: string; attempt: number }> {
  requireRole(caller, "admin");
  const step = await decide(deps, caller, input.payoutId, "retried", (_p, at) => ({ type: "retry", by: caller.uid, at }), { reason: cleanReason(input.reason) });
  await deps.dispatcher.enqueue([{ kind: "send", payoutId: step.payout.id }]);
  return { status: step.payout.status, attempt: step.payout.attempt };
}
