import assert from "node:assert/strict";
import type Stripe from "stripe";
import type { Harness } from "../helpers.js";
import { KEY, paidCheckout, verifiedAccount } from "../helpers.js";

const day = 86400;
const ok = "http://127.0.0.1/ok";

/** Runs a call that must fail; its error answer is recorded and validated like any other. */
async function failing(p: Promise<unknown>): Promise<void> {
  await p.then(
    () => assert.fail("expected the call to fail"),
    () => undefined,
  );
}

/**
 * One pass over every /v1 endpoint the sandbox serves (Kassa's calls and its tests' among
 * them), through the real SDK, in the states Kassa meets: destination charges with fees,
 * partial refunds with reversals, disputes, subscriptions with renewals, payouts, errors.
 */
export async function driveEverything(h: Harness, hookUrl: string): Promise<void> {
  const s = h.stripe;
  const ctl = h.control;

  // Webhook endpoints: the stack registers a platform and a Connect endpoint at start.
  const platformHook = await s.webhookEndpoints.create({ url: hookUrl, enabled_events: ["*"] });
  await s.webhookEndpoints.create({ url: hookUrl, enabled_events: ["*"], connect: true });
  await s.webhookEndpoints.list();
  await s.webhookEndpoints.retrieve(platformHook.id);
  const spare = await s.webhookEndpoints.create({ url: hookUrl, enabled_events: ["customer.created"], description: "spare" });
  await s.webhookEndpoints.update(spare.id, { description: "to delete" });
  await s.webhookEndpoints.del(spare.id);

  // Connected accounts.
  const coach = await verifiedAccount(h);
  const fresh = await s.accounts.create({ type: "express", country: "SE", email: "new@example.com", capabilities: { transfers: { requested: true } }, settings: { payouts: { schedule: { interval: "manual" } } } });
  await s.accounts.update(fresh.id, { metadata: { uid: "u2" } });
  await s.accounts.list({ limit: 3 });
  await s.accounts.retrieveCurrent();
  await s.accounts.retrieve(coach.id);
  await s.accountLinks.create({ account: fresh.id, type: "account_onboarding", return_url: ok, refresh_url: ok });
  await s.accounts.createLoginLink(coach.id);
  await s.accounts.del(fresh.id);

  // Catalogue and customers.
  const customer = await s.customers.create({ email: "buyer@example.com", name: "Bea", metadata: { uid: "b1" } });
  await s.customers.update(customer.id, { metadata: { tier: "gold" } });
  await s.customers.retrieve(customer.id);
  await s.customers.list({ email: "buyer@example.com" });
  const product = await s.products.create({ name: "Coaching", metadata: { program: "p1" } });
  await s.products.update(product.id, { description: "Ten sessions" });
  await s.products.retrieve(product.id);
  await s.products.list({ limit: 2 });
  const oneTime = await s.prices.create({ product: product.id, currency: "sek", unit_amount: 50000 });
  const monthly = await s.prices.create({ product: product.id, currency: "sek", unit_amount: 9900, recurring: { interval: "month" } });
  await s.prices.update(oneTime.id, { metadata: { kind: "one-time" } });
  await s.prices.retrieve(monthly.id);
  await s.prices.list({ product: product.id });

  // A destination-charge Checkout, paid on the hosted page, read back with expansions.
  const sale = await paidCheckout(h, coach.id, 50000, 10000);
  await s.checkout.sessions.retrieve(sale.session.id);
  await s.checkout.sessions.retrieve(sale.session.id, { expand: ["line_items", "payment_intent.latest_charge.balance_transaction"] });
  await s.checkout.sessions.listLineItems(sale.session.id);
  await s.checkout.sessions.list({ payment_intent: sale.pi.id });
  const abandoned = await s.checkout.sessions.create({ mode: "payment", success_url: ok, line_items: [{ price: oneTime.id, quantity: 1 }], payment_intent_data: { application_fee_amount: 5000, transfer_data: { destination: coach.id } } });
  await s.checkout.sessions.expire(abandoned.id);

  // PaymentIntents for a card form.
  const pi = await s.paymentIntents.create({ amount: 20000, currency: "sek", customer: customer.id, application_fee_amount: 4000, transfer_data: { destination: coach.id }, metadata: { order: "o1" } });
  await s.paymentIntents.update(pi.id, { description: "Card form sale" });
  const confirmed = await s.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" });
  await s.paymentIntents.retrieve(pi.id, { expand: ["latest_charge"] });
  await s.paymentIntents.list({ customer: customer.id });
  const dropped = await s.paymentIntents.create({ amount: 20000, currency: "sek" });
  await s.paymentIntents.cancel(dropped.id, { cancellation_reason: "abandoned" });
  const declined = await s.paymentIntents.create({ amount: 20000, currency: "sek" });
  await failing(s.paymentIntents.confirm(declined.id, { payment_method: "pm_card_chargeDeclined" }));

  // Charges, refunds (partial with reversal and fee refund), application fees.
  const chargeId = confirmed.latest_charge as string;
  await s.charges.retrieve(chargeId);
  await s.charges.retrieve(chargeId, { expand: ["refunds", "balance_transaction", "transfer"] });
  await s.charges.update(chargeId, { metadata: { booked: "yes" } });
  await s.charges.list({ payment_intent: pi.id });
  const refund = await s.refunds.create({ payment_intent: pi.id, amount: 5000, reverse_transfer: true, refund_application_fee: true, metadata: { reason: "partial" } });
  await s.refunds.update(refund.id, { metadata: { note: "n" } });
  await s.refunds.retrieve(refund.id);
  await s.refunds.list({ payment_intent: pi.id });
  await s.refunds.create({ charge: sale.charge.id, amount: 2000 });
  const fees = await s.applicationFees.list({ charge: chargeId });
  const fee = fees.data[0];
  assert.ok(fee, "an application fee for the card-form sale");
  await s.applicationFees.retrieve(fee.id);
  const feeRefunds = await s.applicationFees.listRefunds(fee.id);
  const feeRefund = feeRefunds.data[0];
  assert.ok(feeRefund, "the partial refund returned part of the fee");
  await s.applicationFees.retrieveRefund(fee.id, feeRefund.id);

  // Refunds that settle later: pending first (7726), or succeeded then failed (5126).
  const slowRefundSale = await paidCheckout(h, coach.id, 30000, 6000, "4000000000007726");
  const pending = await s.refunds.create({ charge: slowRefundSale.charge.id, amount: 10000, reverse_transfer: true });
  assert.equal(pending.status, "pending");
  await ctl("POST", `/__sandbox/refunds/${pending.id}/settle`);
  const failingRefundSale = await paidCheckout(h, coach.id, 30000, 6000, "4000000000005126");
  const doomed = await s.refunds.create({ charge: failingRefundSale.charge.id });
  await ctl("POST", `/__sandbox/refunds/${doomed.id}/settle`);
  await s.refunds.retrieve(doomed.id, { expand: ["failure_balance_transaction"] });

  // An EUR sale to a SEK coach: converted balance transactions with exchange_rate.
  await ctl("POST", "/__sandbox/exchange_rates", { from: "eur", to: "sek", rate: 11.2 });
  const eurSession = await s.checkout.sessions.create({ mode: "payment", success_url: ok, line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 5000, product_data: { name: "Coaching (EUR)" } } }], payment_intent_data: { application_fee_amount: 1000, transfer_data: { destination: coach.id } } });
  await ctl("POST", `/__sandbox/checkout/${eurSession.id}/pay`, { card: "4242424242424242" });

  // Delayed payment methods: SEPA Direct Debit that settles, and one that fails.
  for (const iban of ["DE89370400440532013000", "DE62370400440532013001"]) {
    const cs = await s.checkout.sessions.create({ mode: "payment", success_url: ok, line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 3000, product_data: { name: "SEPA" } } }], payment_intent_data: { application_fee_amount: 600, transfer_data: { destination: coach.id } } });
    const paidAsync = await ctl<Stripe.Checkout.Session>("POST", `/__sandbox/checkout/${cs.id}/pay`, { card: iban });
    assert.equal(paidAsync.body.payment_status, "unpaid");
    await s.paymentIntents.retrieve(paidAsync.body.payment_intent as string);
    await ctl("POST", `/__sandbox/payment_intents/${String(paidAsync.body.payment_intent)}/settle`);
    await s.checkout.sessions.retrieve(cs.id);
  }

  // 3-D Secure: a card form that needs authentication, and a Checkout whose challenge fails then passes.
  const sca = await s.paymentIntents.create({ amount: 20000, currency: "sek", confirm: true, payment_method: "pm_card_authenticationRequired", return_url: ok });
  assert.equal(sca.status, "requires_action");
  await ctl("POST", `/__sandbox/payment_intents/${sca.id}/authenticate`, { outcome: "succeed" });
  const scaSession = await s.checkout.sessions.create({ mode: "payment", success_url: ok, line_items: [{ price: oneTime.id, quantity: 1 }], payment_intent_data: { application_fee_amount: 5000, transfer_data: { destination: coach.id } } });
  const challenged = await ctl<Stripe.Checkout.Session>("POST", `/__sandbox/checkout/${scaSession.id}/pay`, { card: "4000002760003184" });
  await ctl("POST", `/__sandbox/payment_intents/${String(challenged.body.payment_intent)}/authenticate`, { outcome: "fail" });
  await s.paymentIntents.confirm(challenged.body.payment_intent as string, { payment_method: "pm_card_authenticationRequired" });
  await ctl("POST", `/__sandbox/payment_intents/${String(challenged.body.payment_intent)}/authenticate`, { outcome: "succeed" });
  await s.checkout.sessions.retrieve(scaSession.id);

  // Time passes: charges become available, payouts and transfers draw on them.
  await ctl("POST", "/__sandbox/clock", { advance_seconds: 8 * day });
  const transfer = await s.transfers.create({ amount: 1000, currency: "sek", destination: coach.id, description: "Bonus", metadata: { kind: "bonus" } });
  await s.transfers.update(transfer.id, { metadata: { kind: "bonus", ok: "1" } });
  await s.transfers.retrieve(transfer.id);
  await s.transfers.list({ destination: coach.id });
  const reversal = await s.transfers.createReversal(transfer.id, { amount: 400, metadata: { why: "correction" } });
  await s.transfers.listReversals(transfer.id);
  await s.transfers.retrieveReversal(transfer.id, reversal.id);
  await s.transfers.retrieve(sale.charge.transfer as string, { expand: ["destination_payment"] }).catch(() => s.transfers.retrieve(sale.charge.transfer as string));

  const payout = await s.payouts.create({ amount: 10000, currency: "sek", metadata: { run: "r1" } }, { stripeAccount: coach.id });
  await s.payouts.update(payout.id, { metadata: { run: "r1", n: "1" } }, { stripeAccount: coach.id });
  await s.payouts.retrieve(payout.id, {}, { stripeAccount: coach.id });
  await s.payouts.list({ limit: 10 }, { stripeAccount: coach.id });
  await ctl("POST", `/__sandbox/payouts/${payout.id}/in_transit`);
  await ctl("POST", `/__sandbox/payouts/${payout.id}/paid`);
  const changedMind = await s.payouts.create({ amount: 2000, currency: "sek" }, { stripeAccount: coach.id });
  await s.payouts.cancel(changedMind.id, {}, { stripeAccount: coach.id });
  const bouncing = await s.payouts.create({ amount: 5000, currency: "sek" }, { stripeAccount: coach.id });
  await ctl("POST", `/__sandbox/payouts/${bouncing.id}/failed`, { failure_code: "account_closed" });
  const platformPayout = await s.payouts.create({ amount: 1000, currency: "sek" });
  await ctl("POST", `/__sandbox/payouts/${platformPayout.id}/paid`);

  // Balances and their transactions, for reconciliation.
  await s.balance.retrieve();
  await s.balance.retrieve({}, { stripeAccount: coach.id });
  const since = (await ctl<{ now: number }>("GET", "/__sandbox/clock")).body.now - 30 * day;
  const txns = await s.balanceTransactions.list({ limit: 100, created: { gte: since } });
  await s.balanceTransactions.list({ limit: 5 }, { stripeAccount: coach.id });
  const txn = txns.data[0];
  assert.ok(txn);
  await s.balanceTransactions.retrieve(txn.id);
  // The legacy /v1/balance/history aliases, which the SDK no longer calls.
  const auth = { authorization: `Bearer ${KEY}` };
  assert.equal((await fetch(`${h.sbx.url}/v1/balance/history?limit=3`, { headers: auth })).status, 200);
  assert.equal((await fetch(`${h.sbx.url}/v1/balance/history/${txn.id}`, { headers: auth })).status, 200);

  // Disputes: a charge with the dispute test card, evidence, closing.
  const disputed = await paidCheckout(h, coach.id, 30000, 6000, "4000000000000259");
  const disputes = await s.disputes.list({ charge: disputed.charge.id });
  const dispute = disputes.data[0];
  assert.ok(dispute, "a dispute for the 0259 card");
  await s.disputes.retrieve(dispute.id);
  await s.disputes.update(dispute.id, { evidence: { uncategorized_text: "Delivered as agreed" }, submit: true });
  await s.disputes.close(dispute.id);
  // An inquiry (no money moves) that is answered, and a dispute after a partial refund, won.
  const asked = await paidCheckout(h, coach.id, 30000, 6000, "4000000000001976");
  const inquiry = (await s.disputes.list({ charge: asked.charge.id })).data[0];
  assert.equal(inquiry?.status, "warning_needs_response");
  await s.disputes.update(inquiry.id, { evidence: { product_description: "Coaching sessions" }, submit: true });
  await ctl("POST", `/__sandbox/disputes/${inquiry.id}/close`, { outcome: "won" });
  const partly = await paidCheckout(h, coach.id, 30000, 6000);
  await s.refunds.create({ charge: partly.charge.id, amount: 10000, reverse_transfer: true, refund_application_fee: true });
  const late = await ctl<Stripe.Dispute>("POST", `/__sandbox/charges/${partly.charge.id}/dispute`, {});
  assert.equal(late.body.amount, 20000, "the dispute is for what was not refunded");
  await failing(s.refunds.create({ charge: partly.charge.id }));
  await ctl("POST", `/__sandbox/disputes/${late.body.id}/close`, { outcome: "won" });
  await s.disputes.retrieve(late.body.id, { expand: ["charge"] });

  // Subscriptions: checkout, renewal on the test clock, invoices and their payments, cancel.
  const subSession = await s.checkout.sessions.create({ mode: "subscription", success_url: ok, line_items: [{ price: monthly.id, quantity: 1 }], subscription_data: { metadata: { uid: "b1" } }, customer: customer.id });
  const paidSub = await ctl<Stripe.Checkout.Session>("POST", `/__sandbox/checkout/${subSession.id}/pay`, {});
  const subId = paidSub.body.subscription as string;
  const sub = await s.subscriptions.retrieve(subId);
  await s.subscriptions.list({ customer: customer.id });
  await ctl("POST", "/__sandbox/clock", { to: (sub.items.data[0]?.current_period_end ?? 0) + 60 });
  await s.subscriptions.update(subId, { cancel_at_period_end: true });
  const invoices = await s.invoices.list({ subscription: subId });
  const invoice = invoices.data[0];
  assert.ok(invoice);
  await s.invoices.retrieve(invoice.id);
  await s.invoices.retrieve(invoice.id, { expand: ["payments"] });
  await s.invoices.listLineItems(invoice.id);
  const payments = await s.invoicePayments.list({ invoice: invoice.id });
  const payment = payments.data[0];
  assert.ok(payment);
  await s.invoicePayments.retrieve(payment.id);
  await s.subscriptions.cancel(subId);
  // The in-app card form's subscription: default_incomplete, paid by confirming its first invoice's intent.
  const incomplete = await s.subscriptions.create({ customer: customer.id, items: [{ price: monthly.id }], payment_behavior: "default_incomplete", payment_settings: { save_default_payment_method: "on_subscription" }, metadata: { uid: "b1" }, expand: ["latest_invoice.confirmation_secret"] });
  const firstInvoice = incomplete.latest_invoice as Stripe.Invoice;
  const firstIntent = (await s.invoicePayments.list({ invoice: firstInvoice.id })).data[0]?.payment.payment_intent;
  assert.ok(typeof firstIntent === "string");
  await s.paymentIntents.confirm(firstIntent, { payment_method: "pm_card_visa" });
  await s.subscriptions.cancel(incomplete.id);

  // Events, as Kassa's reconciliation reads them back.
  const events = await s.events.list({ limit: 100 });
  const first = events.data[0];
  assert.ok(first);
  await s.events.retrieve(first.id);
  await s.events.list({ limit: 100 }, { stripeAccount: coach.id });

  // Error answers: unknown parameter, unknown object, card error, idempotency mismatch.
  await failing(s.customers.create({ email: "x@example.com", nickname: "x" } as Stripe.CustomerCreateParams));
  await failing(s.customers.retrieve("cus_doesnotexist"));
  await failing(s.paymentIntents.create({ amount: 1000, currency: "sek", customer: "cus_doesnotexist" }));
  await failing(s.payouts.create({ amount: 100_000_000, currency: "sek" }, { stripeAccount: coach.id }));
  await failing(s.balanceTransactions.list({ payout: payout.id }, { stripeAccount: coach.id }));
  await failing(s.paymentIntents.create({ amount: 299, currency: "sek" }));
  await s.customers.create({ email: "i@example.com" }, { idempotencyKey: "conformance-key" });
  await failing(s.customers.create({ email: "other@example.com" }, { idempotencyKey: "conformance-key" }));

  assert.ok(await h.sbx.server.webhooks.idle(), "every webhook delivered");
}
