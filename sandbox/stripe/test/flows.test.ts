import assert from "node:assert/strict";
import StripeSdk from "stripe";
import type Stripe from "stripe";
import type { Harness } from "./helpers.js";
import { allTxns, assertLedgerMatches, expectStripeError, paidCheckout, start, verifiedAccount } from "./helpers.js";

const ok = "http://127.0.0.1/ok";
const fee = (amount: number): number => Math.floor((amount * 150 + 5000) / 10000) + 180;

/** Events (oldest first) whose object is one of `ids`, as type names. */
async function eventTypes(h: Harness, ids: string[], stripeAccount?: string): Promise<string[]> {
  const events: Stripe.Event[] = [];
  for await (const e of h.stripe.events.list({ limit: 100 }, stripeAccount ? { stripeAccount } : undefined)) events.push(e);
  return events
    .reverse()
    .filter((e) => ids.includes((e.data.object as { id?: string }).id ?? ""))
    .map((e) => e.type);
}

async function sekBalance(h: Harness, stripeAccount?: string): Promise<number> {
  const b = await h.stripe.balance.retrieve({}, stripeAccount ? { stripeAccount } : undefined);
  const pick = (list: Stripe.Balance.Available[]): number => list.filter((x) => x.currency === "sek").reduce((s, x) => s + x.amount, 0);
  return pick(b.available) + pick(b.pending);
}

function eurSession(h: Harness, destination: string, amount: number, appFee: number): Promise<Stripe.Checkout.Session> {
  return h.stripe.checkout.sessions.create({
    mode: "payment",
    success_url: ok,
    line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: amount, product_data: { name: "Program" } } }],
    payment_intent_data: { application_fee_amount: appFee, transfer_data: { destination } },
  });
}

