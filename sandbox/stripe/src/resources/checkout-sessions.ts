import type Stripe from "stripe";
import { testMethod } from "../cards.js";
import { checkMinimum } from "../minimums.js";
import { ApiError, invalid } from "../errors.js";
import { arr, obj, oneOf, validate } from "../form.js";
import { newId } from "../ids.js";
import { listFields, paginate } from "../list.js";
import { authenticatePayment, automaticTypes, confirmPayment, newPaymentIntent } from "../payments.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import type { Sandbox } from "../sandbox.js";
import { newCustomer } from "./customers.js";
import { checkDestination, checkFee, transferDataSpec } from "./payment-intents.js";
import { newPrice, recurringSpec } from "./prices.js";
import { createSubscription } from "./subscriptions.js";

const lineItemSpec = obj({
  price: "id",
  price_data: obj({
    "currency!": "currency",
    "unit_amount!": "nonneg",
    product: "id",
    product_data: obj({ "name!": "string", description: "string", metadata: "metadata", images: arr("string") }),
    recurring: recurringSpec,
  }),
  "quantity!": "amount",
});

const createFields = {
  "mode!": oneOf("payment", "subscription"),
  line_items: arr(lineItemSpec),
  success_url: "url",
  cancel_url: "url",
  customer: "id",
  customer_email: "string",
  customer_creation: oneOf("always", "if_required"),
  client_reference_id: "string",
  metadata: "metadata",
  locale: "string",
  expires_at: "int",
  allow_promotion_codes: "bool",
  billing_address_collection: oneOf("auto", "required"),
  submit_type: oneOf("auto", "pay", "book", "donate", "subscribe"),
  payment_intent_data: obj({
    application_fee_amount: "nonneg",
    transfer_data: transferDataSpec,
    transfer_group: "string",
    description: "string",
    metadata: "metadata",
    receipt_email: "string",
    statement_descriptor: "string",
  }),
  subscription_data: obj({ metadata: "metadata", description: "string" }),
} as const;

type CreateParams = Stripe.Checkout.SessionCreateParams & { mode: Stripe.Checkout.Session.Mode };

