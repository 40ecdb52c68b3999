import type Stripe from "stripe";
import { ApiError, invalid } from "../errors.js";
import { arr, obj, oneOf, validate } from "../form.js";
import { listFields, paginate } from "../list.js";
import { confirmPayment, newPaymentIntent } from "../payments.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import type { Sandbox } from "../sandbox.js";
import { testMethod } from "../cards.js";
import { checkMinimum } from "../minimums.js";
import { getAccount } from "./accounts.js";
import { mergeMetadata } from "./customers.js";

export const transferDataSpec = obj({ "destination!": "id", amount: "amount" });

/** Destination charges need a connected account that can receive transfers. */
export function checkDestination(sb: Sandbox, destination: string, param: string): void {
  const dest = getAccount(sb, destination, param);
  if (dest.capabilities?.transfers !== "active") {
    throw invalid(
      "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
      param,
      "insufficient_capabilities_for_transfer",
    );
  }
}

export function checkFee(amount: number, fee: number | undefined, hasTransfer: boolean, connected: boolean, param: string): void {
  if (fee === undefined) return;
  if (!hasTransfer && !connected) throw invalid("Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).", param);
  if (fee > amount) throw invalid(`The application fee (${fee}) cannot exceed the amount (${amount}).`, param);
}

function create(ctx: Ctx): Stripe.PaymentIntent {
  const p = validate<Stripe.PaymentIntentCreateParams>(ctx.params, {
    "amount!": "amount",
    "currency!": "currency",
    customer: "id",
    description: "string",
    metadata: "metadata",
    application_fee_amount: "nonneg",
    transfer_data: transferDataSpec,
    transfer_group: "string",
    receipt_email: "string",
    statement_descriptor: "string",
    payment_method: "string",
    allowed_payment_method_types: arr(oneOf("card", "sepa_debit")),
    automatic_payment_methods: obj({ "enabled!": "bool", allow_redirects: oneOf("always", "never") }),
    capture_method: oneOf("automatic", "automatic_async"),
    confirm: "bool",
    return_url: "url",
  });
  const { sb, account } = ctx;
  if (p.customer) sb.ref("customers", p.customer, account, "customer", "customer");
  if (p.transfer_data) checkDestination(sb, p.transfer_data.destination, "transfer_data[destination]");
  if (p.transfer_data?.amount !== undefined && p.transfer_data.amount > p.amount) throw invalid("transfer_data[amount] cannot exceed the amount.", "transfer_data[amount]");
  checkFee(p.amount, p.application_fee_amount, p.transfer_data !== undefined, ctx.connected, "application_fee_amount");
  checkMinimum(sb, p.amount, p.currency, "payment_intent");
  if (p.confirm && !p.payment_method) throw invalid("You must provide a payment_method when confirm=true.", "payment_method", "parameter_missing");
  if (p.payment_method) testMethod(p.payment_method);
  const pi = newPaymentIntent(sb, account, {
    amount: p.amount,
    currency: p.currency,
    customer: p.customer ?? null,
    description: p.description ?? null,
    metadata: (p.metadata as Record<string, string> | undefined) ?? {},
    application_fee_amount: p.application_fee_amount ?? null,
    transfer_data: p.transfer_data ? { destination: p.transfer_data.destination, amount: p.transfer_data.amount } : null,
    transfer_group: p.transfer_group ?? null,
    receipt_email: p.receipt_email ?? null,
    statement_descriptor: p.statement_descriptor ?? null,
    allowed_payment_method_types: p.allowed_payment_method_types ?? null,
  });
  if (p.payment_method) {
    pi.payment_method = p.payment_method;
    pi.status = "requires_confirmation";
  }
  if (p.confirm && p.payment_method) confirmPayment(sb, account, pi, p.payment_method, { returnUrl: p.return_url ?? null });
  sb.changed();
  return pi;
}

