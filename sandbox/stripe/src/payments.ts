import type Stripe from "stripe";
import { addTxn } from "./balance.js";
import type { TestMethod } from "./cards.js";
import { paymentMethodId, testMethod } from "./cards.js";
import { ApiError, invalid } from "./errors.js";
import { withoutIncludables } from "./includable.js";
import { newId } from "./ids.js";
import { openDispute } from "./resources/disputes.js";
import type { Sandbox } from "./sandbox.js";

export interface PaymentIntentInput {
  amount: number;
  currency: string;
  customer?: string | null;
  description?: string | null;
  metadata?: Stripe.Metadata;
  application_fee_amount?: number | null;
  transfer_data?: { destination: string; amount?: number } | null;
  transfer_group?: string | null;
  receipt_email?: string | null;
  statement_descriptor?: string | null;
  /** Restricts the methods offered (`allowed_payment_method_types`); automatic payment methods stay on. */
  allowed_payment_method_types?: string[] | null;
}

/** What automatic payment methods offer per currency in the sandbox: cards, and SEPA Direct Debit for EUR. */
export const automaticTypes = (currency: string): string[] => (currency === "eur" ? ["card", "sepa_debit"] : ["card"]);

export function newPaymentIntent(sb: Sandbox, owner: string, p: PaymentIntentInput): Stripe.PaymentIntent {
  const id = newId("pi");
  const pi: Stripe.PaymentIntent = {
    id,
    object: "payment_intent",
    allowed_payment_method_types: p.allowed_payment_method_types ?? null,
    amount: p.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: p.application_fee_amount ?? null,
    // Stripe enables automatic payment methods by default.
    automatic_payment_methods: { allow_redirects: "always", enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic",
    client_secret: `${id}_secret_${newId("s", 20).slice(2)}`,
    confirmation_method: "automatic",
    created: sb.now(),
    currency: p.currency,
    customer: p.customer ?? null,
    customer_account: null,
    description: p.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: p.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: "automatic" } },
    payment_method_types: automaticTypes(p.currency).filter((t) => !p.allowed_payment_method_types || p.allowed_payment_method_types.includes(t)),
    payment_record: null,
    processing: null,
    receipt_email: p.receipt_email ?? null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: p.statement_descriptor ?? null,
    statement_descriptor_suffix: null,
    status: "requires_payment_method",
    transfer_data: p.transfer_data ? { destination: p.transfer_data.destination, ...(p.transfer_data.amount !== undefined ? { amount: p.transfer_data.amount } : {}) } : null,
    transfer_group: p.transfer_group ?? null,
  };
  sb.put("paymentIntents", pi, owner);
  sb.emit("payment_intent.created", pi, { account: owner });
  return pi;
}

type ChargeSource = Pick<
  Stripe.PaymentIntent,
  "id" | "amount" | "currency" | "customer" | "description" | "metadata" | "application_fee_amount" | "receipt_email" | "statement_descriptor" | "transfer_data" | "transfer_group"
>;

type ChargeState = "succeeded" | "failed" | "pending";

