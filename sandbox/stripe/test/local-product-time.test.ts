import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Stripe from "stripe";
import type { Harness } from "./helpers.js";
import { paidCheckout, start, verifiedAccount } from "./helpers.js";

/**
 * What the local product (`npm start`) turns on and tests leave off: payouts that arrive by
 * themselves on their arrival date, as Stripe's do, and a new sandbox whose clock starts in
 * the past so the demo's history can be made through the real paths.
 */
describe("the sandbox as the local product runs it", () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.sbx.close();
    h = null;
  });

  async function fundedCoach(harness: Harness): Promise<string> {
    const coach = await verifiedAccount(harness);
    await paidCheckout(harness, coach.id, 49900, 9980);
    await harness.control("POST", "/__sandbox/clock", { advance_seconds: 8 * 86400 });
    return coach.id;
  }

  it("pays a payout on its own once the clock passes its arrival date, announcing payout.paid", async () => {
    h = await start({ config: { payoutsArriveOnTheirOwn: true } });
    const coach = await fundedCoach(h);
    const payout = await h.stripe.payouts.create({ amount: 30000, currency: "sek" }, { stripeAccount: coach });
    assert.equal(payout.status, "pending");
    const clock = await h.control<{ now: number; next_due: number | null }>("GET", "/__sandbox/clock");
    assert.equal(clock.body.next_due, payout.arrival_date, "the clock says when the sandbox will next act on its own: the payout's arrival");
    const early = await h.control<{ arrived_payouts: string[] }>("POST", "/__sandbox/clock", { advance_seconds: 86400 });
    assert.deepEqual(early.body.arrived_payouts, [], "a day later the money is still on its way");
    assert.equal((await h.stripe.payouts.retrieve(payout.id, {}, { stripeAccount: coach })).status, "pending");
    const later = await h.control<{ arrived_payouts: string[] }>("POST", "/__sandbox/clock", { advance_seconds: 86400 });
    assert.deepEqual(later.body.arrived_payouts, [payout.id]);
    assert.equal((await h.stripe.payouts.retrieve(payout.id, {}, { stripeAccount: coach })).status, "paid");
    const events = await h.stripe.events.list({ type: "payout.paid" }, { stripeAccount: coach });
    assert.deepEqual(events.data.map((e) => (e.data.object as Stripe.Payout).id), [payout.id]);
    const again = await h.control<{ arrived_payouts: string[] }>("POST", "/__sandbox/clock", { advance_seconds: 86400 });
    assert.deepEqual(again.body.arrived_payouts, [], "a paid payout is paid once");
  });

  it("leaves payouts to the test's controls by default", async () => {
    h = await start();
    const coach = await fundedCoach(h);
    const payout = await h.stripe.payouts.create({ amount: 30000, currency: "sek" }, { stripeAccount: coach });
    assert.equal((await h.control<{ next_due: number | null }>("GET", "/__sandbox/clock")).body.next_due, null, "nothing the sandbox would do on its own");
    await h.control("POST", "/__sandbox/clock", { advance_seconds: 5 * 86400 });
    assert.equal((await h.stripe.payouts.retrieve(payout.id, {}, { stripeAccount: coach })).status, "pending");
  });

  it("starts a new sandbox's clock at startAt, and a saved sandbox keeps its own time", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stripe-start-at-")), "state.json");
    const fiveWeeksAgo = Math.floor(Date.now() / 1000) - 35 * 86400;
    h = await start({ stateFile: file, config: { startAt: fiveWeeksAgo } });
    const first = await h.control<{ now: number }>("GET", "/__sandbox/clock");
    assert.ok(Math.abs(first.body.now - fiveWeeksAgo) <= 2, `starts five weeks back: ${first.body.now} vs ${fiveWeeksAgo}`);
    const customer = await h.stripe.customers.create({ email: "past@example.com" });
    assert.ok(Math.abs(customer.created - fiveWeeksAgo) <= 2, "objects are created at the sandbox's time");
    await h.control("POST", "/__sandbox/clock", { advance_seconds: 10 * 86400 });
    await h.sbx.close();
    h = await start({ stateFile: file, config: { startAt: fiveWeeksAgo } });
    const reopened = await h.control<{ now: number }>("GET", "/__sandbox/clock");
    assert.ok(Math.abs(reopened.body.now - (fiveWeeksAgo + 10 * 86400)) <= 3, "a saved sandbox resumes at its own time, not startAt");
  });
  it("lists only the deliveries still to make with ?status=pending (what the local stack polls between moves)", async () => {
    h = await start();
    await h.control("POST", "/__sandbox/webhooks", { action: "pause" });
    await h.stripe.webhookEndpoints.create({ url: "http://127.0.0.1:9/nowhere", enabled_events: ["customer.created"] });
    await h.stripe.customers.create({ email: "pending@example.com" });
    const pending = await h.control<{ data: { status: string }[] }>("GET", "/__sandbox/webhooks?status=pending");
    assert.ok(pending.body.data.length >= 1 && pending.body.data.every((d) => d.status === "pending"), JSON.stringify(pending.body));
    const none = await h.control<{ data: unknown[] }>("GET", "/__sandbox/webhooks?status=delivered");
    assert.deepEqual(none.body.data, []);
  });
});
