/**
 * The payout lifecycle's states and the only edges between them (`payouts/{id}.status`).
 * payout-lifecycle.ts is the one transition function that walks this graph; every use case
 * goes through it, so an edge that is not listed here cannot be taken by any of them.
 *
 *   requested  -> approved   admin approves (a second admin above the settings' amount)
 *              -> rejected   admin rejects
 *              -> cancelled  coach or admin withdraws it before it is sent
 *   approved   -> sending    the Stripe call of the current attempt starts
 *              -> cancelled  withdrawn before the call
 *   sending    -> processing Stripe accepted the payout (its id is stored)
 *              -> paid       payout.paid overtook our own record of Stripe's answer
 *              -> failed     Stripe refused the call, or payout.failed / payout.canceled
 *   processing -> paid | failed
 *   paid       -> returned   the bank sent a paid payout back (payout.failed after paid)
 *   failed     -> approved   retry: a new attempt with its own reserve and Stripe key
 *   returned, cancelled, rejected: final (the money is available again)
 *
 * Weekly-run payouts start at "approved" (or "requested" above the second-approval amount);
 * coach requests at "requested" (or "approved" when approval is switched off).
 */
import { DomainError } from "./errors";

export const PAYOUT_STATUSES = [
  "requested",
  "approved",
  "sending",
  "processing",
  "paid",
  "failed",
  "returned",
  "cancelled",
  "rejected",
] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export const isPayoutStatus = (v: unknown): v is PayoutStatus =>
  typeof v === "string" && (PAYOUT_STATUSES as readonly string[]).includes(v);

/** Statuses that hold money in in_payout: at most one such payout per coach and currency. */
export const OPEN_PAYOUT_STATUSES: readonly PayoutStatus[] = [
  "requested",
  "approved",
  "sending",
  "processing",
];
export const isOpenPayout = (s: PayoutStatus): boolean => OPEN_PAYOUT_STATUSES.includes(s);

/** What moves a payout: people's decisions, the send step, Stripe's answers and events. */
export type PayoutAction =
  | "approve"
  | "reject"
  | "cancel"
  | "retry"
  | "send"
  | "stripe_accepted"
  | "stripe_refused"
  | "stripe_paid"
  | "stripe_failed";

/**
 * The edges, labelled by the action that may take them: a retry cannot "approve" a request
 * and a rejection cannot cancel a sent payout, even where the two states are linked by
 * another action.
 */
export const PAYOUT_EDGES: Readonly<Record<PayoutAction, readonly (readonly [PayoutStatus, PayoutStatus])[]>> = {
  approve: [["requested", "approved"]],
  reject: [["requested", "rejected"]],
  cancel: [
    ["requested", "cancelled"],
    ["approved", "cancelled"],
  ],
  retry: [["failed", "approved"]],
  send: [["approved", "sending"]],
  stripe_accepted: [["sending", "processing"]],
  stripe_refused: [["sending", "failed"]],
  stripe_paid: [
    ["sending", "paid"],
    ["processing", "paid"],
  ],
  stripe_failed: [
    ["sending", "failed"],
    ["processing", "failed"],
    ["paid", "returned"],
  ],
};

const ACTIONS = Object.keys(PAYOUT_EDGES) as PayoutAction[];

export const canTakePayoutEdge = (action: PayoutAction, from: PayoutStatus, to: PayoutStatus): boolean =>
  PAYOUT_EDGES[action].some(([f, t]) => f === from && t === to);

/** Whether any action links the two states. */
export const canTransitionPayout = (from: PayoutStatus, to: PayoutStatus): boolean =>
  ACTIONS.some((a) => canTakePayoutEdge(a, from, to));

/** How an admin or coach reads each state: used in every refusal. */
export const PAYOUT_STATE_WORDS: Readonly<Record<PayoutStatus, string>> = {
  requested: "is waiting for an admin's approval",
  approved: "is approved and waiting to be sent to Stripe",
  sending: "is being sent to Stripe",
  processing: "is on its way to the coach's bank",
  paid: "has been paid out",
  failed: "failed and its money is back in the available balance",
  returned: "was paid and then returned by the bank; its money is back in the available balance",
  cancelled: "was cancelled",
  rejected: "was rejected by an admin",
};

/** Refuses an edge `action` may not take, with the state in words; `verb` is what was attempted. */
export function assertPayoutTransition(
  action: PayoutAction,
  from: PayoutStatus,
  to: PayoutStatus,
  context: { payoutId?: string; verb?: string } = {},
): void {
  if (canTakePayoutEdge(action, from, to)) return;
  const subject = context.payoutId ? `Payout ${context.payoutId}` : "This payout";
  const verb = context.verb ?? `become ${to}`;
  throw new DomainError(
    "precondition",
    `${subject} ${PAYOUT_STATE_WORDS[from]}; it cannot ${verb}.`,
    "status",
    { action, from, to },
  );
}

/**
 * How a weekly run counts its payouts (by their status now): "sending" is a task still at
 * Stripe; the rest have settled. Sent covers what Stripe accepted, whatever happened since.
 */
export const RUN_SENT_STATUSES: readonly PayoutStatus[] = ["processing", "paid", "returned"];
export const RUN_FAILED_STATUSES: readonly PayoutStatus[] = ["failed", "cancelled"];
export const RUN_AWAITING_STATUSES: readonly PayoutStatus[] = ["requested", "approved", "rejected"];