describe("flows Stripe runs later or elsewhere", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await start();
  });
  afterEach(async () => h.sbx.close());

  it("SEPA Direct Debit that settles: completed unpaid, then async_payment_succeeded; money moves only then", async () => {
    const coach = await verifiedAccount(h);
    const session = await eurSession(h, coach.id, 3000, 600);
    const paid = await h.control<Stripe.Checkout.Session>("POST", `/__sandbox/checkout/${session.id}/pay`, { card: "DE89370400440532013000" });
    assert.equal(paid.status, 200, JSON.stringify(paid.body));
    assert.equal(paid.body.status, "complete");
    assert.equal(paid.body.payment_status, "unpaid");
    const piId = paid.body.payment_intent as string;
    const pi = await h.stripe.paymentIntents.retrieve(piId, { expand: ["latest_charge"] });
    assert.equal(pi.status, "processing");
    assert.equal((pi.latest_charge as Stripe.Charge).status, "pending");
    assert.equal((pi.latest_charge as Stripe.Charge).balance_transaction, null);
    assert.equal(await sekBalance(h, coach.id), 0, "nothing reaches the coach while processing");
    const chargeId = (pi.latest_charge as Stripe.Charge).id;

    await h.control("POST", `/__sandbox/payment_intents/${piId}/settle`);
    assert.equal((await h.stripe.paymentIntents.retrieve(piId)).status, "succeeded");
    assert.equal((await h.stripe.checkout.sessions.retrieve(session.id)).payment_status, "paid");
    assert.deepEqual(await eventTypes(h, [piId, chargeId, session.id]), [
      "payment_intent.created",
      "payment_intent.processing",
      "charge.pending",
      "checkout.session.completed",
      "charge.succeeded",
      "payment_intent.succeeded",
      "checkout.session.async_payment_succeeded",
    ]);
    // 30.00 EUR at the default 11.0 lands as 330.00 SEK on the coach, less 6.00 EUR = 66.00 SEK fee.
    assert.equal(await sekBalance(h, coach.id), 33000 - 6600);
    await assertLedgerMatches(h.stripe, coach.id);
  });

  it("SEPA Direct Debit that fails: async_payment_failed and nothing booked anywhere", async () => {
    const coach = await verifiedAccount(h);
    const session = await eurSession(h, coach.id, 3000, 600);
    const paid = await h.control<Stripe.Checkout.Session>("POST", `/__sandbox/checkout/${session.id}/pay`, { card: "DE62370400440532013001" });
    const piId = paid.body.payment_intent as string;
    // The clock settles it too: no explicit call needed once async_settle_seconds pass.
    const moved = await h.control<{ settled: number }>("POST", "/__sandbox/clock", { advance_seconds: 600 });
    assert.equal(moved.body.settled, 1);
    const pi = await h.stripe.paymentIntents.retrieve(piId, { expand: ["latest_charge"] });
    assert.equal(pi.status, "requires_payment_method");
    assert.equal(pi.last_payment_error?.code, "insufficient_funds");
    assert.equal((pi.latest_charge as Stripe.Charge).status, "failed");
    const s = await h.stripe.checkout.sessions.retrieve(session.id);
    assert.equal(s.payment_status, "unpaid");
    const types = await eventTypes(h, [piId, (pi.latest_charge as Stripe.Charge).id, session.id]);
    assert.deepEqual(types.slice(-3), ["charge.failed", "payment_intent.payment_failed", "checkout.session.async_payment_failed"]);
    assert.equal((await allTxns(h.stripe)).length, 0, "platform: nothing");
    assert.equal((await allTxns(h.stripe, coach.id)).length, 0, "coach: nothing");
    assert.equal((await h.stripe.transfers.list()).data.length, 0);
  });

  it("SEPA is EUR only, as at Stripe", async () => {
    const cs = await h.stripe.checkout.sessions.create({ mode: "payment", success_url: ok, line_items: [{ quantity: 1, price_data: { currency: "sek", unit_amount: 30000, product_data: { name: "x" } } }] });
    const paid = await h.control<{ error: { param: string } }>("POST", `/__sandbox/checkout/${cs.id}/pay`, { card: "DE89370400440532013000" });
    assert.equal(paid.status, 400);
    assert.equal(paid.body.error.param, "payment_method");
  });

  it("3-D Secure on a PaymentIntent: requires_action, a failed challenge, then a passed one", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 20000, currency: "sek", confirm: true, payment_method: "pm_card_authenticationRequired", return_url: ok });
    assert.equal(pi.status, "requires_action");
    assert.equal(pi.next_action?.type, "redirect_to_url");
    assert.match(pi.next_action?.redirect_to_url?.url ?? "", new RegExp(`/3ds/${pi.id}$`));
    assert.equal(pi.latest_charge, null);
    const failed = await h.control<Stripe.PaymentIntent>("POST", `/__sandbox/payment_intents/${pi.id}/authenticate`, { outcome: "fail" });
    assert.equal(failed.body.status, "requires_payment_method");
    assert.equal(failed.body.last_payment_error?.code, "payment_intent_authentication_failure");
    const again = await h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_authenticationRequired" });
    assert.equal(again.status, "requires_action");
    const passed = await h.control<Stripe.PaymentIntent>("POST", `/__sandbox/payment_intents/${pi.id}/authenticate`, { outcome: "succeed" });
    assert.equal(passed.body.status, "succeeded");
    assert.equal(await sekBalance(h), 20000 - fee(20000));
    assert.deepEqual((await eventTypes(h, [pi.id])).filter((t) => t.startsWith("payment_intent.")), [
      "payment_intent.created",
      "payment_intent.requires_action",
      "payment_intent.payment_failed",
      "payment_intent.requires_action",
      "payment_intent.succeeded",
    ]);
  });

  it("3-D Secure in Checkout: the session stays open until the challenge passes", async () => {
    const coach = await verifiedAccount(h);
    const cs = await h.stripe.checkout.sessions.create({ mode: "payment", success_url: ok, line_items: [{ quantity: 1, price_data: { currency: "sek", unit_amount: 50000, product_data: { name: "x" } } }], payment_intent_data: { application_fee_amount: 10000, transfer_data: { destination: coach.id } } });
    const paid = await h.control<Stripe.Checkout.Session>("POST", `/__sandbox/checkout/${cs.id}/pay`, { card: "4000002760003184" });
    assert.equal(paid.body.status, "open");
    assert.equal((await h.stripe.events.list({ type: "checkout.session.completed" })).data.length, 0);
    await h.control("POST", `/__sandbox/payment_intents/${String(paid.body.payment_intent)}/authenticate`, { outcome: "succeed" });
    const done = await h.stripe.checkout.sessions.retrieve(cs.id);
    assert.equal(done.status, "complete");
    assert.equal(done.payment_status, "paid");
    assert.equal((await h.stripe.events.list({ type: "checkout.session.completed" })).data.length, 1);
    assert.equal(await sekBalance(h, coach.id), 40000);
  });

  it("3-D Secure on the hosted pages: Pay leads to the challenge page, completing it to success_url", async () => {
    const cs = await h.stripe.checkout.sessions.create({ mode: "payment", success_url: "http://127.0.0.1/ok?session={CHECKOUT_SESSION_ID}", line_items: [{ quantity: 1, price_data: { currency: "sek", unit_amount: 50000, product_data: { name: "x" } } }] });
    const pay = await fetch(`${h.sbx.url}/checkout/${cs.id}`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "card=4000+0027+6000+3184&email=b%40example.com" });
    assert.equal(pay.status, 303);
    const challenge = pay.headers.get("location") ?? "";
    assert.match(challenge, /^\/3ds\/pi_/);
    assert.match(await (await fetch(`${h.sbx.url}${challenge}`)).text(), /Complete authentication/);
    const done = await fetch(`${h.sbx.url}${challenge}/complete`, { method: "POST", redirect: "manual" });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get("location"), `http://127.0.0.1/ok?session=${cs.id}`);
    assert.equal((await h.stripe.checkout.sessions.retrieve(cs.id)).payment_status, "paid");
  });

  it("an inquiry moves no money; answered it closes, escalated it withdraws", async () => {
    const coach = await verifiedAccount(h);
    const a = await paidCheckout(h, coach.id, 30000, 6000, "4000000000001976");
    const before = await sekBalance(h);
    const inquiry = (await h.stripe.disputes.list({ charge: a.charge.id })).data[0];
    assert.ok(inquiry);
    assert.equal(inquiry.status, "warning_needs_response");
    assert.deepEqual(inquiry.balance_transactions, []);
    assert.equal(inquiry.is_charge_refundable, true);
    const submitted = await h.stripe.disputes.update(inquiry.id, { evidence: { uncategorized_text: "Delivered" }, submit: true });
    assert.equal(submitted.status, "warning_under_review");
    const updated = (await h.stripe.events.list({ type: "charge.dispute.updated" })).data[0];
    assert.equal((updated?.data.previous_attributes as { status?: string } | undefined)?.status, "warning_needs_response");
    const closed = await h.control<Stripe.Dispute>("POST", `/__sandbox/disputes/${inquiry.id}/close`, { outcome: "won" });
    assert.equal(closed.body.status, "warning_closed");
    assert.equal(await sekBalance(h), before, "an inquiry moves nothing");
    assert.equal((await h.stripe.events.list({ type: "charge.dispute.funds_withdrawn" })).data.length, 0);

    const b = await paidCheckout(h, coach.id, 30000, 6000, "4000000000001976");
    const second = (await h.stripe.disputes.list({ charge: b.charge.id })).data[0];
    assert.ok(second);
    const mid = await sekBalance(h);
    const escalated = await h.control<Stripe.Dispute>("POST", `/__sandbox/disputes/${second.id}/close`, { outcome: "lost" });
    assert.equal(escalated.body.status, "needs_response");
    assert.equal(await sekBalance(h), mid - 30000 - 25000);
  });

  it("a dispute on a destination charge debits the platform, not the coach; won returns the amount, not the fee", async () => {
    const coach = await verifiedAccount(h);
    const sale = await paidCheckout(h, coach.id, 50000, 10000);
    const platformBefore = await sekBalance(h);
    const coachBefore = await sekBalance(h, coach.id);
    const opened = await h.control<Stripe.Dispute>("POST", `/__sandbox/charges/${sale.charge.id}/dispute`, { reason: "product_not_received" });
    assert.equal(opened.body.status, "needs_response");
    const withdrawal = opened.body.balance_transactions[0];
    assert.equal(withdrawal?.amount, -50000);
    assert.equal(withdrawal?.fee, 25000);
    assert.equal(withdrawal?.net, -75000);
    assert.equal(withdrawal?.reporting_category, "dispute");
    assert.equal(await sekBalance(h), platformBefore - 75000, "the platform pays");
    assert.equal(await sekBalance(h, coach.id), coachBefore, "the coach keeps the transfer");
    assert.equal((await h.stripe.transfers.retrieve(sale.charge.transfer as string)).amount_reversed, 0);
    const fw = (await h.stripe.events.list({ type: "charge.dispute.funds_withdrawn" })).data[0];
    assert.equal((fw?.data.object as Stripe.Dispute).balance_transactions[0]?.id, withdrawal?.id);

    const won = await h.control<Stripe.Dispute>("POST", `/__sandbox/disputes/${opened.body.id}/close`, { outcome: "won" });
    assert.equal(won.body.status, "won");
    assert.equal(won.body.balance_transactions[1]?.amount, 50000);
    assert.equal(won.body.balance_transactions[1]?.reporting_category, "dispute_reversal");
    assert.equal(await sekBalance(h), platformBefore - 25000, "the dispute fee is not returned");
    assert.deepEqual(await eventTypes(h, [opened.body.id]), ["charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated", "charge.dispute.closed"]);
    await assertLedgerMatches(h.stripe);
  });

  it("a dispute after a full refund still withdraws the disputed amount", async () => {
    const coach = await verifiedAccount(h);
    const sale = await paidCheckout(h, coach.id, 30000, 6000);
    await h.stripe.refunds.create({ charge: sale.charge.id, reverse_transfer: true, refund_application_fee: true });
    const before = await sekBalance(h);
    const d = await h.control<Stripe.Dispute>("POST", `/__sandbox/charges/${sale.charge.id}/dispute`, {});
    assert.equal(d.body.amount, 30000);
    assert.equal(await sekBalance(h), before - 30000 - 25000);
    const tooBig = await h.control<{ error: { param: string } }>("POST", `/__sandbox/charges/${(await paidCheckout(h, coach.id, 30000, 6000)).charge.id}/dispute`, { amount: 30001 });
    assert.equal(tooBig.status, 400);
    assert.equal(tooBig.body.error.param, "amount");
  });

  it("a refund that is pending first, then succeeds; one that fails later returns the money", async () => {
    const coach = await verifiedAccount(h);
    const sale = await paidCheckout(h, coach.id, 30000, 6000, "4000000000007726");
    const before = await sekBalance(h);
    const r = await h.stripe.refunds.create({ charge: sale.charge.id, amount: 10000 });
    assert.equal(r.status, "pending");
    assert.equal(await sekBalance(h), before - 10000, "Stripe debits a pending refund at once");
    const settled = await h.control<Stripe.Refund>("POST", `/__sandbox/refunds/${r.id}/settle`);
    assert.equal(settled.body.status, "succeeded");
    const updates = (await h.stripe.events.list({ type: "charge.refund.updated" })).data;
    assert.equal((updates[0]?.data.previous_attributes as { status?: string } | undefined)?.status, "pending");
    assert.equal((await h.stripe.events.list({ type: "refund.updated" })).data.length, 1);

    const doomedSale = await paidCheckout(h, coach.id, 30000, 6000, "4000000000005126");
    const mid = await sekBalance(h);
    const doomed = await h.stripe.refunds.create({ charge: doomedSale.charge.id });
    assert.equal(doomed.status, "succeeded");
    await h.control("POST", "/__sandbox/clock", { advance_seconds: 600 });
    const failed = await h.stripe.refunds.retrieve(doomed.id);
    assert.equal(failed.status, "failed");
    assert.ok(failed.failure_reason);
    const failure = await h.stripe.balanceTransactions.retrieve(failed.failure_balance_transaction as string);
    assert.equal(failure.type, "refund_failure");
    assert.equal(failure.amount, 30000);
    assert.equal(await sekBalance(h), mid, "the failed refund's money is back");
    assert.equal((await h.stripe.charges.retrieve(doomedSale.charge.id)).amount_refunded, 0);
    assert.equal((await h.stripe.events.list({ type: "refund.failed" })).data.length, 1);
    await assertLedgerMatches(h.stripe);
  });

  it("who bears a refund: no flags the platform, reverse_transfer the coach, both the coach less the fee share", async () => {
    const coach = await verifiedAccount(h);
    const cases: Array<[Omit<Stripe.RefundCreateParams, "charge">, number, number]> = [
      [{}, -10000, 0],
      [{ reverse_transfer: true }, 0, -10000],
      [{ reverse_transfer: true, refund_application_fee: true }, -2000, -8000],
    ];
    for (const [flags, platformDelta, coachDelta] of cases) {
      const sale = await paidCheckout(h, coach.id, 50000, 10000);
      const p0 = await sekBalance(h);
      const c0 = await sekBalance(h, coach.id);
      await h.stripe.refunds.create({ charge: sale.charge.id, amount: 10000, ...flags });
      assert.equal((await sekBalance(h)) - p0, platformDelta, `platform, ${JSON.stringify(flags)}`);
      assert.equal((await sekBalance(h, coach.id)) - c0, coachDelta, `coach, ${JSON.stringify(flags)}`);
    }
  });

  it("an EUR sale to a SEK coach: balance transactions in SEK with exchange_rate; the coach holds SEK", async () => {
    const coach = await verifiedAccount(h);
    await h.control("POST", "/__sandbox/exchange_rates", { from: "eur", to: "sek", rate: 11.2 });
    const cs = await eurSession(h, coach.id, 10000, 1000);
    await h.control("POST", `/__sandbox/checkout/${cs.id}/pay`, { card: "4242424242424242" });
    const session = await h.stripe.checkout.sessions.retrieve(cs.id, { expand: ["payment_intent.latest_charge.balance_transaction"] });
    const charge = (session.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
    assert.equal(charge.currency, "eur");
    assert.equal(charge.amount, 10000);
    const txn = charge.balance_transaction as Stripe.BalanceTransaction;
    assert.equal(txn.currency, "sek");
    assert.equal(txn.amount, 112000);
    assert.equal(txn.exchange_rate, 11.2);
    assert.equal(txn.fee, fee(112000));
    const transfer = await h.stripe.transfers.retrieve(charge.transfer as string, { expand: ["balance_transaction", "destination_payment.balance_transaction"] });
    assert.equal(transfer.currency, "eur");
    assert.equal(transfer.amount, 10000);
    assert.equal((transfer.balance_transaction as Stripe.BalanceTransaction).amount, -112000);
    const py = transfer.destination_payment as Stripe.Charge;
    const pyTxn = py.balance_transaction as Stripe.BalanceTransaction;
    assert.equal(pyTxn.currency, "sek");
    assert.equal(pyTxn.amount, 112000);
    assert.equal(pyTxn.fee, 11200);
    assert.equal(pyTxn.exchange_rate, 11.2);
    const coachBalance = await h.stripe.balance.retrieve({}, { stripeAccount: coach.id });
    assert.deepEqual(coachBalance.pending.map((b) => [b.currency, b.amount]), [["sek", 100800]]);
    assert.equal(await sekBalance(h), 112000 - fee(112000) - 112000 + 11200);
    await h.control("POST", "/__sandbox/clock", { advance_seconds: 8 * 86400 });
    await expectStripeError(h.stripe.payouts.create({ amount: 1000, currency: "eur" }, { stripeAccount: coach.id }), StripeSdk.errors.StripeInvalidRequestError, { param: "currency" });
    assert.equal((await h.stripe.payouts.create({ amount: 100800, currency: "sek" }, { stripeAccount: coach.id })).status, "pending");
    await assertLedgerMatches(h.stripe, coach.id);
  });

  it("later movements on an EUR charge convert at the rate of their day: refund with reversal, dispute", async () => {
    const coach = await verifiedAccount(h);
    await h.control("POST", "/__sandbox/exchange_rates", { from: "eur", to: "sek", rate: 11 });
    const cs = await eurSession(h, coach.id, 10000, 1000);
    await h.control("POST", `/__sandbox/checkout/${cs.id}/pay`, { card: "4242424242424242" });
    const pi = (await h.stripe.checkout.sessions.retrieve(cs.id)).payment_intent as string;
    await h.control("POST", "/__sandbox/exchange_rates", { from: "eur", to: "sek", rate: 12 });
    const p0 = await sekBalance(h);
    const c0 = await sekBalance(h, coach.id);
    const refund = await h.stripe.refunds.create({ payment_intent: pi, amount: 2000, reverse_transfer: true, expand: ["balance_transaction"] });
    assert.equal(refund.currency, "eur");
    assert.equal((refund.balance_transaction as Stripe.BalanceTransaction).amount, -24000);
    assert.equal((refund.balance_transaction as Stripe.BalanceTransaction).exchange_rate, 12);
    assert.equal((await sekBalance(h)) - p0, 0, "the platform's refund and reversal cancel out");
    assert.equal((await sekBalance(h, coach.id)) - c0, -24000, "the coach gives back 20.00 EUR at today's 12.0");
    const charge = (await h.stripe.paymentIntents.retrieve(pi)).latest_charge as string;
    const d = await h.control<Stripe.Dispute>("POST", `/__sandbox/charges/${charge}/dispute`, {});
    assert.equal(d.body.currency, "eur");
    assert.equal(d.body.amount, 8000);
    assert.deepEqual([d.body.balance_transactions[0]?.currency, d.body.balance_transactions[0]?.amount, d.body.balance_transactions[0]?.fee], ["sek", -96000, 25000]);
    await assertLedgerMatches(h.stripe);
    await assertLedgerMatches(h.stripe, coach.id);
  });

  it("events caused by an API call carry its request id and idempotency key; sandbox-driven ones carry null", async () => {
    const res = await h.stripe.customers.create({ email: "r@example.com" }, { idempotencyKey: "req-test-1" });
    const event = (await h.stripe.events.list({ type: "customer.created" })).data[0];
    assert.equal(event?.request?.id, res.lastResponse.requestId);
    assert.match(event?.request?.id ?? "", /^req_/);
    assert.equal(event?.request?.idempotency_key, "req-test-1");
    const coach = await verifiedAccount(h);
    const account = (await h.stripe.events.list({ type: "account.updated" }, { stripeAccount: coach.id })).data[0];
    assert.deepEqual(account?.request, { id: null, idempotency_key: null });
  });

  it("includable fields only when expanded: charge.refunds", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 5000, currency: "sek", confirm: true, payment_method: "pm_card_visa" });
    await h.stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
    const plain = await h.stripe.charges.retrieve(pi.latest_charge as string);
    assert.equal("refunds" in plain, false);
    const expanded = await h.stripe.charges.retrieve(pi.latest_charge as string, { expand: ["refunds"] });
    assert.equal(expanded.refunds?.data.length, 1);
    const refunded = (await h.stripe.events.list({ type: "charge.refunded" })).data[0];
    assert.equal("refunds" in (refunded?.data.object ?? {}), false, "never in an event");
  });
});
