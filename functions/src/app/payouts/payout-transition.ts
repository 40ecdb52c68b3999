/**
 * The payout lifecycle applied inside a transaction: runs the domain's transition function,
 * books the money effect it names, moves the coach's markers, writes the payout and, for
 * people's decisions and stale events, one append-only audit record. Every use case that
 * changes a payout's status comes through here, so the ledger can only move along an edge
 * the lifecycle declares.
 *
 * Ledger entry ids come from the payout id and attempt (`:reserve:2`, `:failed:2`), so an
 * effect booked twice fails the transaction instead of moving money twice.
 */
import { bookEntries } from "../ledger/book-entries";
import { DomainError } from "../../domain/errors";
import { payoutFailedEntry, payoutPaidEntry, payoutReserveEntry, payoutReturnedEntry } from "../../domain/ledger";
import { transitionPayout, type PayoutCommand, type PayoutStep } from "../../domain/payout-lifecycle";
import type { CoachRecord, PayoutAuditAction, PayoutRecord, PayoutTx } from "../../ports/payout-store";
import { carryLines, openPayoutsWithout, withCoachDefaults } from "./payout-records";
import { coverFor } from "./reserve-payout";

export interface StepContext {
  now: number;
  /** The person deciding; null for the system (the weekly run, Stripe). */
  by?: { uid: string; role: string | null } | null;
  /** Write an audit record with this action (people's decisions, retries). */
  audit?: PayoutAuditAction;
  reason?: string | null;
  /** Stored on the payout with a void or return (Stripe's code and message, a rejection's reason). */
  failure?: { code: string | null; reason: string };
}

const moneyOf = (p: PayoutRecord) => ({ payoutId: p.id, coachId: p.coachId, amount: { amount: p.amount, currency: p.currency } });

async function coachOf(tx: PayoutTx, p: PayoutRecord, now: number): Promise<CoachRecord> {
  return withCoachDefaults(p.coachId, await tx.getCoach(p.coachId), now);
}

/** A new attempt after a failure: its own reserve, a fresh cover of the sales, the open marker again. */
async function reserveAttempt(tx: PayoutTx, next: PayoutRecord, now: number): Promise<PayoutRecord> {
  const coach = await coachOf(tx, next, now);
  const open = coach.openPayouts[next.currency];
  if (open && open !== next.id) throw new DomainError("conflict", `Coach ${next.coachId} already has payout ${open} open in ${next.currency.toUpperCase()}; retry this one after it settles.`, "payoutId");
  if (!coach.payoutsEnabled) throw new DomainError("precondition", "The coach's Stripe account cannot receive payouts right now.", "account");
  const balance = await tx.getBalance(next.coachId, next.currency);
  await bookEntries(tx, [payoutReserveEntry({ ...moneyOf(next), balance, attempt: next.attempt, occurredAt: now })]);
  const cover = await coverFor(tx, coach, next.currency, next.amount, now);
  tx.updateCoach(next.coachId, { openPayouts: { ...coach.openPayouts, [next.currency]: next.id }, ...cover.coachPatch, updatedAt: now });
  return { ...next, relatedPaymentIds: cover.paymentIds, lineItems: cover.lineItems, paidThrough: cover.through, failureCode: null, failureReason: null };
}

async function bookEffect(tx: PayoutTx, before: PayoutRecord, step: PayoutStep<PayoutRecord>, now: number): Promise<PayoutRecord> {
  const next = step.payout;
  switch (step.effect) {
    case "reserve":
      return reserveAttempt(tx, next, now);
    case "void": {
      const coach = await coachOf(tx, before, now);
      await bookEntries(tx, [payoutFailedEntry({ ...moneyOf(before), attempt: before.attempt, occurredAt: now, ...(next.stripePayoutId ? { stripePayoutId: next.stripePayoutId } : {}) })]);
      tx.updateCoach(before.coachId, { openPayouts: openPayoutsWithout(coach, before), carriedLines: carryLines(coach, before), updatedAt: now });
      return next;
    }
    case "post": {
      const coach = await coachOf(tx, before, now);
      await bookEntries(tx, [payoutPaidEntry({ ...moneyOf(next), stripePayoutId: next.stripePayoutId ?? "", occurredAt: now })]);
      tx.updateCoach(before.coachId, { openPayouts: openPayoutsWithout(coach, before), updatedAt: now });
      return next;
    }
    case "return": {
      // The bank sent it back: the money is owed again and its sales go on the next payout.
      const coach = await coachOf(tx, before, now);
      await bookEntries(tx, [payoutReturnedEntry({ ...moneyOf(before), stripePayoutId: before.stripePayoutId ?? "", occurredAt: now })]);
      tx.updateCoach(before.coachId, { carriedLines: carryLines(coach, before), updatedAt: now });
      return next;
    }
    default:
      return next;
  }
}

function auditRecord(p: PayoutRecord, step: PayoutStep<PayoutRecord>, action: PayoutAuditAction, ctx: StepContext, note: string | null) {
  const seq = p.auditCount + 1;
  return {
    seq,
    record: {
      id: `${p.id}:${String(seq).padStart(4, "0")}`,
      payoutId: p.id,
      coachId: p.coachId,
      action,
      by: ctx.by?.uid ?? null,
      byRole: ctx.by ? ctx.by.role : "system",
      at: ctx.now,
      reason: ctx.reason ?? note,
      from: step.from,
      to: step.to,
      attempt: p.attempt,
      amount: p.amount,
      currency: p.currency,
    },
  };
}

/** Applies one command or event to the payout read in this transaction. */
export async function applyPayoutStep(tx: PayoutTx, payout: PayoutRecord, cmd: PayoutCommand, ctx: StepContext): Promise<PayoutStep<PayoutRecord>> {
  const step = transitionPayout(payout, cmd);
  if (step.kind === "stale") {
    // Recorded for an admin, never applied: the money stays where the current attempt put it.
    const { seq, record } = auditRecord(payout, step, "stale_event", { ...ctx, reason: ctx.reason ? `${step.note} (${ctx.reason})` : step.note }, step.note);
    tx.appendAudit(record);
    const next = { ...payout, auditCount: seq, updatedAt: ctx.now };
    tx.setPayout(next);
    return { ...step, payout: next };
  }
  if (step.payout === payout && !ctx.audit) return step;
  let next = await bookEffect(tx, payout, step, ctx.now);
  if (ctx.failure && (step.effect === "void" || step.effect === "return")) next = { ...next, failureCode: ctx.failure.code, failureReason: ctx.failure.reason };
  if (ctx.by && ctx.audit) next = { ...next, decidedBy: ctx.by.uid };
  if (ctx.audit) {
    // The first of two approvals leaves the payout requested: say so in the trail.
    const action = ctx.audit === "approved" && step.kind === "unchanged" ? "approval" : ctx.audit;
    const { seq, record } = auditRecord(next, step, action, ctx, ctx.failure?.reason ?? step.note);
    tx.appendAudit(record);
    next = { ...next, auditCount: seq };
  }
  next = { ...next, updatedAt: ctx.now };
  tx.setPayout(next);
  return { ...step, payout: next };
}