function create(ctx: Ctx): Stripe.Checkout.Session {
  const p = validate<CreateParams>(ctx.params, createFields);
  const { sb, account } = ctx;
  const items = p.line_items ?? [];
  if (items.length === 0) throw invalid("line_items is required.", "line_items", "parameter_missing");
  if (!p.success_url) throw invalid("Missing required param: success_url.", "success_url", "parameter_missing");
  if (p.customer) sb.ref("customers", p.customer, account, "customer", "customer");
  if (p.mode === "payment" && p.subscription_data) throw invalid("subscription_data can only be used in subscription mode.", "subscription_data");
  if (p.mode === "subscription" && p.payment_intent_data) throw invalid("payment_intent_data can only be used in payment mode.", "payment_intent_data");

  // Resolve every price first so a bad line item changes nothing.
  const resolved = items.map((it, i) => {
    const param = `line_items[${i}]`;
    if (!it.price && !it.price_data) throw invalid(`You must specify either price or price_data in ${param}.`, `${param}[price]`, "parameter_missing");
    if (it.price) {
      const price = sb.ref("prices", it.price, account, "price", `${param}[price]`);
      if (!price.active) throw invalid(`The price specified (${price.id}) is inactive.`, `${param}[price]`);
      return { price, data: null, quantity: it.quantity ?? 1 };
    }
    const data = it.price_data as NonNullable<typeof it.price_data>;
    if (!data.product && !data.product_data) throw invalid("You must specify either product or product_data.", `${param}[price_data][product_data]`, "parameter_missing");
    if (data.product) sb.ref("products", data.product, account, "product", `${param}[price_data][product]`);
    return { price: null, data, quantity: it.quantity ?? 1 };
  });
  const currency = resolved[0]?.price?.currency ?? resolved[0]?.data?.currency ?? "sek";
  resolved.forEach((r, i) => {
    const c = r.price?.currency ?? r.data?.currency;
    if (c !== currency) throw invalid("All line items must use the same currency.", `line_items[${i}]`);
    const recurring = r.price ? r.price.type === "recurring" : r.data?.recurring !== undefined;
    if (p.mode === "payment" && recurring) throw invalid("You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.", `line_items[${i}]`);
    if (p.mode === "subscription" && !recurring) throw invalid("You must provide at least one recurring price in `subscription` mode when using prices.", `line_items[${i}]`);
  });
  const total = resolved.reduce((s, r) => s + (r.price?.unit_amount ?? r.data?.unit_amount ?? 0) * r.quantity, 0);
  if (total <= 0 && p.mode === "payment") throw invalid("The Checkout Session's total amount due must be greater than or equal to 1.", "line_items");
  const pid = p.payment_intent_data;
  if (pid?.transfer_data) checkDestination(sb, pid.transfer_data.destination, "payment_intent_data[transfer_data][destination]");
  checkFee(total, pid?.application_fee_amount, pid?.transfer_data !== undefined, ctx.connected, "payment_intent_data[application_fee_amount]");
  if (p.mode === "payment") checkMinimum(sb, total, currency, "checkout");

  const id = newId("cs_test", 58);
  const lineItems: Stripe.LineItem[] = resolved.map((r) => {
    const price =
      r.price ??
      newPrice(sb, account, {
        currency,
        unit_amount: r.data?.unit_amount,
        product: r.data?.product,
        product_data: r.data?.product_data ? { name: r.data.product_data.name, description: r.data.product_data.description, metadata: r.data.product_data.metadata } : undefined,
        recurring: r.data?.recurring ? { interval: r.data.recurring.interval, interval_count: r.data.recurring.interval_count } : undefined,
      });
    const amount = (price.unit_amount ?? 0) * r.quantity;
    return {
      id: newId("li"),
      object: "item",
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency,
      description: sb.find("products", price.product as string)?.name ?? null,
      metadata: {},
      price,
      quantity: r.quantity,
    };
  });
  const now = sb.now();
  const session: Stripe.Checkout.Session = {
    id,
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: p.allow_promotion_codes ?? null,
    allowed_payment_method_types: null,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: p.billing_address_collection ?? null,
    cancel_url: p.cancel_url ?? null,
    client_reference_id: p.client_reference_id ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now,
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: p.customer ?? null,
    customer_account: null,
    customer_creation: p.customer ? null : p.mode === "subscription" ? "always" : (p.customer_creation ?? "if_required"),
    customer_details: null,
    customer_email: p.customer_email ?? null,
    discounts: [],
    expires_at: p.expires_at ?? now + 24 * 3600,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: (p.locale as Stripe.Checkout.Session.Locale | undefined) ?? null,
    managed_payments: null,
    metadata: (p.metadata as Record<string, string> | undefined) ?? {},
    mode: p.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: p.mode === "subscription" ? "always" : null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: automaticTypes(currency),
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: p.submit_type ?? null,
    subscription: null,
    success_url: p.success_url,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted_page",
    url: `${sb.config.publicUrl}/checkout/${id}`,
    wallet_options: null,
  };
  sb.put("checkoutSessions", session, account);
  sb.state.checkoutLineItems[id] = lineItems;
  // What the payment needs later but the session object does not carry.
  sb.state.checkoutOptions[id] = { payment_intent_data: pid ?? {}, subscription_data: p.subscription_data ?? {} };
  sb.changed();
  return session;
}

/** The buyer finished on the hosted page: the session is complete, paid or (a delayed method) not yet. */
export function completeSession(sb: Sandbox, session: Stripe.Checkout.Session, paid: boolean): void {
  const owner = sb.ownerOf(session.id) ?? sb.platform;
  session.status = "complete";
  session.payment_status = paid ? "paid" : "unpaid";
  sb.emit("checkout.session.completed", session, { account: owner });
  sb.changed();
}

/**
 * Paying on the hosted page: a declined card leaves the session open (the buyer can try
 * again), as on Stripe's page; success completes it and creates what Stripe creates. A 3-D
 * Secure card leaves it open until the challenge is passed (`authenticate`, or
 * /__sandbox/payment_intents/{id}/authenticate); SEPA completes it `unpaid` until the debit settles.
 */
