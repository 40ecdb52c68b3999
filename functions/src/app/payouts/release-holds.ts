/**
 * Hourly: a coach's share becomes available when its hold ends. One transaction per payment
 * (hold release entry + holdReleased), so the job is idempotent (the entry id is derived
 * from the payment; a released payment is skipped) and resumable (it only ever reads
 * payments still held, walking forward with a cursor so a payment it cannot release does
 * not stop the rest).
 */
import { bookEntries } from "../ledger/book-entries";
import { holdReleaseEntry } from "../../domain/ledger";
import { paymentPosition } from "../../domain/payment-position";
import type { Clock } from "../../ports/clock";
import type { HoldCursor, HoldQueue } from "../../ports/hold-queue";
import type { MoneyStore } from "../../ports/money-store";

export interface ReleaseHoldsDeps {
  money: MoneyStore;
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
