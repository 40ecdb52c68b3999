/**
 * Hourly: a coach's share becomes available when its hold ends. One transaction per payment
 * (hold release entry + holdReleased), so the job is idempotent (the entry id is derived
 * from the payment; a released payment is skipped) and resumable (it only ever reads
 * payments still held, walking forward with a cursor so a payment it cannot release does
 * not stop the rest).
 *
 * A payment released late (its hold ended before the coach's paid-through marker, e.g. a
 * release that failed and was retried after a payout covered later sales) would be in the
 * balance but on no payout's lines: it is added to the coach's carried lines instead, which
 * the next payout lists first.
 */
import { inLedgerCurrency } from "../payments/payment-record";
import { bookEntries } from "../ledger/book-entries";
import { holdReleaseEntry } from "../../domain/ledger";
import { paymentPosition } from "../../domain/payment-position";
import type { Clock } from "../../ports/clock";
import type { HoldCursor, HoldQueue } from "../../ports/hold-queue";
import type { PayoutStore } from "../../ports/payout-store";
import { carryLines, withCoachDefaults } from "./payout-records";

export interface ReleaseHoldsDeps {
  money: Pick<PayoutStore, "transact">;
  holds: HoldQueue;
  clock: Clock;
  log?: (message: string, data: Record<string, unknown>) => void;
}

export interface ReleaseHoldsResult {
  released: number;
  /** Already released, or nothing left to release (fully refunded): marked and skipped. */
  unchanged: number;
  failed: number;
  /** True when the time budget ran out; the next hourly run continues. */
  partial: boolean;
}

export async function releaseHolds(deps: ReleaseHoldsDeps, options: { batch?: number; budgetMs?: number } = {}): Promise<ReleaseHoldsResult> {
  const batch = options.batch ?? 200;
  const started = Date.now();
  const now = deps.clock.now().getTime();
  const result: ReleaseHoldsResult = { released: 0, unchanged: 0, failed: 0, partial: false };
  let cursor: HoldCursor | null = null;
  for (;;) {
    const due = await deps.holds.due(now, batch, cursor);
    for (const item of due) {
      try {
        const booked = await deps.money.transact(async (tx) => {
          const payment = await tx.getPayment(item.id);
          if (!payment || payment.holdReleased || payment.availableOn === null || payment.availableOn > now) return null;
          const position = paymentPosition(await tx.getEntries(payment.entryIds));
          const entry = holdReleaseEntry({ position, occurredAt: payment.availableOn });
          await bookEntries(tx, [entry]);
          tx.setPayment({ ...payment, holdReleased: true, entryIds: entry ? [...payment.entryIds, entry.id] : payment.entryIds, updatedAt: now });
          if (payment.coachId) {
            const coach = withCoachDefaults(payment.coachId, await tx.getCoach(payment.coachId), now);
            if (payment.availableOn <= (coach.paidThrough[payment.currency] ?? 0)) {
              const line = { kind: "sales" as const, programId: payment.programId, description: payment.description ?? payment.programId ?? "Sale", payments: 1, coachAmount: inLedgerCurrency(payment).coach };
              tx.updateCoach(payment.coachId, { carriedLines: carryLines(coach, { currency: payment.currency, relatedPaymentIds: [payment.id], lineItems: [line] }), updatedAt: now });
            }
          }
          return entry;
        });
        if (booked) result.released++;
        else result.unchanged++;
      } catch (error) {
        result.failed++;
        deps.log?.("hold release failed", { paymentId: item.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
    if (due.length < batch) break;
    cursor = due[due.length - 1] ?? null;
    if (options.budgetMs !== undefined && Date.now() - started > options.budgetMs) {
      result.partial = true;
      break;
    }
  }
  return result;
}
