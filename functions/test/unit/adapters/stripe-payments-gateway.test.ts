/**
 * The Stripe adapter against the Stripe sandbox in-process (itself held to Stripe's published
 * definitions by its conformance suite): what Kassa reads of a destination charge, of a
 * converted one, of refunds and of an invoice's payments.
 */
import assert from "node:assert/strict";
import type Stripe from "stripe";
import { startStripeSandbox, type RunningStripeSandbox } from "../../fakes/stripe-sandbox";
import { stripeClient } from "../../../src/adapters/stripe/stripe-client";
import { StripePaymentsGateway } from "../../../src/adapters/stripe/stripe-payments-gateway";

describe("StripePaymentsGateway against the Stripe sandbox", function () {
  this.timeout(30000);
  let sbx: RunningStripeSandbox;
  let stripe: Stripe;
  let gateway: StripePaymentsGateway;
  let account = "";
  let n = 0;
  const control = async (path: string, body: unknown = {}) => {
    const res = await fetch(`${sbx.url}/__sandbox${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    assert.ok(res.ok, `${path}: ${res.status} ${await res.text()}`);
  };
  const sale = async (amount: number, currency: string, fee: number) => {
    const pi = await stripe.paymentIntents.create(
      {
        amount,
        currency,
        application_fee_amount: fee,
        transfer_data: { destination: account },
        payment_method: "pm_card_visa",
        confirm: true,
        metadata: { kassaKind: "program", coachId: "coach-1" },
      },
      { idempotencyKey: `gw-test-${++n}` },
    );
    return pi.id;
  };

  before(async () => {
    sbx = await startStripeSandbox();
    stripe = stripeClient("sk_test_kassa_sandbox", sbx.url);
    gateway = new StripePaymentsGateway(stripe);
    account = (await stripe.accounts.create({ type: "express", country: "SE" }, { idempotencyKey: "gw-acct" })).id;
    await control(`/accounts/${account}/verify`);
  });
  after(async () => sbx.close());

  it("reads a same-currency destination charge: fee, charge time, transfer, nothing converted", async () => {
    const d = await gateway.getPayment(await sale(49900, "sek", 8733));
    assert.equal(d.status, "succeeded");
    assert.equal(d.applicationFeeAmount, 8733);
    assert.ok(d.stripeFee > 0);
    assert.ok(d.transferId?.startsWith("tr_"));
    assert.ok(d.chargeCreated !== null && d.chargeCreated >= d.created);
    assert.deepEqual(d.settled, { amount: 49900, currency: "sek", exchangeRate: null });
    assert.equal(d.coachSettled, null);
  });

  it("reads a converted EUR charge in the SEK Stripe settled, on both the platform and the coach's account", async () => {
    await control("/exchange_rates", { from: "eur", to: "sek", rate: 11.5 });
    const d = await gateway.getPayment(await sale(4990, "eur", 998));
    assert.equal(d.amount.currency, "eur");
    assert.deepEqual(d.settled, { amount: 57385, currency: "sek", exchangeRate: 11.5 });
    assert.equal(d.coachSettled?.currency, "sek");
    assert.equal(d.coachSettled?.amount, 57385 - Math.round(998 * 11.5));
  });

  it("reads each refund's transfer reversal and the application fee given back", async () => {
    const id = await sale(10000, "sek", 2000);
    await gateway.refund({
      idempotencyKey: "gw-refund-1",
      paymentIntentId: id,
      amount: 5000,
      reason: "requested_by_customer",
      reverseTransfer: true,
      refundApplicationFee: true,
      metadata: {},
    });
    const [r] = await gateway.listRefunds(id);
    assert.equal(r?.status, "succeeded");
    assert.equal(r?.transferReversalAmount, 5000);
    assert.equal(r?.settled?.amount, 5000);
    assert.equal((await gateway.getPayment(id)).applicationFeeRefunded, 1000);
  });

  it("finds the PaymentIntent that paid an invoice through /v1/invoice_payments", async () => {
    const customer = await stripe.customers.create({}, { idempotencyKey: "gw-cus" });
    const product = await stripe.products.create({ name: "Premium" }, { idempotencyKey: "gw-prod" });
    const price = await stripe.prices.create(
      { product: product.id, unit_amount: 9900, currency: "sek", recurring: { interval: "month" } },
      { idempotencyKey: "gw-price" },
    );
    const session = await stripe.checkout.sessions.create(
      {
        mode: "subscription",
        customer: customer.id,
        line_items: [{ price: price.id, quantity: 1 }],
        success_url: "http://localhost/ok",
        cancel_url: "http://localhost/no",
      },
      { idempotencyKey: "gw-cs" },
    );
    await control(`/checkout/${session.id}/pay`, { card: "4242424242424242" });
    const invoices = await stripe.invoices.list({ customer: customer.id });
    const invoice = invoices.data[0]!;
    assert.equal("payments" in invoice && invoice.payments !== undefined, false, "includable: absent");
    const payments = await gateway.listInvoicePayments(invoice.id!);
    const paid = payments.find((p) => p.status === "paid");
    assert.ok(paid?.paymentIntentId?.startsWith("pi_"));
    const d = await gateway.getPayment(paid!.paymentIntentId!);
    assert.equal(d.status, "succeeded");
    assert.equal(d.transferId, null, "a subscription's charge is no destination charge");
  });
});
