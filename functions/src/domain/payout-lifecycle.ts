/**
 * The one transition function of the payout lifecycle (the graph is in payout-status.ts).
 * Every use case (request decisions, the send step, Stripe's payout events) hands it the
 * payout and what happened, and gets back the next payout and the money effect to book:
 * the use case decides nothing about status on its own, so no code path can take an edge
 * the graph does not declare.
 *
 * Commands (approve, reject, cancel, retry) that do not fit the state throw a DomainError
 * naming the state in words; nothing has moved. Events (Stripe's answer, payout.paid /
 * failed / canceled, a retried task) never throw: at-least-once delivery makes duplicates
 * and late arrivals normal. They are matched to the exact attempt (by Stripe payout id, or
 * by attempt number while Stripe's id is not stored yet); an event of an older attempt is
 * "stale": the caller records it and applies nothing, so a `payout.failed` of attempt 1 can
 * never return the money attempt 2 is paying.
 */
import { DomainError } from "./errors";
import { assertPayoutTransition, PAYOUT_STATE_WORDS, type PayoutAction, type PayoutStatus } from "./payout-status";

/** Stripe keeps idempotency keys for 24 h; a resend after that could pay twice, so stop at 20. */
export const RESEND_WINDOW_MS = 20 * 3600 * 1000;

export interface PayoutApproval {
  by: string;
  at: number;
}

/** An earlier attempt, kept so its late events are recognised as stale. */
export interface PastAttempt {
  attempt: number;
  amount: number;
  stripePayoutId: string | null;
}

/** The fields of a payout the lifecycle reads and writes. */
export interface PayoutLife {
  id: string;
  coachId: string;
  requestedBy: string | null;
  amount: number;
  status: PayoutStatus;
  attempt: number;
  stripePayoutId: string | null;
  sendStartedAt: number | null;
  approvals: PayoutApproval[];
  /** 1, or 2 above the settings' second-approval amount. */
  requiredApprovals: number;
  pastAttempts: PastAttempt[];
}

export type PayoutCommand =
  | { type: "approve"; by: string; at: number }
  | { type: "reject"; by: string; at: number }
  | { type: "cancel"; by: string; at: number }
  /** by null: the system (the weekly run resizing to what Stripe can pay). */
  | { type: "retry"; by: string | null; at: number; amount?: number }
  | { type: "send"; at: number }
  | { type: "stripe_accepted"; attempt: number; stripePayoutId: string; at: number }
  | { type: "stripe_refused"; attempt: number; at: number }
  | { type: "stripe_paid" | "stripe_failed"; stripePayoutId: string; attempt: number | null; at: number };

/**
 * What the caller books with the step: reserve (available -> in_payout, the new attempt),
 * void (in_payout -> available), post (in_payout -> paid), return (paid -> available),
 * call_stripe (make the attempt's Stripe call under its key), send (enqueue the send task).
 */
export type PayoutEffect = "none" | "reserve" | "void" | "post" | "return" | "call_stripe" | "send";

export interface PayoutStep<P extends PayoutLife> {
  /** moved: status changed; unchanged: nothing (or only a field) changed; stale: an old attempt's event. */
  kind: "moved" | "unchanged" | "stale";
  from: PayoutStatus;
  to: PayoutStatus;
  payout: P;
  effect: PayoutEffect;
  note: string;
}

const refuse = (message: string, kind: "precondition" | "permission" | "conflict" | "invalid_input" = "precondition"): never => {
  throw new DomainError(kind, message, kind === "invalid_input" ? "amount" : "payoutId");
};

function move<P extends PayoutLife>(action: PayoutAction, p: P, to: PayoutStatus, patch: Partial<PayoutLife>, effect: PayoutEffect, note: string, verb?: string): PayoutStep<P> {
  assertPayoutTransition(action, p.status, to, { payoutId: p.id, ...(verb ? { verb } : {}) });
  return { kind: "moved", from: p.status, to, payout: { ...p, ...patch, status: to }, effect, note };
}

const same = <P extends PayoutLife>(p: P, note: string, effect: PayoutEffect = "none", patch: Partial<PayoutLife> = {}): PayoutStep<P> => ({
  kind: "unchanged",
  from: p.status,
  to: p.status,
  // The same object when nothing changed, so the caller can skip the write.
  payout: Object.keys(patch).length > 0 ? { ...p, ...patch } : p,
  effect,
  note,
});

const stale = <P extends PayoutLife>(p: P, note: string): PayoutStep<P> => ({ kind: "stale", from: p.status, to: p.status, payout: p, effect: "none", note });

/** The payee may never decide on their own payout (a coach who is also an admin). */
function assertNotPayee(p: PayoutLife, by: string, verb: string): void {
  if (by === p.coachId || by === p.requestedBy) refuse(`You cannot ${verb} your own payout ${p.id}; another admin must.`, "permission");
}

