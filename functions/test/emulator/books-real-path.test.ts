import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { dayOf } from "../../src/domain/calendar-day";
import { connectFortnoxAsAdmin } from "./fortnox-connect";
import { control, eventually, stripeApi } from "./sandbox";
import { admin, call, idToken } from "./stack";

const ROOT = path.resolve(__dirname, "../../..");
const FORTNOX = process.env["FORTNOX_SANDBOX_URL"] ?? "http://127.0.0.1:12112";
const run = promisify(execFile);
const clock = async (...move: string[]): Promise<string> => (await run("npm", ["run", "-s", "clock", "--", ...move], { cwd: ROOT, env: process.env, timeout: 300_000 })).stdout;
const stackNow = async (): Promise<number> => Date.parse(((await (await fetch(`${process.env["KASSA_CLOCK_URL"] ?? "http://127.0.0.1:12110"}/clock`)).json()) as { now: string }).now);

interface FortnoxRow { account: number; debit: number; credit: number; transactionInformation: string }
interface FortnoxVoucher { description: string; transactionDate: string; rows: FortnoxRow[] }

/**
 * Issue 12's flows through the real path, ending in the Fortnox sandbox: sales bought on the
 * Stripe sandbox's checkout (one in EUR, settled in SEK), a dispute opened on the sale's day and
 * lost days later, a refund of a sale whose day was already booked, and a payout of the platform's
 * own balance to its bank. Webhook -> trigger -> ledger -> the 02:00 run moved to by the stack's
 * clock -> Fortnox. Each entry must sit on exactly one posted voucher of its own business day,
 * and Fortnox must hold that voucher with the rows Kassa recorded.
 */
