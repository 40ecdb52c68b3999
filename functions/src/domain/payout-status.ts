/**
 * Payout status (`payouts/{id}.status`) as a state machine.
 *
 * Exports: PAYOUT_STATUSES, PayoutStatus, isPayoutStatus, OPEN_PAYOUT_STATUSES, isOpenPayout,
 * canTransitionPayout, payoutStatusRank, mergePayoutStatus, assertPayoutTransition.
 *
 *   requested -> approved | cancelled        (admin approves, or coach/admin cancels/rejects)
 *   approved  -> processing | cancelled      (Stripe called; cancel only before the call)
 *   processing -> paid | failed
 *   paid -> failed                           (Stripe: a paid payout can still bounce)
 *   failed -> approved                       (admin retry; a new reserve, same payout id)
 *   cancelled: final
 * Weekly-run payouts start at "approved"; coach requests at "requested".
 */
import { DomainError } from "./errors";

export const PAYOUT_STATUSES = [
  "requested",
  "approved",
  "processing",
  "paid",
  "failed",
  "cancelled",
] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export const isPayoutStatus = (v: unknown): v is PayoutStatus =>
  typeof v === "string" && (PAYOUT_STATUSES as readonly string[]).includes(v);

/** Statuses that count as "an open payout": at most one per coach and currency. */
export const OPEN_PAYOUT_STATUSES: readonly PayoutStatus[] = [
  "requested",
  "approved",
  "processing",
];
export const isOpenPayout = (s: PayoutStatus): boolean => OPEN_PAYOUT_STATUSES.includes(s);

const EDGES: Readonly<Record<PayoutStatus, readonly PayoutStatus[]>> = {
  requested: ["approved", "cancelled"],
  approved: ["processing", "cancelled"],
  processing: ["paid", "failed"],
  paid: ["failed"],
  failed: ["approved"],
  cancelled: [],
};

export const canTransitionPayout = (from: PayoutStatus, to: PayoutStatus): boolean =>
  EDGES[from].includes(to);

export const payoutStatusRank = (s: PayoutStatus): number => PAYOUT_STATUSES.indexOf(s);

/**
 * For provider events (payout.paid / payout.failed and our own "processing" marker): moves
 * only forward, so a `payout.paid` delivered after `payout.failed` keeps `failed`. The admin
 * retry (failed -> approved) is a deliberate step back and goes through
 * assertPayoutTransition instead.
 */
export function mergePayoutStatus(current: PayoutStatus, incoming: PayoutStatus): PayoutStatus {
  return canTransitionPayout(current, incoming) &&
    payoutStatusRank(incoming) > payoutStatusRank(current)
    ? incoming
    : current;
}

/** For commands (approve, cancel, retry): refuses an illegal move with a reason. */
export function assertPayoutTransition(from: PayoutStatus, to: PayoutStatus): void {
  if (!canTransitionPayout(from, to)) {
    throw new DomainError(
      "precondition",
      `a payout that is ${from} cannot become ${to}`,
      "status",
      { from, to },
    );
  }
}