function newCharge(sb: Sandbox, pi: ChargeSource, method: string, tm: TestMethod, state: ChargeState, id = newId("ch")): Stripe.Charge {
  const ok = state === "succeeded";
  const failed = state === "failed";
  const insufficient = tm.flow === "insufficient_funds" || tm.flow === "async_fails";
  const declineCode = insufficient ? "insufficient_funds" : "generic_decline";
  const pm = paymentMethodId(method);
  const details: Stripe.Charge.PaymentMethodDetails =
    tm.type === "sepa_debit"
      ? { type: "sepa_debit", sepa_debit: { bank_code: "37040044", branch_code: null, country: "DE", fingerprint: `sandboxiban${tm.last4}`, last4: tm.last4, mandate: `mandate_${pm.slice(-12)}` } }
      : {
          type: "card",
          card: {
            amount_authorized: ok ? pi.amount : null,
            authorization_code: ok ? "123456" : null,
            brand: tm.brand,
            checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
            country: "SE",
            electronic_commerce_indicator: null,
            exp_month: 12,
            exp_year: 2034,
            fingerprint: "sandboxcard" + tm.last4,
            funding: "credit",
            installments: null,
            last4: tm.last4,
            mandate: null,
            network: tm.brand === "mastercard" ? "mastercard" : "visa",
            network_token: { used: false },
            network_transaction_id: ok ? newId("ntx", 12) : null,
            regulated_status: "unregulated",
            three_d_secure: null,
            transaction_link_id: null,
            wallet: null,
          },
        };
  return {
    id,
    object: "charge",
    amount: pi.amount,
    amount_captured: failed ? 0 : pi.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: pi.application_fee_amount,
    balance_transaction: null,
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: "KASSA",
    captured: !failed,
    created: sb.now(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failed ? (tm.type === "sepa_debit" ? "insufficient_funds" : "card_declined") : null,
    failure_message: failed ? (insufficient ? "Your card has insufficient funds." : "Your card was declined.") : null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: failed ? "declined_by_network" : "approved_by_network",
      reason: failed ? declineCode : null,
      risk_level: "normal",
      risk_score: 20,
      seller_message: failed ? "The bank did not return any further details with this decline." : "Payment complete.",
      type: failed ? "issuer_declined" : "authorized",
    },
    paid: ok,
    payment_intent: pi.id || null,
    payment_method: pm,
    payment_method_details: details,
    radar_options: {},
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: `${sb.config.publicUrl}/receipts/${id}`,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: null,
    status: state,
    transfer_data: pi.transfer_data ? { amount: pi.transfer_data.amount ?? null, destination: pi.transfer_data.destination } : null,
    transfer_group: pi.transfer_group ?? (pi.transfer_data ? `group_${pi.id}` : null),
  };
}

/**
 * The connected account's side of a transfer: Stripe shows it as a `py_` payment there, in
 * the transfer's currency; its balance transaction is in the account's own currency.
 */
export function destinationPayment(sb: Sandbox, transfer: Stripe.Transfer, account: string, availableOn: number, appFee: number): Stripe.Charge {
  const py: Stripe.Charge = {
    ...newCharge(
      sb,
      { id: "", amount: transfer.amount, currency: transfer.currency, customer: null, description: transfer.description, metadata: {}, application_fee_amount: null, receipt_email: null, statement_descriptor: null, transfer_data: null, transfer_group: transfer.transfer_group },
      "4242424242424242",
      testMethod("4242424242424242"),
      "succeeded",
      newId("py"),
    ),
    payment_intent: null,
    payment_method: null,
    payment_method_details: { type: "stripe_account", stripe_account: {} },
    source_transfer: transfer.id,
    transfer_data: null,
    transfer_group: transfer.transfer_group,
    application_fee_amount: appFee || null,
  };
  const txn = addTxn(sb, {
    account,
    amount: transfer.amount,
    currency: transfer.currency,
    type: "payment",
    source: py.id,
    description: null,
    fees: appFee ? [{ amount: appFee, type: "application_fee", description: "Application fee" }] : [],
    available_on: availableOn,
    reporting_category: "charge",
  });
  py.balance_transaction = txn.id;
  sb.put("charges", py, account);
  return py;
}

