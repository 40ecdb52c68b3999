import assert from "node:assert/strict";
import type Stripe from "stripe";
import type { Harness } from "./helpers.js";
import { paidCheckout, start, verifiedAccount } from "./helpers.js";

describe("object life cycles through the SDK", () => {
  let h: Harness;
  before(async () => {
    h = await start();
  });
  after(async () => h.sbx.close());

  it("customers: create, retrieve, update metadata, list by email", async () => {
    const c = await h.stripe.customers.create({ email: "a@example.com", name: "Ann", metadata: { uid: "u1" } });
    assert.match(c.id, /^cus_/);
    const upd = await h.stripe.customers.update(c.id, { metadata: { tier: "gold" } });
    assert.deepEqual(upd.metadata, { uid: "u1", tier: "gold" });
    assert.equal((await h.stripe.customers.retrieve(c.id)).id, c.id);
    const list = await h.stripe.customers.list({ email: "a@example.com" });
    assert.deepEqual(list.data.map((x) => x.id), [c.id]);
  });

  it("products and prices, one-time and recurring, paginate newest first", async () => {
    const prod = await h.stripe.products.create({ name: "Premium" });
    const monthly = await h.stripe.prices.create({ product: prod.id, currency: "sek", unit_amount: 9900, recurring: { interval: "month" } });
    const once = await h.stripe.prices.create({ product: prod.id, currency: "sek", unit_amount: 49900 });
    assert.equal(monthly.type, "recurring");
    assert.equal(monthly.recurring?.interval, "month");
    assert.equal(once.type, "one_time");
    const page1 = await h.stripe.prices.list({ product: prod.id, limit: 1 });
    assert.equal(page1.data[0]?.id, once.id);
    assert.equal(page1.has_more, true);
    const page2 = await h.stripe.prices.list({ product: prod.id, limit: 1, starting_after: once.id });
    assert.equal(page2.data[0]?.id, monthly.id);
    assert.equal(page2.has_more, false);
  });

  it("connect account: starts restricted, onboarding link and verification enable it", async () => {
    const acct = await h.stripe.accounts.create({ type: "express", country: "SE", email: "coach@example.com", capabilities: { transfers: { requested: true } }, settings: { payouts: { schedule: { interval: "manual" } } } });
    assert.equal(acct.charges_enabled, false);
    assert.equal(acct.payouts_enabled, false);
    assert.ok((acct.requirements?.currently_due ?? []).length > 0);
    assert.equal(acct.settings?.payouts?.schedule.interval, "manual");
    const link = await h.stripe.accountLinks.create({ account: acct.id, type: "account_onboarding", return_url: "http://127.0.0.1/return", refresh_url: "http://127.0.0.1/refresh" });
    assert.ok(link.url.startsWith(`${h.sbx.url}/connect/onboarding/${acct.id}`));
    const page = await fetch(link.url);
    assert.match(await page.text(), /Complete verification/);
    // The onboarding page's button posts here and redirects back to Kassa.
    const form = await fetch(`${h.sbx.url}/connect/onboarding/${acct.id}/complete?return_url=${encodeURIComponent("http://127.0.0.1/return")}`, { method: "POST", redirect: "manual" });
    assert.equal(form.status, 303);
    assert.equal(form.headers.get("location"), "http://127.0.0.1/return");
    const done = await h.stripe.accounts.retrieve(acct.id);
    assert.equal(done.charges_enabled, true);
    assert.equal(done.payouts_enabled, true);
    assert.equal(done.details_submitted, true);
    assert.deepEqual(done.requirements?.currently_due, []);
    assert.equal(done.capabilities?.transfers, "active");
    const events = await h.stripe.events.list({ type: "account.updated" }, { stripeAccount: acct.id });
    assert.equal(events.data[0]?.account, acct.id);
    assert.equal((events.data[0]?.data.object as Stripe.Account).charges_enabled, true);
    const login = await h.stripe.accounts.createLoginLink(acct.id);
    assert.equal(login.url, `${h.sbx.url}/express/${acct.id}`);
    assert.match(await (await fetch(login.url)).text(), /Balance/);
  });

  it("checkout payment mode: hosted page pays, redirects, creates PI, charge, transfer, fee", async () => {
    const acct = await verifiedAccount(h);
    const session = await h.stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "http://127.0.0.1/ok?session={CHECKOUT_SESSION_ID}",
      cancel_url: "http://127.0.0.1/cancel",
      client_reference_id: "order-1",
      metadata: { orderId: "o1" },
      line_items: [{ quantity: 2, price_data: { currency: "sek", unit_amount: 25000, product_data: { name: "Session" } } }],
      payment_intent_data: { application_fee_amount: 10000, transfer_data: { destination: acct.id }, metadata: { orderId: "o1" } },
    });
    assert.equal(session.amount_total, 50000);
    assert.equal(session.url, `${h.sbx.url}/checkout/${session.id}`);
    const html = await (await fetch(session.url)).text();
    assert.match(html, /id="card-number"/);
    assert.match(html, />Pay</);
    assert.match(html, /500\.00 SEK/);
    const declined = await fetch(session.url, { method: "POST", body: new URLSearchParams({ card: "4000 0000 0000 0002" }), redirect: "manual" });
    assert.equal(declined.status, 402);
    assert.match(await declined.text(), /declined/);
    assert.equal((await h.stripe.checkout.sessions.retrieve(session.id)).status, "open");
    const ok = await fetch(session.url, { method: "POST", body: new URLSearchParams({ card: "4242 4242 4242 4242" }), redirect: "manual" });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get("location"), `http://127.0.0.1/ok?session=${session.id}`);
    const done = await h.stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent", "line_items"] });
    assert.equal(done.status, "complete");
    assert.equal(done.payment_status, "paid");
    assert.equal(done.line_items?.data[0]?.quantity, 2);
    const pi = done.payment_intent as Stripe.PaymentIntent;
    assert.equal(pi.status, "succeeded");
    assert.deepEqual(pi.metadata, { orderId: "o1" });
    const charge = await h.stripe.charges.retrieve(pi.latest_charge as string, { expand: ["balance_transaction", "transfer"] });
    const bt = charge.balance_transaction as Stripe.BalanceTransaction;
    assert.equal(bt.fee, Math.round(50000 * 0.015) + 180);
    assert.equal(bt.fee_details[0]?.type, "stripe_fee");
    const transfer = charge.transfer as Stripe.Transfer;
    assert.equal(transfer.destination, acct.id);
    const fee = await h.stripe.applicationFees.retrieve(charge.application_fee as string);
    assert.equal(fee.amount, 10000);
    const types = (await h.stripe.events.list({ limit: 100 })).data.map((e) => e.type);
    for (const t of ["checkout.session.completed", "payment_intent.created", "payment_intent.succeeded", "payment_intent.payment_failed", "charge.succeeded", "transfer.created"]) assert.ok(types.includes(t as Stripe.Event.Type), t);
  });

  it("payment intents: create, confirm with a test card, decline as StripeCardError", async () => {
    const pi = await h.stripe.paymentIntents.create({ amount: 1000, currency: "sek", metadata: { k: "v" } });
    assert.equal(pi.status, "requires_payment_method");
    const confirmed = await h.stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" });
    assert.equal(confirmed.status, "succeeded");
    assert.equal(confirmed.amount_received, 1000);
    const pi2 = await h.stripe.paymentIntents.create({ amount: 1000, currency: "sek" });
    await assert.rejects(h.stripe.paymentIntents.confirm(pi2.id, { payment_method: "pm_card_chargeDeclined" }), (e: Stripe.errors.StripeError) => e.type === "StripeCardError" && e.code === "card_declined" && e.decline_code === "generic_decline");
    assert.equal((await h.stripe.paymentIntents.retrieve(pi2.id)).status, "requires_payment_method");
  });

  it("subscription checkout: customer, subscription, invoice in the 2026-10-28 shape, renewals and cancel at period end", async () => {
    const price = await h.stripe.prices.create({ currency: "sek", unit_amount: 9900, recurring: { interval: "month" }, product_data: { name: "Premium" } });
    const session = await h.stripe.checkout.sessions.create({ mode: "subscription", success_url: "http://127.0.0.1/ok", line_items: [{ price: price.id, quantity: 1 }], subscription_data: { metadata: { uid: "u9" } }, customer_email: "sub@example.com" });
    const paid = await h.control<Stripe.Checkout.Session>("POST", `/__sandbox/checkout/${session.id}/pay`, {});
    assert.equal(paid.status, 200);
    const sub = await h.stripe.subscriptions.retrieve(paid.body.subscription as string);
    assert.equal(sub.status, "active");
    assert.deepEqual(sub.metadata, { uid: "u9" });
    assert.equal(sub.customer, paid.body.customer);
    const inv = await h.stripe.invoices.retrieve(paid.body.invoice as string);
    assert.equal(inv.status, "paid");
    assert.equal(inv.amount_paid, 9900);
    assert.equal(inv.parent?.subscription_details?.subscription, sub.id);
    // Includable: absent unless expanded; the invoice's payments are listed by invoice instead.
    assert.equal("payments" in inv, false);
    const expanded = await h.stripe.invoices.retrieve(inv.id, { expand: ["payments"] });
    assert.equal(expanded.payments?.data[0]?.payment.type, "payment_intent");
    const payments = await h.stripe.invoicePayments.list({ invoice: inv.id });
    assert.equal(payments.data.length, 1);
    assert.equal(payments.data[0]?.status, "paid");
    assert.equal(payments.data[0]?.amount_paid, 9900);
    const pi = await h.stripe.paymentIntents.retrieve(payments.data[0]?.payment.payment_intent as string);
    assert.equal(pi.status, "succeeded");
    assert.equal((await h.stripe.invoicePayments.retrieve(payments.data[0]?.id ?? "")).invoice, inv.id);
    assert.equal("subscription" in inv, false);
    assert.equal("payment_intent" in inv, false);

    const periodEnd = sub.items.data[0]?.current_period_end ?? 0;
    const moved = await h.control<{ renewed_subscriptions: number }>("POST", "/__sandbox/clock", { to: periodEnd + 60 });
    assert.equal(moved.body.renewed_subscriptions, 1);
    const invoices = await h.stripe.invoices.list({ subscription: sub.id });
    assert.equal(invoices.data.length, 2);
    assert.equal(invoices.data[0]?.billing_reason, "subscription_cycle");
    assert.equal(invoices.data[0]?.status, "paid");

    const updated = await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    assert.equal(updated.cancel_at_period_end, true);
    const end = updated.items.data[0]?.current_period_end ?? 0;
    await h.control("POST", "/__sandbox/clock", { to: end + 60 });
    assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, "canceled");
    assert.equal((await h.stripe.invoices.list({ subscription: sub.id })).data.length, 2, "no invoice after cancellation");
    const types = (await h.stripe.events.list({ limit: 100 })).data.map((e) => e.type);
    for (const t of ["customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted", "invoice.paid"]) assert.ok(types.includes(t as Stripe.Event.Type), t);
  });

  it("a declined renewal emits invoice.payment_failed and marks the subscription past_due", async () => {
    const price = await h.stripe.prices.create({ currency: "sek", unit_amount: 5000, recurring: { interval: "week" }, product_data: { name: "Weekly" } });
    const session = await h.stripe.checkout.sessions.create({ mode: "subscription", success_url: "http://127.0.0.1/ok", line_items: [{ price: price.id, quantity: 1 }] });
    const paid = await h.control<Stripe.Checkout.Session>("POST", `/__sandbox/checkout/${session.id}/pay`, {});
    const subId = paid.body.subscription as string;
    await h.control("POST", `/__sandbox/subscriptions/${subId}/card`, { card: "4000000000000002" });
    await h.control("POST", "/__sandbox/clock", { advance_seconds: 8 * 86400 });
    assert.equal((await h.stripe.subscriptions.retrieve(subId)).status, "past_due");
    const failed = await h.stripe.events.list({ type: "invoice.payment_failed" });
    assert.ok(failed.data.some((e) => (e.data.object as Stripe.Invoice).parent?.subscription_details?.subscription === subId));
  });

  it("card 4000000000000259 succeeds and is then disputed", async () => {
    const acct = await verifiedAccount(h);
    const { charge } = await paidCheckout(h, acct.id, 10000, 2000, "4000000000000259");
    assert.equal(charge.status, "succeeded");
    const disputes = await h.stripe.disputes.list({ charge: charge.id });
    assert.equal(disputes.data.length, 1);
    assert.equal(disputes.data[0]?.status, "needs_response");
  });
});