export function transitionPayout<P extends PayoutLife>(p: P, cmd: PayoutCommand): PayoutStep<P> {
  switch (cmd.type) {
    case "approve": {
      assertNotPayee(p, cmd.by, "approve");
      if (p.status !== "requested") assertPayoutTransition("approve", p.status, "approved", { payoutId: p.id, verb: "be approved" });
      if (p.approvals.some((a) => a.by === cmd.by)) refuse(`You already approved payout ${p.id}; it needs the approval of a second admin.`, "conflict");
      const approvals = [...p.approvals, { by: cmd.by, at: cmd.at }];
      if (approvals.length < p.requiredApprovals) {
        return same(p, `approval ${approvals.length} of ${p.requiredApprovals} recorded; a second admin must approve`, "none", { approvals });
      }
      return move("approve", p, "approved", { approvals }, "send", "approved");
    }
    case "reject":
      return move("reject", p, "rejected", {}, "void", "rejected", "be rejected");
    case "cancel":
      return move("cancel", p, "cancelled", {}, "void", "cancelled", "be cancelled");
    case "retry": {
      if (cmd.by !== null) assertNotPayee(p, cmd.by, "retry");
      // An approved payout whose task was lost: send it again under its existing key.
      if (p.status === "approved") return same(p, "sent again under the same attempt", "send");
      const amount = cmd.amount ?? p.amount;
      if (!Number.isSafeInteger(amount) || amount < 1 || amount > p.amount) refuse(`A retry of payout ${p.id} must be for 1 to ${p.amount} minor units.`, "invalid_input");
      const past: PastAttempt = { attempt: p.attempt, amount: p.amount, stripePayoutId: p.stripePayoutId };
      return move(
        "retry",
        p,
        "approved",
        { attempt: p.attempt + 1, amount, stripePayoutId: null, sendStartedAt: null, pastAttempts: [...p.pastAttempts, past] },
        "reserve",
        `attempt ${p.attempt + 1}`,
        "be retried",
      );
    }
    case "send": {
      if (p.status === "approved") return move("send", p, "sending", { sendStartedAt: cmd.at }, "call_stripe", "Stripe call started");
      if (p.status !== "sending" || p.stripePayoutId !== null) return same(p, `payout ${p.id} ${PAYOUT_STATE_WORDS[p.status]}`);
      if (p.sendStartedAt !== null && cmd.at - p.sendStartedAt > RESEND_WINDOW_MS) {
        refuse(
          `Payout ${p.id} was first sent to Stripe over 20 hours ago and Stripe forgets the call's idempotency key at 24 h; compare Stripe's payouts of the account before doing anything with it.`,
        );
      }
      return same(p, "Stripe call repeated under the same key", "call_stripe");
    }
    case "stripe_accepted": {
      if (cmd.attempt !== p.attempt) return stale(p, `Stripe's answer for attempt ${cmd.attempt}; payout ${p.id} is on attempt ${p.attempt}`);
      if (p.status === "sending") return move("stripe_accepted", p, "processing", { stripePayoutId: cmd.stripePayoutId }, "none", "Stripe accepted");
      // payout.paid or payout.failed overtook our record of Stripe's answer: keep their status.
      const settled = p.status === "paid" || p.status === "failed" || p.status === "returned";
      if (settled && p.stripePayoutId === null) return same(p, `Stripe id stored; status stays ${p.status}`, "none", { stripePayoutId: cmd.stripePayoutId });
      if (p.stripePayoutId === cmd.stripePayoutId) return same(p, "already recorded");
      return stale(p, `Stripe's answer ${cmd.stripePayoutId} does not match payout ${p.id} (${p.status})`);
    }
    case "stripe_refused": {
      if (cmd.attempt !== p.attempt || p.status !== "sending" || p.stripePayoutId !== null) return stale(p, `refusal for attempt ${cmd.attempt} does not match payout ${p.id} (${p.status}, attempt ${p.attempt})`);
      return move("stripe_refused", p, "failed", {}, "void", "Stripe refused");
    }
    case "stripe_paid":
    case "stripe_failed":
      return stripeEvent(p, cmd);
  }
}

function stripeEvent<P extends PayoutLife>(p: P, cmd: { type: "stripe_paid" | "stripe_failed"; stripePayoutId: string; attempt: number | null }): PayoutStep<P> {
  const current = p.stripePayoutId === cmd.stripePayoutId || (p.stripePayoutId === null && p.status === "sending" && cmd.attempt === p.attempt);
  if (!current) {
    const old = p.pastAttempts.find((a) => a.stripePayoutId === cmd.stripePayoutId || (a.stripePayoutId === null && a.attempt === cmd.attempt));
    return stale(p, old ? `event of attempt ${old.attempt}; payout ${p.id} is on attempt ${p.attempt}` : `Stripe payout ${cmd.stripePayoutId} is not the current attempt of payout ${p.id}`);
  }
  const withId = { stripePayoutId: cmd.stripePayoutId };
  if (cmd.type === "stripe_paid") {
    if (p.status === "sending" || p.status === "processing") return move("stripe_paid", p, "paid", withId, "post", "paid");
    // A payout.paid after payout.failed: Stripe's failure is final; keep it.
    return same(p, `payout ${p.id} ${PAYOUT_STATE_WORDS[p.status]}`);
  }
  if (p.status === "sending" || p.status === "processing") return move("stripe_failed", p, "failed", withId, "void", "failed at Stripe");
  if (p.status === "paid") return move("stripe_failed", p, "returned", {}, "return", "returned by the bank");
  return same(p, `payout ${p.id} ${PAYOUT_STATE_WORDS[p.status]}`);
}