describe("the books through the real path (webhooks, nightly sync, Fortnox sandbox)", function () {
  this.timeout(900_000);
  const coachId = "it-books-path-coach";
  const { db } = admin();
  let customer: string;
  let adminToken: string;

  const program = (id: string, price: { amount: number; currency: string }) =>
    db.doc(`programs/${id}`).set({ id, coachId, coachName: "Books Coach", title: `Program ${id}`, description: "", price, active: true, priceVersion: 1 });

  async function buy(programId: string): Promise<string> {
    const session = await call<{ sessionId: string }>("createCheckoutSession", { programId }, customer);
    assert.equal(session.status, 200, JSON.stringify(session.error));
    await control(`/checkout/${session.result!.sessionId}/pay`, { card: "4242424242424242" });
    const pi = (await stripeApi<{ payment_intent: string }>("GET", `/v1/checkout/sessions/${session.result!.sessionId}`)).payment_intent;
    await eventually(`${pi} booked`, async () => ((await db.doc(`payments/${pi}`).get()).get("status") === "succeeded" ? true : undefined), 60_000);
    return pi;
  }

  const entryOf = (paymentId: string, kind: string) =>
    eventually(`${kind} of ${paymentId} in the ledger`, async () => {
      const q = await db.collection("ledger").where("refs.paymentId", "==", paymentId).where("kind", "==", kind).get();
      return q.docs[0]?.data() as { id: string; occurredAt: number; currency: string } | undefined;
    }, 60_000);

  /** The posted voucher holding `entryId`, and Fortnox's copy of it (found by its marker). */
  async function bookedIn(entryId: string): Promise<{ day: string; marker: string; fortnox: FortnoxVoucher }> {
    const voucherId = await eventually(`a booking marker for ${entryId}`, async () => (await db.doc(`accountingBookings/${entryId}`).get()).get("voucherId") as string | undefined, 60_000);
    const record = await eventually(`voucher ${voucherId} posted`, async () => {
      const v = (await db.doc(`accounting/${voucherId}`).get()).data();
      return v?.["state"] === "posted" ? v : undefined;
    }, 60_000);
    const { vouchers } = (await (await fetch(`${FORTNOX}/__sandbox/vouchers`)).json()) as { vouchers: FortnoxVoucher[] };
    const copies = vouchers.filter((v) => v.description === record["marker"]);
    assert.equal(copies.length, 1, `${record["marker"] as string} is in Fortnox exactly once`);
    const recorded = (record["rows"] as { account: number; debit: number; credit: number }[]).map((r) => [r.account, r.debit - r.credit]);
    const inFortnox = copies[0]!.rows.map((r) => [r.account, Math.round(r.debit * 100) - Math.round(r.credit * 100)]);
    assert.deepEqual(inFortnox, recorded, `Fortnox holds ${record["marker"] as string} as Kassa recorded it`);
    return { day: record["day"] as string, marker: record["marker"] as string, fortnox: copies[0]! };
  }
  const net = (v: FortnoxVoucher, account: number) => v.rows.filter((r) => r.account === account).reduce((s, r) => s + Math.round(r.debit * 100) - Math.round(r.credit * 100), 0);

  before(async () => {
    customer = await idToken("customer@kassa.test");
    adminToken = await idToken("admin@kassa.test");
    await control("/faults", {}, "DELETE");
    await connectFortnoxAsAdmin();

    const { auth } = admin();
    await auth.getUser(coachId).catch(() => auth.createUser({ uid: coachId, email: `${coachId}@kassa.test`, password: "kassa-demo" }));
    const account = await stripeApi<{ id: string }>("POST", "/v1/accounts", { type: "express", country: "SE", email: `${coachId}@kassa.test` }, `it-acct-${coachId}-${Date.now()}`);
    await control(`/accounts/${account.id}/verify`);
    await db.doc(`coaches/${coachId}`).set({ stripeAccountId: account.id, chargesEnabled: true, payoutsEnabled: true });
    await program("it-books-sek", { amount: 49900, currency: "sek" });
    await program("it-books-eur", { amount: 4990, currency: "eur" });
  });

  it("books a late refund, a lost dispute closed days later, an EUR sale and a platform payout, each on its own day in Fortnox", async () => {
    // Day A: three sales (one in EUR) and a dispute opened on one of them.
    const refunded = await buy("it-books-sek");
    const eur = await buy("it-books-eur");
    const disputed = await buy("it-books-sek");
    for (let i = 0; i < 3; i++) await buy("it-books-sek"); // fees the platform can pay out to its bank
    const charge = (await db.doc(`payments/${disputed}`).get()).get("stripeChargeId") as string;
    const dispute = await control<{ id: string }>(`/charges/${charge}/dispute`);
    await eventually("the dispute booked", async () => ((await db.doc(`ledger/${dispute.id}:dispute`).get()).exists ? true : undefined), 60_000);
    const dayA = dayOf(await stackNow());

    // The night after: day A is booked.
    const firstNight = (await clock("next", "12:00")) + (await clock("next", "02:00"));
    assert.match(firstNight, /syncAccountingNightly fired/);
    const eurSale = await entryOf(eur, "program_sale");
    assert.equal(eurSale.currency, "sek", "the EUR charge is in the ledger in the platform's settlement currency");
    const eurVoucher = await bookedIn(eurSale.id);
    assert.equal(eurVoucher.day, dayA);
    assert.ok(eurVoucher.fortnox.rows.some((r) => /urspr\. EUR 49,90/.test(r.transactionInformation)), `the EUR amount is on the voucher: ${JSON.stringify(eurVoucher.fortnox.rows)}`);
    const opened = await bookedIn(`${dispute.id}:dispute`);
    assert.equal(opened.day, dayA);
    assert.ok(net(opened.fortnox, 1580) <= -49900, "the disputed amount left the platform's Stripe balance");

    // Day B, after day A was booked: a refund of a day-A sale, and the dispute lost.
    const dayB = dayOf(await stackNow());
    assert.ok(dayB > dayA);
    const refund = await call("refundPayment", { paymentId: refunded, reason: "requested_by_customer", requestId: `it-books-refund-${Date.now()}` }, adminToken);
    assert.equal(refund.status, 200, JSON.stringify(refund.error));
    await control(`/disputes/${dispute.id}/close`, { outcome: "lost" });
    const refundEntry = await entryOf(refunded, "refund");
    const lostEntry = await entryOf(disputed, "dispute_lost");

    // A week on (the sales' funds are available), the platform pays its balance out to its bank.
    await clock("+8d");
    // The platform keeps only its fees (the rest is transferred), less refunds and the dispute:
    // pay out part of what is available now.
    const balance = await stripeApi<{ available: { amount: number; currency: string }[] }>("GET", "/v1/balance");
    const available = balance.available.find((b) => b.currency === "sek")?.amount ?? 0;
    assert.ok(available >= 1000, `the platform has funds to pay out: ${JSON.stringify(balance.available)}`);
    const amount = Math.min(available, 20000);
    const payout = await stripeApi<{ id: string; amount: number }>("POST", "/v1/payouts", { amount: String(amount), currency: "sek" }, `it-books-platform-payout-${Date.now()}`);
    await control(`/payouts/${payout.id}/paid`);
    const paidEntryId = `${payout.id}:platform_paid`;
    await eventually("the platform payout booked", async () => ((await db.doc(`ledger/${paidEntryId}`).get()).exists ? true : undefined), 60_000);
    const dayC = dayOf(await stackNow());
    const lastNight = (await clock("next", "12:00")) + (await clock("next", "02:00"));
    assert.match(lastNight, /syncAccountingNightly fired/);

    const late = await bookedIn(refundEntry.id);
    assert.equal(late.day, dayB, "the refund is booked on the day it happened, not on the sale's");
    assert.ok(net(late.fortnox, 1580) <= -49900, "the refund left the platform's Stripe balance");
    const lost = await bookedIn(lostEntry.id);
    assert.equal(lost.day, dayB, "the loss is booked on the day the dispute closed, days after it opened");
    assert.notEqual(lost.marker, opened.marker);
    const toBank = await bookedIn(paidEntryId);
    assert.equal(toBank.day, dayC);
    // Other suites' platform payouts of the day may share the voucher: at least ours is there.
    assert.ok(net(toBank.fortnox, 1930) >= amount, "the bank account received the payout");
    assert.equal(net(toBank.fortnox, 1930), -net(toBank.fortnox, 1580), "from the platform's Stripe balance");
  });
});