function confirm(ctx: Ctx): Stripe.PaymentIntent {
  const p = validate<Stripe.PaymentIntentConfirmParams>(ctx.params, { payment_method: "string", return_url: "url", receipt_email: "string" });
  const pi = ctx.sb.get("paymentIntents", ctx.args[0], ctx.account, "payment_intent", "intent");
  if (pi.status === "succeeded" || pi.status === "canceled" || pi.status === "processing") {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "payment_intent_unexpected_state",
      message: `You cannot confirm this PaymentIntent because it has a status of ${pi.status}.`,
      payment_intent: structuredClone(pi),
    });
  }
  const method = p.payment_method ?? (typeof pi.payment_method === "string" ? pi.payment_method : undefined);
  if (!method) throw invalid("You cannot confirm this PaymentIntent because it's missing a payment method.", "payment_method", "payment_intent_unexpected_state");
  testMethod(method);
  if (p.receipt_email !== undefined) pi.receipt_email = p.receipt_email;
  confirmPayment(ctx.sb, ctx.account, pi, method, { returnUrl: p.return_url ?? null });
  return pi;
}

function cancel(ctx: Ctx): Stripe.PaymentIntent {
  const p = validate<Stripe.PaymentIntentCancelParams>(ctx.params, { cancellation_reason: oneOf("duplicate", "fraudulent", "requested_by_customer", "abandoned") });
  const pi = ctx.sb.get("paymentIntents", ctx.args[0], ctx.account, "payment_intent", "intent");
  if (pi.status === "succeeded" || pi.status === "canceled" || pi.status === "processing") {
    throw new ApiError(400, { type: "invalid_request_error", code: "payment_intent_unexpected_state", message: `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.` });
  }
  pi.status = "canceled";
  pi.next_action = null;
  pi.canceled_at = ctx.sb.now();
  pi.cancellation_reason = p.cancellation_reason ?? null;
  ctx.sb.emit("payment_intent.canceled", pi, { account: ctx.account });
  return pi;
}

function retrieve(ctx: Ctx): Stripe.PaymentIntent {
  validate(ctx.params, { client_secret: "string" });
  return ctx.sb.get("paymentIntents", ctx.args[0], ctx.account, "payment_intent", "intent");
}

function update(ctx: Ctx): Stripe.PaymentIntent {
  const p = validate<Omit<Stripe.PaymentIntentUpdateParams, "application_fee_amount"> & { application_fee_amount?: number }>(ctx.params, { amount: "amount", description: "string", metadata: "metadata", receipt_email: "string", payment_method: "string", application_fee_amount: "nonneg" });
  const pi = ctx.sb.get("paymentIntents", ctx.args[0], ctx.account, "payment_intent", "intent");
  if ((p.amount !== undefined || p.payment_method !== undefined) && (pi.status === "succeeded" || pi.status === "canceled")) {
    throw new ApiError(400, { type: "invalid_request_error", code: "payment_intent_unexpected_state", message: `You cannot update this PaymentIntent because it has a status of ${pi.status}.` });
  }
  if (p.payment_method !== undefined) testMethod(p.payment_method);
  const amount = p.amount ?? pi.amount;
  if (p.amount !== undefined) checkMinimum(ctx.sb, amount, pi.currency, "payment_intent");
  checkFee(amount, p.application_fee_amount ?? pi.application_fee_amount ?? undefined, pi.transfer_data !== null && pi.transfer_data !== undefined, ctx.connected, "application_fee_amount");
  pi.amount = amount;
  if (p.application_fee_amount !== undefined) pi.application_fee_amount = p.application_fee_amount;
  if (p.description !== undefined) pi.description = p.description || null;
  if (p.receipt_email !== undefined) pi.receipt_email = p.receipt_email || null;
  if (p.metadata !== undefined) pi.metadata = mergeMetadata(pi.metadata, p.metadata);
  if (p.payment_method !== undefined) {
    pi.payment_method = p.payment_method;
    pi.status = "requires_confirmation";
  }
  ctx.sb.changed();
  return pi;
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.PaymentIntent> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, customer: "string" });
  return paginate(ctx.sb.rows("paymentIntents", ctx.account).filter((x) => p.customer === undefined || x.customer === p.customer), p, "/v1/payment_intents");
}

export const paymentIntentRoutes = [
  route("POST", "/v1/payment_intents", create),
  route("GET", "/v1/payment_intents", list),
  route("GET", "/v1/payment_intents/:id", retrieve),
  route("POST", "/v1/payment_intents/:id", update),
  route("POST", "/v1/payment_intents/:id/confirm", confirm),
  route("POST", "/v1/payment_intents/:id/cancel", cancel),
];
