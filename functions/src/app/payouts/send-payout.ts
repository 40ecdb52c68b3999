/**
 * Sends an approved payout to Stripe, exactly once whatever is retried:
 *   1. transaction: mark the attempt as started (from now on it cannot be cancelled);
 *   2. Stripe payout with the attempt's idempotency key (the payout id for attempt 1);
 *   3. transaction: store Stripe's id, status processing.
 * A crash or retry anywhere repeats from the stored state: before 2 nothing happened at
 * Stripe; after 2, the same key returns the same Stripe payout (or the same refusal). A
 * refusal (insufficient funds, payouts disabled) voids the reserve with Stripe's reason.
 */
import { DomainError, isDomainError } from "../../domain/errors";
import { mergePayoutStatus } from "../../domain/payout-status";
import type { PayoutRecord } from "../../ports/payout-store";
import type { PayoutDeps } from "./payout-deps";
import { IDEMPOTENCY_WINDOW_MS, stripeKeyOf } from "./payout-records";
import { voidPayout } from "./settle-payout";

export type SendResult =
  | { result: "sent"; payout: PayoutRecord }
  | { result: "refused"; payout: PayoutRecord; code: string; reason: string }
  /** Not approved (already sent, paid, cancelled ...): nothing to do. */
  | { result: "unchanged"; payout: PayoutRecord };

export async function sendPayout(deps: Pick<PayoutDeps, "store" | "gateway" | "clock">, payoutId: string): Promise<SendResult> {
  const now = deps.clock.now().getTime();
  const claim = await deps.store.transact(async (tx) => {
    const p = await tx.getPayout(payoutId);
    if (!p) throw new DomainError("not_found", `No payout ${payoutId}.`, "payoutId");
    if (p.status !== "approved" || p.stripePayoutId) return { payout: p, send: false };
    if (p.sendStartedAt !== null && now - p.sendStartedAt > IDEMPOTENCY_WINDOW_MS) {
      throw new DomainError(
        "precondition",
        `Payout ${p.id} was first sent over 20 hours ago and Stripe's record of that call expires at 24 h; compare Stripe's payouts list for ${p.stripeAccountId} before retrying.`,
        "payoutId",
      );
    }
    const claimed = p.sendStartedAt === null ? { ...p, sendStartedAt: now, updatedAt: now } : p;
    if (claimed !== p) tx.setPayout(claimed);
    return { payout: claimed, send: true };
  });
  if (!claim.send) return { result: "unchanged", payout: claim.payout };
  const p = claim.payout;

  let stripePayoutId: string;
  try {
    ({ stripePayoutId } = await deps.gateway.createPayout({ accountId: p.stripeAccountId, amount: p.amount, currency: p.currency, idempotencyKey: stripeKeyOf(p), payoutId: p.id, attempt: p.attempt }));
  } catch (error) {
    if (!isDomainError(error) || error.kind !== "provider_rejected") throw error;
    const code = typeof error.details?.["stripeCode"] === "string" ? (error.details["stripeCode"] as string) : "rejected";
    const voided = await deps.store.transact(async (tx) => {
      const cur = await tx.getPayout(payoutId);
      if (!cur || cur.attempt !== p.attempt || cur.status !== "approved") return cur;
      return voidPayout(tx, cur, { status: "failed", code, reason: error.message, by: null, now });
    });
    return { result: "refused", payout: voided ?? p, code, reason: error.message };
  }

  const recorded = await deps.store.transact(async (tx) => {
    const cur = await tx.getPayout(payoutId);
    if (!cur || cur.attempt !== p.attempt) return cur;
    // A payout.paid that overtook us already moved it on; keep the newer status.
    const status = cur.status === "approved" ? "processing" : mergePayoutStatus(cur.status, "processing");
    const next = { ...cur, status, stripePayoutId, updatedAt: now };
    tx.setPayout(next);
    return next;
  });
  return { result: "sent", payout: recorded ?? p };
}
