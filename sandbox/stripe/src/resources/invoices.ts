import type Stripe from "stripe";
import { CardDeclined, confirmPayment, newPaymentIntent, onPaymentFailed, onPaymentSucceeded } from "../payments.js";
import { obj, oneOf, validate } from "../form.js";
import { newId } from "../ids.js";
import { createdFilter, inCreated, listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import type { Sandbox } from "../sandbox.js";

function line(sb: Sandbox, invoiceId: string, sub: Stripe.Subscription, item: Stripe.SubscriptionItem, start: number, end: number): Stripe.InvoiceLineItem {
  const amount = (item.price.unit_amount ?? 0) * (item.quantity ?? 1);
  return {
    id: newId("il"),
    object: "line_item",
    amount,
    currency: item.price.currency,
    description: `${item.quantity ?? 1} × ${sb.find("products", item.price.product as string)?.name ?? "Subscription"}`,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: {},
    parent: {
      invoice_item_details: null,
      subscription_item_details: { invoice_item: null, proration: false, proration_details: { credited_items: null }, subscription: sub.id, subscription_item: item.id },
      type: "subscription_item_details",
    },
    period: { end, start },
    pretax_credit_amounts: [],
    pricing: { price_details: { price: item.price.id, product: item.price.product as string }, type: "price_details", unit_amount_decimal: null },
    quantity: item.quantity ?? 1,
    quantity_decimal: null,
    subscription: sub.id,
    subtotal: amount,
    taxes: [],
  };
}

/**
 * One billing period: a finalized invoice paid by a PaymentIntent with the subscription's
 * card. API 2026-10-28 shape: the subscription is under `parent.subscription_details` and
 * the payment under `payments`, not top-level `subscription` / `payment_intent`.
 */
export function billPeriod(sb: Sandbox, owner: string, sub: Stripe.Subscription, start: number, end: number, reason: Stripe.Invoice.BillingReason, opts: { defaultIncomplete?: boolean } = {}): Stripe.Invoice {
  const now = sb.now();
  const id = newId("in");
  const customer = sb.find("customers", sub.customer as string);
  const lines = sub.items.data.map((it) => line(sb, id, sub, it, start, end));
  const total = lines.reduce((s, l) => s + l.amount, 0);
  const seq = (sb.state.invoiceSeq[customer?.id ?? ""] ?? 0) + 1;
  sb.state.invoiceSeq[customer?.id ?? ""] = seq;
  const invoice: Stripe.Invoice = {
    id,
    object: "invoice",
    account_country: "SE",
    account_name: "Kassa",
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: reason,
    collection_method: "charge_automatically",
    created: now,
    currency: sub.currency,
    custom_fields: null,
    customer: sub.customer,
    customer_account: null,
    customer_address: null,
    customer_email: customer?.email ?? null,
    customer_name: customer?.name ?? null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: now,
    ending_balance: 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: `${sb.config.publicUrl}/invoices/${id}`,
    invoice_pdf: null,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: "list", data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: `${customer?.invoice_prefix ?? "SBX"}-${String(seq).padStart(4, "0")}`,
    on_behalf_of: null,
    parent: { quote_details: null, subscription_details: { metadata: { ...sub.metadata }, subscription: sub.id }, type: "subscription_details" },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    payments: { object: "list", data: [], has_more: false, url: `/v1/invoice_payments?invoice=${id}` },
    period_end: end,
    period_start: start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "open",
    status_transitions: { finalized_at: now, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: now,
  };
  sb.put("invoices", invoice, owner);
  sub.latest_invoice = id;
  sb.emit("invoice.created", invoice, { account: owner });
  sb.emit("invoice.finalized", invoice, { account: owner });
  const pi = newPaymentIntent(sb, owner, { amount: total, currency: sub.currency, customer: sub.customer as string, description: reason === "subscription_create" ? "Subscription creation" : "Subscription update", metadata: {} });
  const payment: Stripe.InvoicePayment = {
    id: newId("inpay"),
    object: "invoice_payment",
    amount_paid: null,
    amount_requested: total,
    created: now,
    currency: sub.currency,
    invoice: id,
    is_default: true,
    livemode: false,
    payment: { payment_intent: pi.id, type: "payment_intent" },
    status: "open",
    status_transitions: { canceled_at: null, paid_at: null },
  };
  invoice.payments?.data.push(payment);
  sb.put("invoicePayments", payment, owner);
  if (opts.defaultIncomplete) {
    // payment_behavior=default_incomplete: the first invoice waits for the customer to confirm
    // its PaymentIntent client-side; `confirmation_secret` (includable, API 2025-03-31+) carries
    // that PaymentIntent's client_secret. Paid by paidByConfirmation() below.
    invoice.confirmation_secret = { client_secret: pi.client_secret ?? "", type: "payment_intent" };
    sb.changed();
    return invoice;
  }
  invoice.attempted = true;
  invoice.attempt_count = 1;
  const card = sb.state.cards[sub.id]?.card ?? "4242424242424242";
  try {
    const result = confirmPayment(sb, owner, pi, card);
    if (result.status !== "succeeded") throw new Error(`invoice ${id}: renewals are paid by cards that settle at once, not ${result.status}`);
  } catch (err) {
    if (!(err instanceof CardDeclined)) throw err;
    invoice.next_payment_attempt = now + 3 * 86400;
    const previous = { status: sub.status };
    sub.status = "past_due";
    sb.emit("invoice.payment_failed", invoice, { account: owner });
    sb.emit("customer.subscription.updated", sub, { account: owner, previous });
    return invoice;
  }
  markPaid(sb, owner, sub, invoice, payment);
  return invoice;
}

/** The invoice is paid by its payment: invoice_payment.paid, the subscription active again, invoice.paid. */
function markPaid(sb: Sandbox, owner: string, sub: Stripe.Subscription, invoice: Stripe.Invoice, payment: Stripe.InvoicePayment): void {
  const now = sb.now();
  const total = invoice.amount_due;
  payment.status = "paid";
  payment.amount_paid = total;
  payment.status_transitions.paid_at = now;
  sb.emit("invoice_payment.paid", payment, { account: owner });
  invoice.status = "paid";
  invoice.attempted = true;
  invoice.attempt_count = Math.max(1, invoice.attempt_count);
  invoice.amount_paid = total;
  invoice.amount_remaining = 0;
  invoice.status_transitions.paid_at = now;
  // Stripe sends invoice.paid before the subscription's move to active.
  sb.emit("invoice.paid", invoice, { account: owner });
  sb.emit("invoice.payment_succeeded", invoice, { account: owner });
  if (sub.status === "past_due" || sub.status === "incomplete") {
    const previous = { status: sub.status };
    sub.status = "active";
    sb.emit("customer.subscription.updated", sub, { account: owner, previous });
  }
  sb.changed();
}

/** The open invoice payment a PaymentIntent belongs to, with its invoice and subscription. */
function openInvoiceOf(sb: Sandbox, owner: string, piId: string) {
  const payment = sb.rows("invoicePayments", owner).find((x) => x.status === "open" && x.payment.payment_intent === piId);
  const invoice = payment ? sb.find("invoices", payment.invoice as string) : undefined;
  const subId = invoice?.parent?.subscription_details?.subscription;
  const sub = typeof subId === "string" ? sb.find("subscriptions", subId) : undefined;
  return payment && invoice && sub ? { payment, invoice, sub } : null;
}

/**
 * A default_incomplete subscription's first invoice, paid when the customer confirms its
 * PaymentIntent (Stripe.js or POST /v1/payment_intents/:id/confirm): the card is kept for
 * renewals (save_default_payment_method=on_subscription) and the subscription becomes active.
 * Renewals confirm their own intents inside billPeriod and are not touched here.
 */
onPaymentSucceeded((sb, owner, pi) => {
  const found = openInvoiceOf(sb, owner, pi.id);
  if (!found || found.sub.status !== "incomplete") return;
  const card = sb.state.cards[pi.id];
  if (card) sb.state.cards[found.sub.id] = card;
  if (typeof pi.payment_method === "string") found.sub.default_payment_method = pi.payment_method;
  markPaid(sb, owner, found.sub, found.invoice, found.payment);
});

/** Stripe tells the customer's integration about a failed first payment with invoice.payment_failed too. */
onPaymentFailed((sb, owner, pi) => {
  const found = openInvoiceOf(sb, owner, pi.id);
  if (!found || found.sub.status !== "incomplete") return;
  found.invoice.attempted = true;
  found.invoice.attempt_count += 1;
  sb.emit("invoice.payment_failed", found.invoice, { account: owner });
});

function retrieve(ctx: Ctx): Stripe.Invoice {
  validate(ctx.params, {});
  return ctx.sb.get("invoices", ctx.args[0], ctx.account, "invoice");
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Invoice> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, customer: "string", subscription: "string", status: "string" });
  const rows = ctx.sb
    .rows("invoices", ctx.account)
    .filter((i) => (p.customer === undefined || i.customer === p.customer) && (p.subscription === undefined || i.parent?.subscription_details?.subscription === p.subscription) && (p.status === undefined || i.status === p.status));
  return paginate(rows, p, "/v1/invoices");
}

