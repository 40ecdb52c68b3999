import type Stripe from "stripe";
import { addTxn, stripeFee } from "./balance.js";
import type { CardOutcome } from "./cards.js";
import { cardOutcome, last4 } from "./cards.js";
import { ApiError } from "./errors.js";
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
}

export function newPaymentIntent(sb: Sandbox, owner: string, p: PaymentIntentInput): Stripe.PaymentIntent {
  const id = newId("pi");
  const pi: Stripe.PaymentIntent = {
    id,
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: p.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: p.application_fee_amount ?? null,
    automatic_payment_methods: null,
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
    payment_method_types: ["card"],
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

function newCharge(sb: Sandbox, pi: ChargeSource, card: string, outcome: CardOutcome, id = newId("ch")): Stripe.Charge {
  const ok = outcome === "succeeded" || outcome === "dispute";
  const declineCode = outcome === "insufficient_funds" ? "insufficient_funds" : "generic_decline";
  const pm = newId("pm");
  return {
    id,
    object: "charge",
    amount: pi.amount,
    amount_captured: ok ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: pi.application_fee_amount,
    balance_transaction: null,
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: "KASSA",
    captured: ok,
    created: sb.now(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: ok ? null : "card_declined",
    failure_message: ok ? null : outcome === "insufficient_funds" ? "Your card has insufficient funds." : "Your card was declined.",
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: ok ? "approved_by_network" : "declined_by_network",
      reason: ok ? null : declineCode,
      risk_level: "normal",
      risk_score: 20,
      seller_message: ok ? "Payment complete." : "The bank did not return any further details with this decline.",
      type: ok ? "authorized" : "issuer_declined",
    },
    paid: ok,
    payment_intent: pi.id,
    payment_method: pm,
    payment_method_details: {
      type: "card",
      card: {
        amount_authorized: ok ? pi.amount : null,
        authorization_code: ok ? "123456" : null,
        brand: card.startsWith("5") || card.includes("mastercard") ? "mastercard" : "visa",
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "pass" },
        country: "SE",
        electronic_commerce_indicator: null,
        exp_month: 12,
        exp_year: 2034,
        fingerprint: "sandboxcard" + last4(card),
        funding: "credit",
        installments: null,
        last4: last4(card),
        mandate: null,
        network: "visa",
        network_token: { used: false },
        network_transaction_id: ok ? newId("ntx", 12) : null,
        regulated_status: "unregulated",
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
    },
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
    status: ok ? "succeeded" : "failed",
    transfer_data: pi.transfer_data ? { amount: pi.transfer_data.amount ?? null, destination: pi.transfer_data.destination } : null,
    transfer_group: pi.transfer_group ?? (pi.transfer_data ? `group_${pi.id}` : null),
  };
}

/** The connected account's side of a transfer: Stripe shows it as a `py_` payment there. */
export function destinationPayment(sb: Sandbox, transfer: Stripe.Transfer, account: string, availableOn: number, appFee: number): Stripe.Charge {
  const py: Stripe.Charge = {
    ...newCharge(
      sb,
      { id: "", amount: transfer.amount, currency: transfer.currency, customer: null, description: transfer.description, metadata: {}, application_fee_amount: null, receipt_email: null, statement_descriptor: null, transfer_data: null, transfer_group: transfer.transfer_group },
      "4242424242424242",
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

/**
 * Confirms a PaymentIntent with a test card and books everything Stripe books for it. A
 * destination charge with an application fee follows Stripe's flow: the full amount is
 * transferred to the connected account and the fee comes back to the platform, so the
 * connected account's payment shows the application fee in its `fee`.
 */
export function confirmPayment(sb: Sandbox, owner: string, pi: Stripe.PaymentIntent, card: string): Stripe.Charge {
  const outcome = cardOutcome(card);
  const charge = newCharge(sb, pi, card, outcome);
  pi.payment_method = charge.payment_method;
  pi.latest_charge = charge.id;
  if (outcome === "declined" || outcome === "insufficient_funds") {
    const declineCode = outcome === "insufficient_funds" ? "insufficient_funds" : "generic_decline";
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
    throw new CardDeclined(402, {
      type: "card_error",
      code: "card_declined",
      decline_code: declineCode,
      message: charge.failure_message ?? "Your card was declined.",
      charge: charge.id,
      payment_intent: structuredClone(pi),
    });
  }
  const availableOn = sb.now() + sb.config.holdSeconds;
  const fee = stripeFee(sb, pi.amount, pi.currency);
  const txn = addTxn(sb, {
    account: owner,
    amount: pi.amount,
    currency: pi.currency,
    type: "charge",
    source: charge.id,
    description: pi.description,
    fees: [{ amount: fee, type: "stripe_fee", description: "Stripe processing fees" }],
    available_on: availableOn,
    reporting_category: "charge",
  });
  charge.balance_transaction = txn.id;
  sb.put("charges", charge, owner);
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
  if (outcome === "dispute") openDispute(sb, charge, owner);
  sb.changed();
  return charge;
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
