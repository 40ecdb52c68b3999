/**
 * Daily: each coach balance (the ledger's running total) against the connected account's
 * Stripe balance. Stripe's pending should equal Kassa's held and Stripe's available Kassa's
 * available (money in payout has already left Stripe's balance). Holds are released hourly
 * while Stripe releases to the second, so only a difference in the sum is a flag; the split
 * is shown for context.
 */
import type { ConnectGateway } from "../../ports/connect-gateway";
import type { Clock } from "../../ports/clock";
import type { PayoutRunStore } from "../../ports/payout-run-store";
import type { ReconciliationStore } from "../../ports/reconciliation-store";

export interface ReconcileDeps {
  runs: Pick<PayoutRunStore, "allBalances" | "getCoaches">;
  gateway: Pick<ConnectGateway, "balance">;
  flags: ReconciliationStore;
  clock: Clock;
  log?: (message: string, data: Record<string, unknown>) => void;
}

export async function reconcileBalances(deps: ReconcileDeps): Promise<{ checked: number; flagged: number; errors: number }> {
  let cursor: string | null = null;
  const out = { checked: 0, flagged: 0, errors: 0 };
  do {
    const page = await deps.runs.allBalances(cursor, 200);
    cursor = page.next;
    const coaches = await deps.runs.getCoaches([...new Set(page.balances.map((b) => b.coachId))]);
    for (const b of page.balances) {
      const accountId = coaches.get(b.coachId)?.stripeAccountId;
      if (!accountId) continue;
      try {
        const stripe = await deps.gateway.balance(accountId, b.currency);
        const difference = { available: stripe.available - b.available, pending: stripe.pending - b.held, total: 0 };
        difference.total = difference.available + difference.pending;
        const ok = difference.total === 0;
        await deps.flags.save({
          id: `${b.coachId}_${b.currency}`,
          coachId: b.coachId,
          currency: b.currency,
          stripeAccountId: accountId,
          ledger: { held: b.held, available: b.available, inPayout: b.inPayout },
          stripe,
          difference,
          ok,
          checkedAt: deps.clock.now().getTime(),
        });
        out.checked++;
        if (!ok) out.flagged++;
      } catch (error) {
        out.errors++;
        deps.log?.("reconciliation failed", { coachId: b.coachId, error: error instanceof Error ? error.message : String(error) });
      }
    }
  } while (cursor);
  return out;
}