export function newTransfer(
  sb: Sandbox,
  p: { amount: number; currency: string; destination: string; source_transaction?: string | null; transfer_group?: string | null; description?: string | null; metadata?: Stripe.Metadata },
  availableOn: number,
  appFee = 0,
): Stripe.Transfer {
  const id = newId("tr");
  const transfer: Stripe.Transfer = {
    id,
    object: "transfer",
    amount: p.amount,
    amount_reversed: 0,
    balance_transaction: null,
    created: sb.now(),
    currency: p.currency,
    description: p.description ?? null,
    destination: p.destination,
    livemode: false,
    metadata: p.metadata ?? {},
    reversals: { object: "list", data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    reversed: false,
    source_transaction: p.source_transaction ?? null,
    source_type: "card",
    transfer_group: p.transfer_group ?? null,
  };
  const txn = addTxn(sb, { account: sb.platform, amount: -p.amount, currency: p.currency, type: "transfer", source: id, available_on: availableOn, reporting_category: "transfer", description: p.description ?? null });
  transfer.balance_transaction = txn.id;
  transfer.destination_payment = destinationPayment(sb, transfer, p.destination, availableOn, appFee).id;
  sb.put("transfers", transfer, sb.platform);
  sb.emit("transfer.created", transfer);
  return transfer;
}

export class CardDeclined extends ApiError {}

type PaymentHook = (sb: Sandbox, owner: string, pi: Stripe.PaymentIntent) => void;
const succeededHooks: PaymentHook[] = [];
const failedHooks: PaymentHook[] = [];
/** Called after a PaymentIntent succeeds (invoices.ts pays a subscription's first invoice with it). */
export function onPaymentSucceeded(hook: PaymentHook): void {
  succeededHooks.push(hook);
}
/** Called after a confirmation is declined. */
export function onPaymentFailed(hook: PaymentHook): void {
  failedHooks.push(hook);
}

export type ConfirmResult = { status: "succeeded" | "processing"; charge: Stripe.Charge } | { status: "requires_action"; charge: null };

function declined(sb: Sandbox, owner: string, pi: Stripe.PaymentIntent, charge: Stripe.Charge, tm: TestMethod): CardDeclined {
  const declineCode = tm.flow === "insufficient_funds" ? "insufficient_funds" : "generic_decline";
  pi.status = "requires_payment_method";
  pi.last_payment_error = {
    charge: charge.id,
    code: "card_declined",
    decline_code: declineCode,
    doc_url: "https://stripe.com/docs/error-codes/card-declined",
    message: charge.failure_message ?? "Your card was declined.",
    type: "card_error",
  };
  sb.put("charges", charge, owner);
  sb.emit("charge.failed", charge, { account: owner });
  sb.emit("payment_intent.payment_failed", pi, { account: owner });
  for (const hook of failedHooks) hook(sb, owner, pi);
  return new CardDeclined(402, {
    type: "card_error",
    code: "card_declined",
    decline_code: declineCode,
    message: charge.failure_message ?? "Your card was declined.",
    charge: charge.id,
    payment_intent: withoutIncludables(structuredClone(pi)),
  });
}

/**
 * Confirms a PaymentIntent with a test payment method. Cards settle at once (or decline,
 * 402); 3-D Secure cards stop at `requires_action` until authenticated
 * (authenticatePayment); SEPA Direct Debit stays `processing` until settled (settlePayment).
 */
export function confirmPayment(sb: Sandbox, owner: string, pi: Stripe.PaymentIntent, method: string, opts: { authenticated?: boolean; returnUrl?: string | null } = {}): ConfirmResult {
  const tm = testMethod(method);
  if (tm.type === "sepa_debit" && pi.currency !== "eur") {
    throw invalid(`The currency provided (${pi.currency}) is invalid. Payments with sepa_debit support the following currencies: eur.`, "payment_method");
  }
  if (tm.type !== "card" && !pi.payment_method_types.includes(tm.type)) {
    throw invalid(`The PaymentMethod provided (${tm.type}) is not allowed for this PaymentIntent. Please attach a PaymentMethod of one of the following types: ${pi.payment_method_types.join(", ")}.`, "payment_method");
  }
  sb.state.cards[pi.id] = { card: method };
  pi.payment_method = paymentMethodId(method);
  if (tm.flow === "authentication_required" && !opts.authenticated) {
    pi.status = "requires_action";
    pi.last_payment_error = null;
    const returnUrl = opts.returnUrl ?? null;
    pi.next_action = { type: "redirect_to_url", redirect_to_url: { return_url: returnUrl, url: `${sb.config.publicUrl}/3ds/${pi.id}` } };
    sb.emit("payment_intent.requires_action", pi, { account: owner });
    sb.changed();
    return { status: "requires_action", charge: null };
  }
  pi.next_action = null;
  if (tm.flow === "declined" || tm.flow === "insufficient_funds") {
    const charge = newCharge(sb, pi, method, tm, "failed");
    pi.latest_charge = charge.id;
    throw declined(sb, owner, pi, charge, tm);
  }
  if (tm.flow === "async_succeeds" || tm.flow === "async_fails") {
    const charge = newCharge(sb, pi, method, tm, "pending");
    pi.latest_charge = charge.id;
    pi.status = "processing";
    pi.last_payment_error = null;
    sb.put("charges", charge, owner);
    sb.state.cards[charge.id] = { card: method };
    sb.state.timers[pi.id] = { kind: "payment", due: sb.now() + sb.config.asyncSettleSeconds };
    sb.emit("payment_intent.processing", pi, { account: owner });
    sb.emit("charge.pending", charge, { account: owner });
    sb.changed();
    return { status: "processing", charge };
  }
  const charge = newCharge(sb, pi, method, tm, "succeeded");
  pi.latest_charge = charge.id;
  sb.put("charges", charge, owner);
  sb.state.cards[charge.id] = { card: method };
  bookSucceeded(sb, owner, pi, charge, tm);
  return { status: "succeeded", charge };
}

/**
 * Books everything Stripe books for a successful charge. A destination charge with an
 * application fee follows Stripe's flow: the full amount is transferred to the connected
 * account and the fee comes back to the platform, so the connected account's payment shows
 * the application fee in its `fee`.
 */
function bookSucceeded(sb: Sandbox, owner: string, pi: Stripe.PaymentIntent, charge: Stripe.Charge, tm: TestMethod): void {
  const availableOn = sb.now() + sb.config.holdSeconds;
  const txn = addTxn(sb, {
    account: owner,
    amount: pi.amount,
    currency: pi.currency,
    type: "charge",
    source: charge.id,
    description: pi.description,
    stripeFee: true,
    available_on: availableOn,
    reporting_category: "charge",
  });
  charge.balance_transaction = txn.id;
  charge.status = "succeeded";
  charge.paid = true;
  if (pi.transfer_data) {
    const appFee = pi.application_fee_amount ?? 0;
    const amount = pi.transfer_data.amount ?? pi.amount;
    const transfer = newTransfer(sb, { amount, currency: pi.currency, destination: pi.transfer_data.destination as string, source_transaction: charge.id, transfer_group: charge.transfer_group }, availableOn, pi.transfer_data.amount === undefined ? appFee : 0);
    charge.transfer = transfer.id;
    if (appFee > 0 && pi.transfer_data.amount === undefined) {
      charge.application_fee = newApplicationFee(sb, charge, transfer, appFee, availableOn).id;
    }
  }
  pi.status = "succeeded";
  pi.amount_received = pi.amount;
  pi.last_payment_error = null;
  sb.emit("charge.succeeded", charge, { account: owner });
  sb.emit("payment_intent.succeeded", pi, { account: owner });
  for (const hook of succeededHooks) hook(sb, owner, pi);
  if (tm.dispute) openDispute(sb, charge, owner, { inquiry: tm.dispute.inquiry, reason: tm.dispute.reason });
  sb.changed();
}

/** Completes a 3-D Secure challenge: success pays as a plain card would; failure leaves the intent to retry. */
export function authenticatePayment(sb: Sandbox, piId: string, outcome: "succeed" | "fail"): { pi: Stripe.PaymentIntent; charge: Stripe.Charge | null } {
  const pi = sb.find("paymentIntents", piId);
  if (!pi) throw new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such payment_intent: '${piId}'`, param: "intent" });
  if (pi.status !== "requires_action") throw invalid(`This PaymentIntent is ${pi.status}; only one in requires_action can be authenticated.`, "intent", "payment_intent_unexpected_state");
  const owner = sb.ownerOf(pi.id) ?? sb.platform;
  const method = sb.state.cards[pi.id]?.card ?? "4000002760003184";
  if (outcome === "fail") {
    pi.status = "requires_payment_method";
    pi.next_action = null;
    pi.last_payment_error = {
      code: "payment_intent_authentication_failure",
      doc_url: "https://stripe.com/docs/error-codes/payment-intent-authentication-failure",
      message: "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
      type: "invalid_request_error",
    };
    sb.emit("payment_intent.payment_failed", pi, { account: owner });
    sb.changed();
    return { pi, charge: null };
  }
  const result = confirmPayment(sb, owner, pi, method, { authenticated: true });
  return { pi, charge: result.charge };
}

/** The bank's answer for a `processing` payment (SEPA): money moves only on success. */
export function settlePayment(sb: Sandbox, piId: string, outcome?: "succeeded" | "failed"): Stripe.PaymentIntent {
  const pi = sb.find("paymentIntents", piId);
  if (!pi) throw new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such payment_intent: '${piId}'`, param: "intent" });
  if (pi.status !== "processing") throw invalid(`This PaymentIntent is ${pi.status}, not processing.`, "intent", "payment_intent_unexpected_state");
  const owner = sb.ownerOf(pi.id) ?? sb.platform;
  const method = sb.state.cards[pi.id]?.card ?? "DE89370400440532013000";
  const tm = testMethod(method);
  const charge = sb.find("charges", pi.latest_charge as string);
  if (!charge) throw new Error(`processing PaymentIntent ${pi.id} has no charge`);
  delete sb.state.timers[pi.id];
  const succeeds = outcome ? outcome === "succeeded" : tm.flow === "async_succeeds";
  if (succeeds) {
    bookSucceeded(sb, owner, pi, charge, tm);
    sessionSettled(sb, pi, "succeeded");
    return pi;
  }
  const failedTm: TestMethod = { ...tm, flow: "async_fails" };
  const failed = newCharge(sb, pi, method, failedTm, "failed", charge.id);
  Object.assign(charge, { ...failed, created: charge.created });
  pi.status = "requires_payment_method";
  pi.last_payment_error = { charge: charge.id, code: "insufficient_funds", doc_url: "https://stripe.com/docs/error-codes/insufficient-funds", message: "The account has insufficient funds to cover this payment.", payment_method_type: "sepa_debit", type: "card_error" };
  sb.emit("charge.failed", charge, { account: owner });
  sb.emit("payment_intent.payment_failed", pi, { account: owner });
  sessionSettled(sb, pi, "failed");
  sb.changed();
  return pi;
}

