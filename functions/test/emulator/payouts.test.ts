import assert from "node:assert/strict";
import { isoWeek } from "../../src/app/payouts/payout-records";
import { admin, call, createUser, idToken } from "./stack";
import { control, eventually, STRIPE_URL, stripeApi } from "./sandbox";

/**
 * Payouts on the local stack: onboarding through the callable and the sandbox (account.updated
 * comes back through the Connect webhook), hold release and the weekly run triggered as
 * Cloud Scheduler would, tasks dispatched by the Cloud Tasks emulator, a Stripe fault that
 * loses the payout's response, payout.paid / payout.failed from the sandbox, a request
 * approved by an admin. Stripe's payouts list is compared with the ledger at the end.
 */
const FUNCTIONS_ORIGIN = "http://127.0.0.1:5001";
const PROJECT = process.env["GCLOUD_PROJECT"] ?? "demo-kassa";

async function trigger(name: string): Promise<void> {
  const res = await fetch(`${FUNCTIONS_ORIGIN}/functions/projects/${PROJECT}/triggers/europe-west1-${name}-0`, { method: "POST", headers: { "X-CloudScheduler-JobName": name } });
  assert.ok(res.status < 300, `${name}: ${res.status} ${await res.text()}`);
}

describe("payouts end to end (emulators + Stripe sandbox)", function () {
  this.timeout(180000);
  const coachId = `it-po-coach-${Date.now().toString(36)}`;
  const programId = `it-po-program-${coachId}`;
  let coachToken: string;
  let adminToken: string;
  let customerToken: string;
  let accountId: string;

  const db = () => admin().db;
  const doc = async (path: string) => (await db().doc(path).get()).data();
  const balance = async () => (await doc(`balances/${coachId}_sek`)) ?? {};

  before(async () => {
    await createUser(coachId, "coach");
    coachToken = await idToken(`${coachId}@kassa.test`);
    adminToken = await idToken("admin@kassa.test");
    customerToken = await idToken("customer@kassa.test");
    await db().doc(`programs/${programId}`).set({ id: programId, coachId, coachName: "IT Payout Coach", title: "Payout Program", description: "", price: { amount: 49900, currency: "sek" }, active: true, priceVersion: 1 });
    await db().doc("settings/payouts").set({ requireApproval: true }, { merge: true });
    await control("/faults", {}, "DELETE");
  });

  /** A paid sale whose hold has ended on both sides: Stripe's clock moves 7 days, Kassa's payment is backdated. */
  async function earn(): Promise<string> {
    const res = await call<{ sessionId: string }>("createCheckoutSession", { programId }, customerToken);
    assert.equal(res.status, 200, JSON.stringify(res.error));
    await control(`/checkout/${res.result!.sessionId}/pay`, { card: "4242424242424242" });
    const pi = (await stripeApi<{ payment_intent: string }>("GET", `/v1/checkout/sessions/${res.result!.sessionId}`)).payment_intent;
    await eventually("payment booked", async () => ((await doc(`payments/${pi}`))?.["status"] === "succeeded" ? true : undefined));
    await control("/clock", { advance_seconds: 7 * 86400 + 60 });
    await db().doc(`payments/${pi}`).update({ availableOn: Date.now() - 60000 });
    await trigger("releaseHolds");
    await eventually("hold released", async () => ((await doc(`payments/${pi}`))?.["holdReleased"] === true ? true : undefined));
    return pi;
  }

  it("onboards once, even when started twice, and account.updated arrives through the Connect webhook", async () => {
    const [a, b] = await Promise.all([call<{ url: string; accountId: string }>("startCoachOnboarding", {}, coachToken), call<{ url: string; accountId: string }>("startCoachOnboarding", {}, coachToken)]);
    assert.equal(a.status, 200, JSON.stringify(a.error));
    assert.equal(a.result!.accountId, b.result!.accountId);
    accountId = a.result!.accountId;
    const url = new URL(a.result!.url);
    assert.equal(url.origin, new URL(STRIPE_URL).origin);
    assert.match(url.searchParams.get("return_url") ?? "", /\/coach\?onboarding=return$/);
    assert.match(url.searchParams.get("refresh_url") ?? "", /\/coach\?onboarding=refresh$/);
    const account = await stripeApi<{ settings: { payouts: { schedule: { interval: string } } }; metadata: Record<string, string> }>("GET", `/v1/accounts/${accountId}`);
    assert.equal(account.settings.payouts.schedule.interval, "manual");
    assert.equal(account.metadata["kassaCoachId"], coachId);
    const before = await doc(`coaches/${coachId}`);
    assert.equal(before?.["chargesEnabled"], false);
    assert.ok((before?.["requirementsDue"] as string[]).length > 0);

    const dash = await call("coachDashboardLink", {}, coachToken);
    assert.equal(dash.error?.status, "FAILED_PRECONDITION");

    await control(`/accounts/${accountId}/verify`);
    const after = await eventually("coach verified", async () => {
      const c = await doc(`coaches/${coachId}`);
      return c?.["payoutsEnabled"] === true ? c : undefined;
    });
    assert.deepEqual([after["chargesEnabled"], after["detailsSubmitted"], after["requirementsDue"], after["disabledReason"]], [true, true, [], null]);
    const link = await call<{ url: string }>("coachDashboardLink", {}, coachToken);
    assert.match(link.result?.url ?? "", new RegExp(`/express/${accountId}$`));
  });

  it("the weekly run pays through a task; a lost Stripe response is retried to the same payout", async () => {
    await earn();
    const runId = `payout-run-${isoWeek(Date.now(), "Europe/Stockholm")}`;
    await db().recursiveDelete(db().doc(`jobs/${runId}`));
    // Stripe creates the payout but every answer for a while is a 500: the SDK's retries and
    // the task's first attempt fail; the task queue's retry replays the key and gets it.
    await control("/faults", { method: "POST", path: "/v1/payouts", status: 500, after_effect: true, count: 3 });
    await trigger("weeklyPayoutRun");
    const run = await eventually(
      "run done",
      async () => {
        const r = await doc(`jobs/${runId}`);
        return r?.["status"] === "done" ? r : undefined;
      },
      120000,
    );
    assert.equal(run["type"], "payout_run");
    // The watcher counted the run's payouts (aggregations in the emulator, as in production)
    // and finished the run with the totals and its summary.
    const due = run["counts"]["due"] as number;
    assert.ok(due >= 1);
    assert.equal(run["counts"]["settled"], due, "every due coach settled");
    assert.ok(run["counts"]["done"] >= 1);
    const sentOfRun = await db().collection("payouts").where("runId", "==", runId).where("status", "in", ["processing", "paid", "returned"]).get();
    assert.equal(run["counts"]["done"], sentOfRun.size, "done is the run's sent payouts");
    assert.equal(run["counts"]["amounts"]["sek"], sentOfRun.docs.reduce((n, d) => n + Number(d.get("amount")), 0), "and their sum");
    assert.match(String(run["summary"]), /^1 sent to Stripe \([\d.]+ SEK/);
    // A paid coach has no outcome document: the payout is the outcome.
    assert.equal(await doc(`jobs/${runId}/outcomes/${coachId}_sek`), undefined);
    const payout = await doc(`payouts/${runId}_${coachId}_sek`);
    assert.equal(payout?.["status"], "processing");
    assert.equal(payout?.["amount"], 39920);
    assert.equal((payout?.["relatedPaymentIds"] as string[]).length, 1);
    const onAccount = await fetch(`${STRIPE_URL}/v1/payouts?limit=100`, { headers: { Authorization: "Bearer sk_test_kassa_sandbox", "Stripe-Account": accountId } }).then((r) => r.json() as Promise<{ data: { id: string; amount: number }[] }>);
    assert.equal(onAccount.data.length, 1, "exactly one Stripe payout despite the retries");
    assert.equal(onAccount.data[0]!.id, payout?.["stripePayoutId"]);
    assert.deepEqual(await balance().then((b) => [b["available"], b["inPayout"]]), [0, 39920]);
    const log = await control<{ data: { method: string; path: string; account: string | null; idempotency_key: string | null }[] }>("/requests", {}, "GET");
    const keys = new Set(log.data.filter((r) => r.method === "POST" && r.path === "/v1/payouts" && r.account === accountId).map((r) => r.idempotency_key));
    assert.deepEqual([...keys], [payout?.["id"]]);

    // A second trigger of the same week does nothing.
    await trigger("weeklyPayoutRun");
    assert.equal((await doc(`jobs/${runId}`))?.["counts"]["due"], run["counts"]["due"]);

    await control(`/payouts/${payout?.["stripePayoutId"]}/paid`);
    await eventually("payout paid", async () => ((await doc(`payouts/${payout?.["id"]}`))?.["status"] === "paid" ? true : undefined));
    assert.deepEqual(await balance().then((b) => [b["inPayout"], b["paid"]]), [0, 39920]);
  });

  it("a request approved by an admin, failed at the bank, returns to available with Stripe's reason", async () => {
    await control("/faults", {}, "DELETE");
    await earn();
    const bad = await call("requestPayout", { amount: 39920.5, currency: "sek" }, coachToken);
    assert.equal(bad.error?.status, "INVALID_ARGUMENT");
    assert.equal(bad.error?.details?.["field"], "amount");
    const [r1, r2] = await Promise.all([call<{ payoutId: string }>("requestPayout", { amount: 39920, currency: "sek" }, coachToken), call<{ payoutId: string }>("requestPayout", { amount: 39920, currency: "sek" }, coachToken)]);
    const ok = [r1, r2].filter((r) => r.status === 200);
    assert.equal(ok.length, 1, "only one of two racing requests passes");
    assert.equal([r1, r2].find((r) => r.status !== 200)?.error?.status, "ALREADY_EXISTS");
    const payoutId = ok[0]!.result!.payoutId;
    assert.equal((await call("approvePayout", { payoutId }, coachToken)).error?.status, "PERMISSION_DENIED");
    assert.equal((await call("approvePayout", { payoutId }, adminToken)).status, 200);
    const sent = await eventually("payout sent", async () => {
      const p = await doc(`payouts/${payoutId}`);
      return p?.["status"] === "processing" ? p : undefined;
    });
    await control(`/payouts/${sent["stripePayoutId"]}/failed`, { failure_code: "account_closed" });
    const failed = await eventually("payout failed", async () => {
      const p = await doc(`payouts/${payoutId}`);
      return p?.["status"] === "failed" ? p : undefined;
    });
    assert.equal(failed["failureCode"], "account_closed");
    assert.equal(failed["failureReason"], "The bank account has been closed.");
    assert.deepEqual(await balance().then((b) => [b["available"], b["inPayout"], b["paid"]]), [39920, 0, 39920]);
    // The audit trail went to Firestore with create() in the decisions' transactions.
    const trail = await db().collection(`payouts/${payoutId}/audit`).orderBy("id").get();
    assert.deepEqual(trail.docs.map((d) => [d.id, d.get("action"), d.get("byRole")]), [["0001", "requested", "coach"], ["0002", "approved", "admin"]]);
  });

  it("Stripe's payouts list agrees with Kassa's payouts and ledger", async () => {
    const stripe = await fetch(`${STRIPE_URL}/v1/payouts?limit=100`, { headers: { Authorization: "Bearer sk_test_kassa_sandbox", "Stripe-Account": accountId } }).then((r) => r.json() as Promise<{ data: { id: string; amount: number; status: string; metadata: Record<string, string> }[] }>);
    const kassa = await db().collection("payouts").where("coachId", "==", coachId).get();
    const sent = kassa.docs.map((d) => d.data()).filter((p) => p["stripePayoutId"]);
    assert.deepEqual(sent.map((p) => p["stripePayoutId"]).sort(), stripe.data.map((p) => p.id).sort());
    for (const s of stripe.data) {
      const k = sent.find((p) => p["stripePayoutId"] === s.id)!;
      assert.equal(k["amount"], s.amount);
      assert.equal(k["id"], s.metadata["kassaPayoutId"]);
      assert.equal(k["status"], s.status === "in_transit" ? "processing" : s.status);
    }
    const paidAtStripe = stripe.data.filter((p) => p.status === "paid").reduce((sum, p) => sum + p.amount, 0);
    assert.equal((await balance())["paid"], paidAtStripe);
    const ledger = await db().collection("ledger").where("refs.coachId", "==", coachId).get();
    const paidEntries = ledger.docs.filter((d) => d.get("kind") === "payout_paid").map((d) => d.get("refs.stripeObjectId"));
    assert.deepEqual(paidEntries, stripe.data.filter((p) => p.status === "paid").map((p) => p.id));
  });
});
