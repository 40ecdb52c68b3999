/**
 * The small variant of `npm run chaos:webhooks` (bench/chaos/webhooks-core.ts) so npm test
 * covers it: 20 purchases with refunds and disputes, delivered duplicated, shuffled and with
 * injected failures; the ledger, balances and payments must equal a clean in-order run.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { requireStack } from "./stack";

/** The part of bench/chaos/webhooks-core.ts used here (it lives outside this TS project). */
interface ChaosCore {
  runWebhookChaos(o: Record<string, number>): Promise<{ purchases: number; duplicateDeliveries: number; faultsInjected: number; unbalancedEntries: number; balanceMismatches: number; documentMismatches: number; mismatchDetails: string[] }>;
  formatFigures(f: unknown): string;
}

describe("webhook chaos, small (emulators + Stripe sandbox)", function () {
  this.timeout(240_000);

  it("20 purchases, duplicated + shuffled + 10 % failed deliveries: same money as a clean run", async () => {
    requireStack();
    const core = path.join(__dirname, "..", "..", "..", "bench", "chaos", "webhooks-core.ts");
    const { runWebhookChaos, formatFigures } = (await import(core)) as ChaosCore;
    const f = await runWebhookChaos({ purchases: 20, refundFull: 0.15, refundPartial: 0.15, disputed: 0.15, duplicateFraction: 0.5, timeoutMs: 180_000 });
    console.log(formatFigures(f));
    assert.equal(f.purchases, 20);
    assert.ok(f.duplicateDeliveries > 0, "some events were delivered more than once");
    assert.ok(f.faultsInjected > 0, "some deliveries failed");
    assert.equal(f.unbalancedEntries, 0);
    assert.equal(f.balanceMismatches, 0, f.mismatchDetails.join("\n"));
    assert.equal(f.documentMismatches, 0, f.mismatchDetails.join("\n"));
  });
});
