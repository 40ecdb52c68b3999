/**
 * Sends an approved payout to Stripe, exactly once whatever is retried:
 *   1. transaction: approved -> sending (from now on it cannot be cancelled);
 *   2. Stripe payout with the attempt's idempotency key (the payout id for attempt 1);
 *   3. transaction: Stripe's answer, sending -> processing with Stripe's id.
 * A crash or retry anywhere repeats from the stored state: before 2 nothing happened at
 * Stripe; after 2, the same key returns the same Stripe payout (or the same refusal), as long
 * as Stripe still remembers the key: the lifecycle refuses a resend 20 h after the first call.
 * A refusal (insufficient funds, payouts disabled) voids the reserve with Stripe's reason.
 */
import { DomainError, isDomainError } from "../../domain/errors";
import type { PayoutRecord, PayoutTx } from "../../ports/payout-store";
import type { PayoutDeps } from "./payout-deps";
import { stripeKeyOf, withPayoutDefaults } from "./payout-records";
import { applyPayoutStep } from "./payout-transition";

export type SendResult =
  | { result: "sent"; payout: PayoutRecord }
  | { result: "refused"; payout: PayoutRecord; code: string; reason: string }
  /** Not approved (already sent, paid, cancelled ...): nothing to do. */
  | { result: "unchanged"; payout: PayoutRecord };

export async function getPayoutOrThrow(tx: PayoutTx, payoutId: string): Promise<PayoutRecord> {
  const p = await tx.getPayout(payoutId);
  if (!p) throw new DomainError("not_found", `No payout ${payoutId}.`, "payoutId");
  return withPayoutDefaults(p);
}

export async function sendPayout(deps: Pick<PayoutDeps, "store" | "gateway" | "clock">, payoutId: string): Promise<SendResult> {
  const now = deps.clock.now().getTime();
  const claim = await deps.store.transact(async (tx) => applyPayoutStep(tx, await getPayoutOrThrow(tx, payoutId), { type: "send", at: now }, { now }));
  if (claim.effect !== "call_stripe") return { result: "unchanged", payout: claim.payout };
  return sendClaimed(deps, claim.payout);
}

/**
 * Steps 2 and 3 for a payout already in "sending" (claimed by sendPayout, or created in
 * that state by the weekly run's reserve transaction, which saves the claim's read and write).
 */
export async function sendClaimed(deps: Pick<PayoutDeps, "store" | "gateway" | "clock">, p: PayoutRecord): Promise<SendResult> {
  const now = deps.clock.now().getTime();
  const payoutId = p.id;
  let stripePayoutId: string;
  try {
    ({ stripePayoutId } = await deps.gateway.createPayout({ accountId: p.stripeAccountId, amount: p.amount, currency: p.currency, idempotencyKey: stripeKeyOf(p), payoutId: p.id, attempt: p.attempt }));
  } catch (error) {
    if (!isDomainError(error) || error.kind !== "provider_rejected") throw error;
    const code = typeof error.details?.["stripeCode"] === "string" ? (error.details["stripeCode"] as string) : "rejected";
    const voided = await deps.store.transact(async (tx) =>
      applyPayoutStep(tx, await getPayoutOrThrow(tx, payoutId), { type: "stripe_refused", attempt: p.attempt, at: now }, { now, failure: { code, reason: error.message } }),
    );
    return { result: "refused", payout: voided.payout, code, reason: error.message };
  }

  const recorded = await deps.store.transact(async (tx) =>
    applyPayoutStep(tx, await getPayoutOrThrow(tx, payoutId), { type: "stripe_accepted", attempt: p.attempt, stripePayoutId, at: deps.clock.now().getTime() }, { now: deps.clock.now().getTime() }),
  );
  return { result: "sent", payout: recorded.payout };
}
