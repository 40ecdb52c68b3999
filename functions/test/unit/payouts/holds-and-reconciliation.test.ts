import assert from "node:assert/strict";
import { reconcileBalances } from "../../../src/app/payouts/reconcile-balances";
import { releaseHolds } from "../../../src/app/payouts/release-holds";
import { DAY, T0, onboard, sale, world } from "./world";

describe("hold release", () => {
  it("moves ended holds to available once, in batches, leaving running holds alone", async () => {
    const w = world();
    for (let i = 0; i < 5; i++) await sale(w, { coachId: "c1", id: `pi_${i}`, gross: 10000, availableOn: T0 - i * 3600000 });
    await sale(w, { coachId: "c1", id: "pi_future", gross: 10000, availableOn: T0 + DAY });
    const deps = { money: w.store, holds: w.store, clock: w.clock };
    assert.deepEqual(await releaseHolds(deps, { batch: 2 }), { released: 5, unchanged: 0, failed: 0, partial: false });
    assert.deepEqual(w.store.balance("c1"), { coachId: "c1", currency: "sek", held: 8000, available: 40000, inPayout: 0, paid: 0 });
    assert.ok(w.store.payments.get("pi_0")!.holdReleased);
    assert.ok(w.store.payments.get("pi_0")!.entryIds.includes("pi_0:hold_release"));
    assert.deepEqual(await releaseHolds(deps, { batch: 2 }), { released: 0, unchanged: 0, failed: 0, partial: false });
    w.clock.advance(2 * DAY);
    assert.equal((await releaseHolds(deps)).released, 1);
    assert.equal(w.store.balance("c1").held, 0);
  });

  it("does not stop at a payment it cannot release", async () => {
    const w = world();
    await sale(w, { coachId: "c1", id: "pi_a", gross: 10000, availableOn: T0 - 2 * DAY });
    await sale(w, { coachId: "c1", id: "pi_b", gross: 10000, availableOn: T0 - DAY });
    w.store.payments.get("pi_a")!.entryIds = []; // no sale entry: cannot be released
    const logged: string[] = [];
    const r = await releaseHolds({ money: w.store, holds: w.store, clock: w.clock, log: (m) => void logged.push(m) }, { batch: 1 });
    assert.deepEqual(r, { released: 1, unchanged: 0, failed: 1, partial: false });
    assert.deepEqual(logged, ["hold release failed"]);
  });
});

describe("reconciliation", () => {
  it("flags a coach whose ledger and Stripe totals differ, not one mid-release", async () => {
    const w = world();
    onboard(w, "ok", 39920);
    onboard(w, "off", 100);
    await sale(w, { coachId: "ok", id: "pi_1", gross: 49900, availableOn: T0 - DAY, released: true });
    await sale(w, { coachId: "off", id: "pi_2", gross: 49900, availableOn: T0 - DAY, released: true });
    const r = await reconcileBalances({ runs: w.store, gateway: w.gateway, flags: w.store, clock: w.clock });
    assert.deepEqual(r, { checked: 2, flagged: 1, errors: 0 });
    assert.equal(w.store.flags.get("ok_sek")!.ok, true);
    const off = w.store.flags.get("off_sek")!;
    assert.equal(off.ok, false);
    assert.deepEqual(off.difference, { available: 100 - 39920, pending: 0, total: 100 - 39920 });
  });
});
