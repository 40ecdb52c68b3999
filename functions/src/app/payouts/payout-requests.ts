/**
 * A coach's own payout request and the admin's decisions on it. Every check runs inside the
 * transaction that reserves the money, against the coach's open-payout marker, so two
 * requests racing each other (or a request racing the weekly run) cannot both pass.
 * Requests reserve at once (available -> in_payout): the approval can then never fail for
 * lack of funds, and the weekly run cannot pay the same money meanwhile.
 */
import { requireRole, type Caller } from "../caller";
import { DomainError, invalidInput } from "../../domain/errors";
import { parseCurrency } from "../../domain/money";
import { payoutMinimum, validatePayoutRequest } from "../../domain/payout-policy";
import { assertPayoutTransition } from "../../domain/payout-status";
import { payoutReserveEntry } from "../../domain/ledger";
import { bookEntries } from "../ledger/book-entries";
import type { PayoutRecord, PayoutTx } from "../../ports/payout-store";
import type { PayoutDeps } from "./payout-deps";
import { accountStateOf, withCoachDefaults } from "./payout-records";
import { reservePayout } from "./reserve-payout";
import { voidPayout } from "./settle-payout";

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
  const related = await deps.store.releasedPayments(uid, currency, before?.paidThrough?.[currency] ?? 0, now, 500);
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
    const afterCover = related.filter((p) => (p.availableOn ?? 0) > (coach.paidThrough[currency] ?? 0));
    const n = coach.payoutRequests + 1;
    const payout = await reservePayout(tx, {
      payoutId: `rq-${uid}-${n}`,
      coach,
      amount: money.amount,
      currency,
      status: settings.requireApproval ? "requested" : "approved",
      trigger: "request",
      runId: null,
      requestedBy: uid,
      related: afterCover,
      now,
      coachPatch: { payoutRequests: n },
    });
    return payout;
  });
  if (payout.status === "approved") await deps.dispatcher.enqueue([{ kind: "send", payoutId: payout.id }]);
  return { payoutId: payout.id, status: payout.status };
}

async function loadPayout(tx: PayoutTx, payoutId: unknown): Promise<PayoutRecord> {
  if (typeof payoutId !== "string" || !payoutId) throw new DomainError("invalid_input", "payoutId: is required", "payoutId");
  const p = await tx.getPayout(payoutId);
  if (!p) throw new DomainError("not_found", `No payout ${payoutId}.`, "payoutId");
  return p;
}

function assertNotSent(p: PayoutRecord): void {
  if (p.sendStartedAt !== null || p.stripePayoutId) {
    throw new DomainError("precondition", `Payout ${p.id} has already been sent to Stripe and can no longer be cancelled.`, "payoutId");
  }
}

/** The coach withdraws a request (or an approved payout not yet sent); the money is available again. */
export async function cancelPayoutRequest(deps: PayoutDeps, caller: Caller, input: { payoutId: string }): Promise<{ status: string }> {
  requireRole(caller, "coach", "admin");
  const now = deps.clock.now().getTime();
  return deps.store.transact(async (tx) => {
    const p = await loadPayout(tx, input.payoutId);
    if (caller.role === "coach" && p.coachId !== caller.uid) throw new DomainError("permission", "This payout is not yours.", "payoutId");
    assertPayoutTransition(p.status, "cancelled");
    assertNotSent(p);
    const next = await voidPayout(tx, p, { status: "cancelled", code: "cancelled", reason: `Cancelled by ${caller.role === "admin" ? "an admin" : "the coach"}.`, by: caller.uid, now });
    return { status: next.status };
  });
}

export async function approvePayout(deps: PayoutDeps, caller: Caller, input: { payoutId: string }): Promise<{ status: string }> {
  requireRole(caller, "admin");
  const now = deps.clock.now().getTime();
  const approved = await deps.store.transact(async (tx) => {
    const p = await loadPayout(tx, input.payoutId);
    assertPayoutTransition(p.status, "approved");
    const next: PayoutRecord = { ...p, status: "approved", decidedBy: caller.uid, updatedAt: now };
    tx.setPayout(next);
    return next;
  });
  await deps.dispatcher.enqueue([{ kind: "send", payoutId: approved.id }]);
  return { status: approved.status };
}

export async function rejectPayout(deps: PayoutDeps, caller: Caller, input: { payoutId: string; reason?: string }): Promise<{ status: string }> {
  requireRole(caller, "admin");
  const now = deps.clock.now().getTime();
  return deps.store.transact(async (tx) => {
    const p = await loadPayout(tx, input.payoutId);
    if (p.status !== "requested") throw new DomainError("precondition", `Only requested payouts can be rejected; ${p.id} is ${p.status}.`, "payoutId");
    const next = await voidPayout(tx, p, { status: "cancelled", code: "rejected", reason: input.reason?.trim() || "Rejected by an admin.", by: caller.uid, now });
    return { status: next.status };
  });
}

/**
 * Admin retry. A failed payout gets a new attempt: a new reserve (its own ledger id) and a new
 * Stripe idempotency key, because the old key would replay the failure. An approved payout
 * that never reached Stripe (a lost task) is simply sent again under its existing key.
 */
export async function retryPayout(deps: PayoutDeps, caller: Caller, input: { payoutId: string }): Promise<{ status: string; attempt: number }> {
  requireRole(caller, "admin");
  const now = deps.clock.now().getTime();
  const p = await deps.store.transact(async (tx) => {
    const cur = await loadPayout(tx, input.payoutId);
    if (cur.status === "approved" && !cur.stripePayoutId) return cur;
    assertPayoutTransition(cur.status, "approved");
    if ((await tx.getEntries([`${cur.id}:paid`])).length > 0) {
      throw new DomainError("precondition", `Payout ${cur.id} was paid and then returned by the bank; the money is available again and the next payout includes it.`, "payoutId");
    }
    const coach = withCoachDefaults(cur.coachId, await tx.getCoach(cur.coachId), now);
    const open = coach.openPayouts[cur.currency];
    if (open && open !== cur.id) throw new DomainError("conflict", `Coach ${cur.coachId} already has payout ${open} open in ${cur.currency}.`, "payoutId");
    if (!coach.payoutsEnabled) throw new DomainError("precondition", "The coach's Stripe account cannot receive payouts right now.", "account");
    const attempt = cur.attempt + 1;
    const balance = await tx.getBalance(cur.coachId, cur.currency);
    await bookEntries(tx, [payoutReserveEntry({ payoutId: cur.id, coachId: cur.coachId, amount: { amount: cur.amount, currency: cur.currency }, balance, attempt, occurredAt: now })]);
    const next: PayoutRecord = { ...cur, status: "approved", attempt, stripePayoutId: null, sendStartedAt: null, failureCode: null, failureReason: null, decidedBy: caller.uid, updatedAt: now };
    tx.setPayout(next);
    tx.updateCoach(cur.coachId, { openPayouts: { ...coach.openPayouts, [cur.currency]: cur.id }, updatedAt: now });
    return next;
  });
  await deps.dispatcher.enqueue([{ kind: "send", payoutId: p.id }]);
  return { status: p.status, attempt: p.attempt };
}
