import assert from "node:assert/strict";
import fc from "fast-check";
import { payableNow } from "../../../src/app/payouts/payable-now";
import { requestPayout } from "../../../src/app/payouts/payout-requests";
import { isDomainError } from "../../../src/domain/errors";
import { DAY, onboard, sale, T0, world } from "./world";

const coach = { uid: "c1", role: "coach" as const, email: null };

describe("payable now: the ledger's available, never more than Stripe's", () => {
  it("a share the ledger has freed but Stripe still counts as pending is not payable yet, and a request for it is refused", async () => {
    const w = world();
    onboard(w, "c1", 10_000); // Stripe holds 100 kr available on the account
    await sale(w, { coachId: "c1", id: "pi_1", gross: 49_900, availableOn: T0 - DAY, released: true });
    const now = await payableNow(w.deps, coach, { currency: "sek" });
    assert.deepEqual(now, { currency: "sek", available: 39_920, stripeAvailable: 10_000, payableNow: 10_000 });
    await assert.rejects(requestPayout(w.deps, coach, { amount: 39_920, currency: "sek" }), (e: unknown) => isDomainError(e) && e.details?.["reason"] === "exceeds_stripe_available");
    // What the page says can go now, goes.
    const ok = await requestPayout(w.deps, coach, { amount: now.payableNow, currency: "sek" });
    assert.ok(ok.payoutId);
  });

  it("whatever the two balances, payable is the smaller and never negative; without a payable account it is the ledger's", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: -5_000, max: 200_000 }), fc.boolean(), async (gross, stripe, enabled) => {
        const w = world();
        onboard(w, "c1", stripe, { payoutsEnabled: enabled });
        if (gross > 0) await sale(w, { coachId: "c1", id: "pi_1", gross, availableOn: T0 - DAY, released: true });
        const r = await payableNow(w.deps, coach, { currency: "sek" });
        assert.equal(r.stripeAvailable, enabled ? stripe : null);
        assert.equal(r.payableNow, enabled ? Math.max(0, Math.min(r.available, stripe)) : r.available);
        assert.ok(r.payableNow >= 0 && r.payableNow <= r.available);
      }),
      { numRuns: 60 },
    );
  });

  it("a coach without a Stripe account: the ledger's available, and Stripe is not asked", async () => {
    const w = world();
    onboard(w, "c1", 10_000, { stripeAccountId: null });
    await sale(w, { coachId: "c1", id: "pi_1", gross: 49_900, availableOn: T0 - DAY, released: true });
    const before = w.gateway.calls;
    assert.deepEqual(await payableNow(w.deps, coach, { currency: "sek" }), { currency: "sek", available: 39_920, stripeAvailable: null, payableNow: 39_920 });
    assert.equal(w.gateway.calls, before, "no Stripe call for an account that does not exist");
  });

  it("a coach who never began onboarding (no coach document): nothing payable, and no error", async () => {
    const w = world();
    assert.deepEqual(await payableNow(w.deps, coach, { currency: "sek" }), { currency: "sek", available: 0, stripeAvailable: null, payableNow: 0 });
  });

  it("is for coaches only, and names a currency it does not know", async () => {
    const w = world();
    await assert.rejects(payableNow(w.deps, { uid: "a", role: "admin", email: null }, { currency: "sek" }), (e: unknown) => isDomainError(e) && e.kind === "permission");
    await assert.rejects(payableNow(w.deps, coach, { currency: "xyz" }), (e: unknown) => isDomainError(e) && e.field === "currency");
  });
});