/** Checkout's side of a delayed payment: async_payment_succeeded / _failed on the completed session. */
function sessionSettled(sb: Sandbox, pi: Stripe.PaymentIntent, outcome: "succeeded" | "failed"): void {
  const session = Object.values(sb.state.checkoutSessions).find((s) => s.payment_intent === pi.id);
  if (!session || session.status !== "complete") return;
  const owner = sb.ownerOf(session.id) ?? sb.platform;
  if (outcome === "succeeded") {
    session.payment_status = "paid";
    sb.emit("checkout.session.async_payment_succeeded", session, { account: owner });
  } else {
    sb.emit("checkout.session.async_payment_failed", session, { account: owner });
  }
}

function newApplicationFee(sb: Sandbox, charge: Stripe.Charge, transfer: Stripe.Transfer, amount: number, availableOn: number): Stripe.ApplicationFee {
  const id = newId("fee");
  const fee: Stripe.ApplicationFee = {
    id,
    object: "application_fee",
    account: transfer.destination as string,
    amount,
    amount_refunded: 0,
    application: "ca_kassa_sandbox",
    balance_transaction: null,
    charge: transfer.destination_payment as string,
    created: sb.now(),
    currency: charge.currency,
    fee_source: { charge: charge.id, type: "charge" },
    livemode: false,
    originating_transaction: charge.id,
    refunded: false,
    refunds: { object: "list", data: [], has_more: false, url: `/v1/application_fees/${id}/refunds` },
  };
  const txn = addTxn(sb, { account: sb.platform, amount, currency: charge.currency, type: "application_fee", source: id, available_on: availableOn, reporting_category: "platform_earning" });
  fee.balance_transaction = txn.id;
  sb.put("applicationFees", fee, sb.platform);
  sb.emit("application_fee.created", fee);
  return fee;
}
