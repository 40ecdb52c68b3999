import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { dayBounds, dayOf } from "../../src/domain/calendar-day";
import type { DayReconciliation } from "../../src/ports/books-reconciliation-store";
import { connectFortnoxAsAdmin } from "./fortnox-connect";
import { control, eventually, stripeApi } from "./sandbox";
import { admin, call, idToken } from "./stack";

const ROOT = path.resolve(__dirname, "../../..");
const run = promisify(execFile);
const clock = async (...move: string[]): Promise<string> => (await run("npm", ["run", "-s", "clock", "--", ...move], { cwd: ROOT, env: process.env, timeout: 300_000 })).stdout;
const stackNow = async (): Promise<number> => Date.parse(((await (await fetch(`${process.env["KASSA_CLOCK_URL"] ?? "http://127.0.0.1:12110"}/clock`)).json()) as { now: string }).now);

/**
 * The three-way reconciliation through the real path: a sale bought through the Stripe
 * sandbox's checkout, booked by the webhook, posted to the Fortnox sandbox by the 02:00 sync,
 * reconciled by the 04:00 job; then a difference planted in the ledger, found and alerted.
 */
describe("books reconciliation (emulator + Stripe and Fortnox sandboxes)", function () {
  this.timeout(600_000);
  const db = () => admin().db;
  let customer: string;
  let accountant: string;
  let saleDay: string;

  before(async () => {
    customer = await idToken("customer@kassa.test");
    accountant = await idToken("accountant@kassa.test");
    await control("/faults", {}, "DELETE");
    await connectFortnoxAsAdmin();
  });

  it("a day with a sale is ✓ on every BAS account after the 02:00 sync and the 04:00 reconciliation", async () => {
    const session = await call<{ sessionId: string }>("createCheckoutSession", { programId: "mindful-mornings" }, customer);
    assert.equal(session.status, 200, JSON.stringify(session.error));
    await control(`/checkout/${session.result!.sessionId}/pay`, { card: "4242424242424242" });
    const pi = (await stripeApi<{ payment_intent: string }>("GET", `/v1/checkout/sessions/${session.result!.sessionId}`)).payment_intent;
    await eventually("the sale booked by the webhook", async () => ((await db().doc(`payments/${pi}`).get()).get("status") === "succeeded" ? true : undefined), 60_000);
    saleDay = dayOf(await stackNow());
    // Past noon first, so the 04:30 run that follows comes after the sale's day has ended even
    // when the suite runs between midnight and 04:30 Stockholm time.
    const out = (await clock("next", "12:00")) + (await clock("next", "04:30"));
    assert.match(out, /syncAccountingNightly fired/);
    assert.match(out, /reconcileBooksDaily fired/);
    const rec = await eventually(
      `booksReconciliations/${saleDay}_sek`,
      async () => (await db().doc(`booksReconciliations/${saleDay}_sek`).get()).data() as DayReconciliation | undefined,
      60_000,
    );
    assert.equal(rec.sources.fortnox.state, "read", rec.sources.fortnox.error ?? "");
    assert.equal(rec.sources.stripe.state, "read", rec.sources.stripe.error ?? "");
    assert.ok(rec.sources.fortnox.vouchers >= 1, "the sync's vouchers were read back");
    const accounts = rec.rows.map((r) => r.account);
    for (const a of [1580, 2611, 2890, 3041]) assert.ok(accounts.includes(a), `row ${a} in ${JSON.stringify(rec.rows)}`);
    for (const r of rec.rows) assert.equal(r.state, "ok", `account ${r.account}: ${JSON.stringify(r)}`);
    const stripe1580 = rec.rows.find((r) => r.account === 1580);
    assert.ok(stripe1580 && stripe1580.stripe !== null && stripe1580.stripe !== 0, "Stripe's figure is there, not a blank");
    const page = await call<{ records: DayReconciliation[] }>("booksReconciliations", { limit: 5 }, accountant);
    assert.ok(page.result?.records.some((r) => r.id === `${saleDay}_sek`), JSON.stringify(page.error));
  });

  it("a planted ledger entry neither Stripe nor Fortnox has is a difference on its accounts and raises one alert", async () => {
    const at = dayBounds(saleDay).fromMs + 12 * 3_600_000;
    await db().doc("ledger/planted_txn:stripe_fee").set({ id: "planted_txn:stripe_fee", kind: "stripe_fee", flow: "stripe_fees", currency: "sek", occurredAt: at, refs: {}, postings: [{ account: "stripe:fees", amount: 500 }, { account: "platform:stripe_balance", amount: -500 }], day: saleDay });
    const res = await call<{ differences: number; alerted: boolean }>("reconcileBooksNow", { day: saleDay }, accountant);
    assert.equal(res.status, 200, JSON.stringify(res.error));
    assert.ok((res.result?.differences ?? 0) > 0);
    const rec = (await db().doc(`booksReconciliations/${saleDay}_sek`).get()).data() as DayReconciliation;
    const fees = rec.rows.find((r) => r.account === 6570);
    assert.equal(fees?.state, "difference");
    assert.equal(fees?.fortnoxDifference, -500);
    assert.equal(fees?.stripeDifference, -500);
    assert.equal(rec.state, "difference");
    const alert = (await db().doc(`alerts/books_difference-${saleDay}`).get()).data();
    assert.equal(alert?.["kind"], "books_difference");
    assert.equal(alert?.["status"], "open");
    const again = await call<{ alerted: boolean }>("reconcileBooksNow", { day: saleDay }, accountant);
    assert.equal(again.result?.alerted, false, "one alert per day, not one per run");
    await db().doc("ledger/planted_txn:stripe_fee").delete();
  });
});