export function payCheckout(sb: Sandbox, id: string, card: string, email?: string, authenticate?: "succeed" | "fail"): Stripe.Checkout.Session {
  const session = sb.find("checkoutSessions", id);
  if (!session) throw new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such checkout.session: '${id}'`, param: "id" });
  const owner = sb.ownerOf(id) ?? sb.platform;
  if (session.status !== "open") throw invalid(`This Checkout Session is ${session.status ?? "not open"} and can no longer be paid.`, "id", "checkout_session_not_open");
  if (session.expires_at <= sb.now()) throw invalid("This Checkout Session has expired.", "id", "checkout_session_expired");
  const tm = testMethod(card, "card");
  const payerEmail = email ?? session.customer_email ?? "buyer@example.com";
  const lineItems = sb.state.checkoutLineItems[id] ?? [];
  session.customer_details = { address: null, business_name: null, email: payerEmail, individual_name: null, name: null, phone: null, tax_exempt: "none", tax_ids: [] };
  if (session.mode === "subscription") {
    if (tm.flow === "declined" || tm.flow === "insufficient_funds") {
      throw new ApiError(402, { type: "card_error", code: "card_declined", decline_code: tm.flow === "insufficient_funds" ? "insufficient_funds" : "generic_decline", message: "Your card was declined." });
    }
    if (tm.flow !== "succeeds") throw invalid("The sandbox pays subscriptions with cards that succeed at once; 3-D Secure and delayed methods are modelled for one-time payments only.", "card");
    const subData = sb.state.checkoutOptions[id]?.subscription_data ?? {};
    const customerId = (session.customer as string | null) ?? newCustomer(sb, owner, { email: payerEmail }).id;
    const { subscription, invoice } = createSubscription(sb, owner, {
      customer: customerId,
      items: lineItems.map((li) => ({ price: li.price as Stripe.Price, quantity: li.quantity ?? 1 })),
      metadata: (subData.metadata as Record<string, string> | undefined) ?? {},
      description: subData.description ?? null,
      card,
    });
    session.customer = customerId;
    session.subscription = subscription.id;
    session.invoice = invoice.id;
    completeSession(sb, session, true);
    return session;
  }
  const pid = sb.state.checkoutOptions[id]?.payment_intent_data ?? {};
  let pi = session.payment_intent ? sb.find("paymentIntents", session.payment_intent as string) : undefined;
  pi ??= newPaymentIntent(sb, owner, {
    amount: session.amount_total ?? 0,
    currency: session.currency ?? "sek",
    customer: (session.customer as string | null) ?? null,
    description: pid.description ?? null,
    metadata: (pid.metadata as Record<string, string> | undefined) ?? {},
    application_fee_amount: pid.application_fee_amount ?? null,
    transfer_data: pid.transfer_data ? { destination: pid.transfer_data.destination, amount: pid.transfer_data.amount } : null,
    transfer_group: pid.transfer_group ?? null,
    receipt_email: pid.receipt_email ?? null,
    statement_descriptor: pid.statement_descriptor ?? null,
  });
  session.payment_intent = pi.id;
  if (session.customer_creation === "always" && !session.customer) {
    session.customer = newCustomer(sb, owner, { email: payerEmail }).id;
    pi.customer = session.customer;
  }
  const result = confirmPayment(sb, owner, pi, card, { returnUrl: session.success_url ?? null });
  if (result.status === "requires_action") {
    sb.changed();
    return authenticate ? authenticateCheckout(sb, pi.id, authenticate) : session;
  }
  completeSession(sb, session, result.status === "succeeded");
  return session;
}

/** The 3-D Secure challenge of a session's payment: passing it completes the session, failing leaves it open. */
export function authenticateCheckout(sb: Sandbox, piId: string, outcome: "succeed" | "fail"): Stripe.Checkout.Session {
  const { pi, charge } = authenticatePayment(sb, piId, outcome);
  const session = Object.values(sb.state.checkoutSessions).find((s) => s.payment_intent === pi.id);
  if (!session) throw new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No Checkout Session pays ${piId}.` });
  if (charge && session.status === "open") completeSession(sb, session, true);
  return session;
}

function retrieve(ctx: Ctx): Stripe.Checkout.Session {
  validate(ctx.params, {});
  return ctx.sb.get("checkoutSessions", ctx.args[0], ctx.account, "checkout.session");
}

function expire(ctx: Ctx): Stripe.Checkout.Session {
  validate(ctx.params, {});
  const s = ctx.sb.get("checkoutSessions", ctx.args[0], ctx.account, "checkout.session");
  if (s.status !== "open") throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status ?? ""}".`, "session");
  s.status = "expired";
  s.url = null;
  ctx.sb.emit("checkout.session.expired", s, { account: ctx.account });
  return s;
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Checkout.Session> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, payment_intent: "string", subscription: "string", customer: "string", status: "string" });
  const rows = ctx.sb
    .rows("checkoutSessions", ctx.account)
    .filter((s) => (p.payment_intent === undefined || s.payment_intent === p.payment_intent) && (p.subscription === undefined || s.subscription === p.subscription) && (p.customer === undefined || s.customer === p.customer) && (p.status === undefined || s.status === p.status));
  return paginate(rows, p, "/v1/checkout/sessions");
}

function lineItems(ctx: Ctx): Stripe.ApiList<Stripe.LineItem> {
  const p = validate<Record<string, unknown>>(ctx.params, listFields);
  const s = ctx.sb.get("checkoutSessions", ctx.args[0], ctx.account, "checkout.session");
  return paginate(ctx.sb.state.checkoutLineItems[s.id] ?? [], p, `/v1/checkout/sessions/${s.id}/line_items`);
}

export const checkoutRoutes = [
  route("POST", "/v1/checkout/sessions", create),
  route("GET", "/v1/checkout/sessions", list),
  route("GET", "/v1/checkout/sessions/:id", retrieve),
  route("GET", "/v1/checkout/sessions/:id/line_items", lineItems),
  route("POST", "/v1/checkout/sessions/:id/expire", expire),
];
