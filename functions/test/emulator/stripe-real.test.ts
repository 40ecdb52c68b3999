import assert from "node:assert/strict";
import { admin, call, idToken } from "./stack";
import { control, eventually, stripeApi } from "./sandbox";

/**
 * Issue 18 through the real path (callable -> sandbox -> signed webhook -> trigger), with the
 * sandbox behaving as Stripe does: invoice bodies without `payments`, a SEPA debit that settles
 * later or fails, a lost dispute that debits the platform only, an EUR charge converted for a
 * SEK coach account.
 */
describe("Kassa against Stripe as it really is (emulators + Stripe sandbox)", function () {
  this.timeout(120000);
  const coachId = "it-real-coach";
  let accountId = "";
  let customerToken: string;
  const { db } = admin();

  const program = async (id: string, price: { amount: number; currency: string }) =>
    db.doc(`programs/${id}`).set({
      id,
      coachId,
      coachName: "Real Coach",
      title: `Program ${id}`,
      description: "",
      price,
      active: true,
      priceVersion: 1,
    });
  const coachHeld = async (currency = "sek") =>
    ((await db.doc(`balances/${coachId}_${currency}`).get()).data()?.["held"] as
      number | undefined) ?? 0;
  const connectedBalance = async (): Promise<number> => {
    const res = await fetch(
      `${process.env["STRIPE_SANDBOX_URL"] ?? "http://127.0.0.1:12111"}/v1/balance`,
      {
        headers: { Authorization: "Bearer sk_test_kassa_sandbox", "Stripe-Account": accountId },
      },
    );
    const b = (await res.json()) as {
      available: { amount: number; currency: string }[];
      pending: { amount: number; currency: string }[];
    };
    return [...b.available, ...b.pending]
      .filter((x) => x.currency === "sek")
      .reduce((s, x) => s + x.amount, 0);
  };
  async function checkout(input: Record<string, string>, card: string): Promise<string> {
    const res = await call<{ sessionId: string }>("createCheckoutSession", input, customerToken);
    assert.equal(res.status, 200, JSON.stringify(res.error));
    await control(`/checkout/${res.result!.sessionId}/pay`, { card });
    const s = await stripeApi<{ payment_intent: string | null; subscription: string | null }>(
      "GET",
      `/v1/checkout/sessions/${res.result!.sessionId}`,
    );
    return input["planId"] ? (s.subscription ?? "") : (s.payment_intent ?? "");
  }
  const paymentStatus = async (pi: string) =>
    (await db.doc(`payments/${pi}`).get()).data()?.["status"];

  before(async () => {
    const { auth } = admin();
    await auth
      .getUser(coachId)
      .catch(() =>
        auth.createUser({ uid: coachId, email: `${coachId}@kassa.test`, password: "kassa-demo" }),
      );
    const account = await stripeApi<{ id: string }>(
      "POST",
      "/v1/accounts",
      { type: "express", country: "SE", email: `${coachId}@kassa.test` },
      `it-acct-${coachId}-${Date.now()}`,
    );
    accountId = account.id;
    await control(`/accounts/${account.id}/verify`);
    await db
      .doc(`coaches/${coachId}`)
      .set({ stripeAccountId: account.id, chargesEnabled: true, payoutsEnabled: true });
    await program("it-real-sek", { amount: 49900, currency: "sek" });
    await program("it-real-eur", { amount: 4990, currency: "eur" });
    customerToken = await idToken("customer@kassa.test");
  });

  it("a subscription and its renewal are booked from invoice.paid bodies that carry no payments", async () => {
    const subscriptionId = await checkout({ planId: "premium" }, "4242424242424242");
    const first = await eventually("first invoice booked", async () => {
      const q = await db.collection("payments").where("subscriptionId", "==", subscriptionId).get();
      return q.size >= 1 ? q.docs.map((d) => d.data()) : undefined;
    });
    assert.equal(first[0]?.["status"], "succeeded");
    const events = await stripeApi<{
      data: { type: string; data: { object: Record<string, unknown> } }[];
    }>("GET", "/v1/events?type=invoice.paid&limit=5");
    assert.ok(
      events.data.length > 0 && events.data.every((e) => !("payments" in e.data.object)),
      "no payments in bodies",
    );
    await control("/clock", { advance_seconds: 32 * 86400 });
    const both = await eventually("renewal booked", async () => {
      const q = await db.collection("payments").where("subscriptionId", "==", subscriptionId).get();
      return q.size >= 2 ? q.docs.map((d) => d.data()) : undefined;
    });
    assert.equal(both.filter((p) => p["status"] === "succeeded").length, 2);
    assert.equal(new Set(both.map((p) => p["invoiceId"])).size, 2, "one payment per invoice");
  });

  it("an EUR sale to a SEK coach account is booked in SEK, the coach's balance equal to the connected account's", async () => {
    await control("/exchange_rates", { from: "eur", to: "sek", rate: 11.25 });
    const connectedBefore = await connectedBalance();
    const heldBefore = await coachHeld();
    const pi = await checkout({ programId: "it-real-eur" }, "4242424242424242");
    await eventually("EUR sale booked", async () =>
      (await paymentStatus(pi)) === "succeeded" ? true : undefined,
    );
    const sale = (await db.doc(`ledger/${pi}:capture`).get()).data()!;
    assert.equal(sale["currency"], "sek");
    assert.equal(sale["refs"]["original"]["currency"], "eur");
    const gained = (await coachHeld()) - heldBefore;
    assert.equal(
      gained,
      (await connectedBalance()) - connectedBefore,
      "Kassa's SEK = the account's SEK",
    );
    assert.equal(await coachHeld("eur"), 0);
  });

  it("a SEPA debit that settles later is booked then; one that fails books nothing", async () => {
    const ok = await checkout({ programId: "it-real-eur" }, "DE89370400440532013000");
    await eventually("processing recorded", async () =>
      (await paymentStatus(ok)) === "pending" ? true : undefined,
    );
    const bad = await checkout({ programId: "it-real-eur" }, "DE62370400440532013001");
    assert.equal((await db.doc(`ledger/${ok}:capture`).get()).exists, false);
    await control(`/payment_intents/${ok}/settle`);
    await control(`/payment_intents/${bad}/settle`);
    await eventually("settled sale booked", async () =>
      (await paymentStatus(ok)) === "succeeded" ? true : undefined,
    );
    await eventually("failed debit recorded", async () =>
      (await paymentStatus(bad)) === "failed" ? true : undefined,
    );
    assert.equal((await db.doc(`ledger/${bad}:capture`).get()).exists, false);
  });

  it("a lost dispute takes the coach's share back on Stripe: the connected account and the ledger agree", async () => {
    const pi = await checkout({ programId: "it-real-sek" }, "4242424242424242");
    await eventually("sale booked", async () =>
      (await paymentStatus(pi)) === "succeeded" ? true : undefined,
    );
    const connectedBefore = await connectedBalance();
    const heldBefore = await coachHeld();
    const charge = (await db.doc(`payments/${pi}`).get()).data()!["stripeChargeId"] as string;
    const dispute = await control<{ id: string }>(`/charges/${charge}/dispute`);
    await eventually("dispute booked", async () =>
      (await db.doc(`ledger/${dispute.id}:dispute`).get()).exists ? true : undefined,
    );
    await control(`/disputes/${dispute.id}/close`, { outcome: "lost" });
    await eventually("loss booked", async () =>
      (await db.doc(`payments/${pi}`).get()).data()?.["disputeOutcome"] === "lost"
        ? true
        : undefined,
    );
    const taken = heldBefore - (await coachHeld());
    assert.equal(taken, 39920);
    await eventually("reversal on the connected account", async () =>
      connectedBefore - (await connectedBalance()) === taken ? true : undefined,
    );
    // The admins were alerted with Stripe's deadline for the evidence (the sandbox gives 7 days).
    const alert = await eventually("dispute alert", async () => (await db.doc(`alerts/dispute_opened-${pi}`).get()).data());
    assert.equal(alert["status"], "open");
    assert.match(String(alert["message"]), /Skicka underlag till Stripe senast .+ \(svensk tid\)/);
    assert.equal(typeof (await db.doc(`payments/${pi}`).get()).get("disputeDueBy"), "number");
    // The coach was told when the dispute opened and when it was lost, with the share taken.
    const coachId = (await db.doc(`payments/${pi}`).get()).get("coachId") as string;
    for (const kind of ["dispute_opened", "dispute_lost"]) {
      const n = await eventually(`${kind} notification`, async () => (await db.doc(`notifications/${pi}:${kind}`).get()).data());
      assert.equal(n["uid"], coachId);
      assert.equal(n["kind"], kind);
      assert.match(String(n["body"]).replace(/\u00a0/g, " "), /399,20 kr/);
    }
  });
});
