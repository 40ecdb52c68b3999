import assert from "node:assert/strict";
import { admin, call, idToken } from "./stack";
import { control, eventually, stripeApi } from "./sandbox";

/**
 * The whole money-in path on the local stack: callable -> sandbox Checkout -> signed webhook
 * -> stripeEvents -> processing trigger -> payments + ledger + balance.
 */
describe("payments core end to end (emulators + Stripe sandbox)", function () {
  this.timeout(90000);
  const coachId = "it-pay-coach";
  const programId = "it-pay-program";
  let customerToken: string;

  before(async () => {
    const { db, auth } = admin();
    try {
      await auth.getUser(coachId);
    } catch {
      await auth.createUser({
        uid: coachId,
        email: `${coachId}@kassa.test`,
        password: "kassa-demo",
      });
    }
    const account = await stripeApi<{ id: string }>(
      "POST",
      "/v1/accounts",
      { type: "express", country: "SE", email: `${coachId}@kassa.test` },
      `it-acct-${coachId}-${Date.now()}`,
    );
    await control(`/accounts/${account.id}/verify`);
    await db
      .doc(`coaches/${coachId}`)
      .set({ stripeAccountId: account.id, chargesEnabled: true, payoutsEnabled: true });
    await db.doc(`programs/${programId}`).set({
      id: programId,
      coachId,
      coachName: "IT Coach",
      title: "Integration Program",
      description: "",
      price: { amount: 49900, currency: "sek" },
      active: true,
      priceVersion: 1,
    });
    customerToken = await idToken("customer@kassa.test");
  });

  async function buy(card = "4242424242424242") {
    const res = await call<{ sessionId: string; url: string }>(
      "createCheckoutSession",
      { programId },
      customerToken,
    );
    assert.equal(res.status, 200, JSON.stringify(res.error));
    await control(`/checkout/${res.result!.sessionId}/pay`, { card });
    const session = await stripeApi<{ payment_intent: string }>(
      "GET",
      `/v1/checkout/sessions/${res.result!.sessionId}`,
    );
    return session.payment_intent;
  }

  it("a paid checkout becomes a payment with the fee split, Stripe's fee, ledger entries and a held balance", async () => {
    const { db } = admin();
    const before = (await db.doc(`balances/${coachId}_sek`).get()).data()?.["held"] ?? 0;
    const pi = await buy();
    const payment = await eventually("payment booked", async () => {
      const d = (await db.doc(`payments/${pi}`).get()).data();
      return d?.["status"] === "succeeded" ? d : undefined;
    });
    assert.equal(payment["amount"], 49900);
    assert.equal(payment["currency"], "sek");
    assert.equal(payment["feeAmount"], 9980);
    assert.equal(payment["coachAmount"], 39920);
    assert.equal(payment["userId"], "demo-customer");
    assert.equal(payment["coachId"], coachId);
    assert.ok(payment["stripeFee"] > 0, "Stripe's fee is read from the balance transaction");
    assert.ok(payment["availableOn"] > Date.now() + 6 * 86_400_000);
    const sale = (await db.doc(`ledger/${pi}:capture`).get()).data();
    assert.equal(
      sale?.["postings"].reduce((s: number, p: { amount: number }) => s + p.amount, 0),
      0,
    );
    const held = (await db.doc(`balances/${coachId}_sek`).get()).data()?.["held"];
    assert.equal(held - before, 39920);
  });

  it("duplicate deliveries of the same events book nothing twice", async () => {
    const { db } = admin();
    const pi = await buy();
    await eventually("payment booked", async () =>
      (await db.doc(`payments/${pi}`).get()).data()?.["status"] === "succeeded" ? true : undefined,
    );
    const held = (await db.doc(`balances/${coachId}_sek`).get()).data()?.["held"];
    const events = await stripeApi<{
      data: {
        id: string;
        type: string;
        data: { object: { id?: string; payment_intent?: string } };
      }[];
    }>("GET", "/v1/events?limit=50");
    const mine = events.data.filter(
      (e) => e.data.object.id === pi || e.data.object.payment_intent === pi,
    );
    assert.ok(mine.length > 0);
    for (const e of mine) await control("/webhooks", { action: "duplicate", event_id: e.id });
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal((await db.doc(`balances/${coachId}_sek`).get()).data()?.["held"], held);
    const entries = await db.collection("ledger").where("refs.paymentId", "==", pi).get();
    assert.deepEqual(
      entries.docs.map((d) => d.id).sort(),
      [`${pi}:capture`, `${(await db.doc(`payments/${pi}`).get()).data()?.["entryIds"][1]}`].sort(),
    );
  });

  it("an admin refund reverses the coach's held share once Stripe confirms it", async () => {
    const { db } = admin();
    const pi = await buy();
    await eventually("payment booked", async () =>
      (await db.doc(`payments/${pi}`).get()).data()?.["status"] === "succeeded" ? true : undefined,
    );
    const heldBefore = (await db.doc(`balances/${coachId}_sek`).get()).data()?.["held"];
    const adminToken = await idToken("admin@kassa.test");
    const res = await call(
      "refundPayment",
      { paymentId: pi, requestId: `it-refund-${pi}` },
      adminToken,
    );
    assert.equal(res.status, 200, JSON.stringify(res.error));
    const refunded = await eventually("refund booked", async () => {
      const d = (await db.doc(`payments/${pi}`).get()).data();
      return d?.["status"] === "refunded" ? d : undefined;
    });
    assert.equal(refunded["refundedAmount"], 49900);
    assert.equal(
      (await db.doc(`balances/${coachId}_sek`).get()).data()?.["held"],
      heldBefore - 39920,
    );
  });

  it("a declined card leaves a failed payment and no ledger entries", async () => {
    const res = await call<{ sessionId: string }>(
      "createCheckoutSession",
      { programId },
      customerToken,
    );
    try {
      await control(`/checkout/${res.result!.sessionId}/pay`, { card: "4000000000000002" });
    } catch {
      // the sandbox answers the decline as an error, like Stripe's hosted page shows it
    }
    const session = await stripeApi<{ payment_intent: string | null }>(
      "GET",
      `/v1/checkout/sessions/${res.result!.sessionId}`,
    );
    assert.ok(session.payment_intent, "the declined attempt created a payment intent");
    const { db } = admin();
    const failed = await eventually("failed payment recorded", async () => {
      const d = (await db.doc(`payments/${session.payment_intent}`).get()).data();
      return d?.["status"] === "failed" ? d : undefined;
    });
    assert.ok(failed["failureReason"]);
    const entries = await db
      .collection("ledger")
      .where("refs.paymentId", "==", session.payment_intent)
      .get();
    assert.equal(entries.size, 0);
  });

  it("refuses a tampered or unknown program and writes nothing", async () => {
    const unknown = await call(
      "createCheckoutSession",
      { programId: "does-not-exist" },
      customerToken,
    );
    assert.equal(unknown.error?.status, "NOT_FOUND");
    assert.equal(unknown.error?.details?.["field"], "programId");
    const tampered = await call("createCheckoutSession", { programId, amount: 100 }, customerToken);
    assert.equal(tampered.error?.status, "INVALID_ARGUMENT");
    assert.equal(tampered.error?.details?.["field"], "amount");
    const none = await call("createCheckoutSession", { programId }, undefined);
    assert.equal(none.error?.status, "UNAUTHENTICATED");
  });

  it("the webhook refuses a bad signature with 400 and stores nothing", async () => {
    const url = `${process.env["FUNCTIONS_EMULATOR_URL"]}/stripeWebhook`;
    const body = JSON.stringify({
      id: "evt_forged",
      type: "payment_intent.succeeded",
      data: { object: {} },
    });
    const forged = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Stripe-Signature": `t=${Math.floor(Date.now() / 1000)},v1=deadbeef`,
      },
      body,
    });
    assert.equal(forged.status, 400);
    const missing = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });
    assert.equal(missing.status, 400);
    assert.match(((await missing.json()) as { error: string }).error, /Stripe-Signature/);
    assert.equal((await admin().db.doc("stripeEvents/evt_forged").get()).exists, false);
  });
});
