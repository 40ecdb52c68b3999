import assert from "node:assert/strict";
import type Stripe from "stripe";
import type { Harness } from "./helpers.js";
import { start } from "./helpers.js";

/**
 * payment_behavior=default_incomplete, as the in-app card form subscribes: the subscription
 * waits `incomplete` with an open first invoice whose PaymentIntent's client_secret comes as
 * `latest_invoice.confirmation_secret` (includable, API 2026-10-28); confirming that intent
 * pays the invoice, activates the subscription and keeps the card for renewals.
 */
describe("subscriptions with payment_behavior=default_incomplete", () => {
  let h: Harness;
  let price: Stripe.Price;
  let customer: Stripe.Customer;
  before(async () => {
    h = await start();
    price = await h.stripe.prices.create({ currency: "sek", unit_amount: 9900, recurring: { interval: "month" }, product_data: { name: "Premium" } });
    customer = await h.stripe.customers.create({ email: "p@example.com" });
  });
  after(async () => h.sbx.close());

  async function subscribe(key: string): Promise<{ sub: Stripe.Subscription; invoice: Stripe.Invoice; piId: string }> {
    const sub = await h.stripe.subscriptions.create(
      { customer: customer.id, items: [{ price: price.id }], payment_behavior: "default_incomplete", payment_settings: { save_default_payment_method: "on_subscription" }, metadata: { userId: "u1" }, expand: ["latest_invoice.confirmation_secret"] },
      { idempotencyKey: key },
    );
    const invoice = sub.latest_invoice as Stripe.Invoice;
    const payments = await h.stripe.invoicePayments.list({ invoice: invoice.id });
    const piId = payments.data[0]?.payment.payment_intent;
    assert.ok(typeof piId === "string");
    return { sub, invoice, piId };
  }

  it("starts incomplete with the first invoice's client secret; confirming it pays the invoice and activates, then renews on the saved card", async () => {
    const { sub, invoice, piId } = await subscribe("sub-a");
    assert.equal(sub.status, "incomplete");
    assert.equal(invoice.status, "open");
    assert.equal(invoice.confirmation_secret?.type, "payment_intent");
    const pi = await h.stripe.paymentIntents.retrieve(piId);
    assert.equal(invoice.confirmation_secret?.client_secret, pi.client_secret);
    assert.equal(pi.status, "requires_payment_method");
    assert.equal(pi.amount, 9900);
    // Includable: absent unless asked for.
    assert.equal((await h.stripe.invoices.retrieve(invoice.id)).confirmation_secret, undefined);

    const paid = await h.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa" });
    assert.equal(paid.status, "succeeded");
    assert.equal((await h.stripe.invoices.retrieve(invoice.id)).status, "paid");
    assert.equal((await h.stripe.invoicePayments.list({ invoice: invoice.id })).data[0]?.status, "paid");
    const active = await h.stripe.subscriptions.retrieve(sub.id);
    assert.equal(active.status, "active");

    const events = (await h.stripe.events.list({ limit: 100 })).data;
    const paidEvent = events.find((e) => e.type === "invoice.paid" && (e.data.object as Stripe.Invoice).id === invoice.id);
    assert.ok(paidEvent, "invoice.paid");
    assert.equal("confirmation_secret" in (paidEvent.data.object as object), false, "no includable field in a webhook body");
    const updated = events.find((e) => e.type === "customer.subscription.updated" && (e.data.object as Stripe.Subscription).id === sub.id);
    assert.equal((updated?.data.previous_attributes as { status?: string } | undefined)?.status, "incomplete");

    const end = active.items.data[0]?.current_period_end ?? 0;
    await h.control("POST", "/__sandbox/clock", { to: end + 60 });
    const invoices = await h.stripe.invoices.list({ subscription: sub.id });
    assert.equal(invoices.data.length, 2);
    assert.ok(invoices.data.every((i) => i.status === "paid"), "the renewal is paid with the card the first invoice was paid with");
  });

  it("a declined card leaves it incomplete with invoice.payment_failed; the same intent can be paid again", async () => {
    const { sub, invoice, piId } = await subscribe("sub-b");
    await assert.rejects(h.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_chargeDeclined" }), (e: Stripe.errors.StripeError) => e.type === "StripeCardError");
    assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, "incomplete");
    const failed = (await h.stripe.events.list({ type: "invoice.payment_failed" })).data;
    assert.ok(failed.some((e) => (e.data.object as Stripe.Invoice).id === invoice.id));
    await h.stripe.paymentIntents.confirm(piId, { payment_method: "pm_card_visa" });
    assert.equal((await h.stripe.subscriptions.retrieve(sub.id)).status, "active");
  });

  it("replays the same idempotency key and refuses other payment behaviours", async () => {
    const a = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: "default_incomplete" }, { idempotencyKey: "sub-c" });
    const b = await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], payment_behavior: "default_incomplete" }, { idempotencyKey: "sub-c" });
    assert.equal(a.id, b.id);
    await assert.rejects(h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] }), (e: Stripe.errors.StripeError) => e.type === "StripeInvalidRequestError");
  });
});