function lines(ctx: Ctx): Stripe.ApiList<Stripe.InvoiceLineItem> {
  const p = validate<Record<string, unknown>>(ctx.params, listFields);
  const inv = ctx.sb.get("invoices", ctx.args[0], ctx.account, "invoice");
  return paginate(inv.lines.data, p, `/v1/invoices/${inv.id}/lines`);
}

function listPayments(ctx: Ctx): Stripe.ApiList<Stripe.InvoicePayment> {
  const p = validate<Stripe.InvoicePaymentListParams>(ctx.params, {
    ...listFields,
    invoice: "id",
    status: oneOf("canceled", "open", "paid"),
    payment: obj({ "type!": oneOf("payment_intent", "payment_record"), payment_intent: "id", payment_record: "id" }),
    created: createdFilter,
  });
  if (p.invoice) ctx.sb.ref("invoices", p.invoice, ctx.account, "invoice", "invoice");
  const rows = ctx.sb
    .rows("invoicePayments", ctx.account)
    .filter(
      (x) =>
        (p.invoice === undefined || x.invoice === p.invoice) &&
        (p.status === undefined || x.status === p.status) &&
        (p.payment?.payment_intent === undefined || x.payment.payment_intent === p.payment.payment_intent) &&
        (p.payment?.type === undefined || x.payment.type === p.payment.type) &&
        inCreated(x.created, p.created),
    );
  return paginate(rows, p as Record<string, unknown>, "/v1/invoice_payments");
}

function retrievePayment(ctx: Ctx): Stripe.InvoicePayment {
  validate(ctx.params, {});
  return ctx.sb.get("invoicePayments", ctx.args[0], ctx.account, "invoice payment");
}

export const invoiceRoutes = [
  route("GET", "/v1/invoices", list),
  route("GET", "/v1/invoices/:id", retrieve),
  route("GET", "/v1/invoices/:id/lines", lines),
  route("GET", "/v1/invoice_payments", listPayments),
  route("GET", "/v1/invoice_payments/:id", retrievePayment),
];
