/**
 * What Kassa asks of its payment provider to take money in. The Stripe adapter implements
 * it; every POST carries an idempotency key built from Kassa's own ids by the caller.
 */
import type { Currency, Money } from "../domain/money";

export interface CheckoutRequest {
  idempotencyKey: string;
  mode: "payment" | "subscription";
  customerId: string;
  priceId: string;
  successUrl: string;
  cancelUrl: string;
  clientReferenceId: string;
  /** Shown on the customer's receipt and kept on the payment (the program's title). */
  description: string;
  metadata: Record<string, string>;
  /** Destination charge: the platform fee stays, the rest goes to the coach's account. */
  destination?: { accountId: string; applicationFeeAmount: number };
}

export interface PaymentIntentRequest {
  idempotencyKey: string;
  amount: Money;
  customerId: string;
  description: string;
  metadata: Record<string, string>;
  destination: { accountId: string; applicationFeeAmount: number };
}

/** A subscription the customer pays in the app: its first invoice waits for the card form. */
export interface SubscriptionRequest {
  idempotencyKey: string;
  customerId: string;
  priceId: string;
  description: string;
  metadata: Record<string, string>;
}

/** The first invoice's PaymentIntent, confirmed by Stripe.js with its client secret. */
export interface OpenSubscription {
  subscriptionId: string;
  invoiceId: string;
  paymentIntentId: string;
  clientSecret: string;
  amount: Money;
}

/**
 * Money as it landed in an account's balance: the balance transaction's amount in the
 * account's settlement currency, and Stripe's exchange rate when it converted (null when the
 * object's currency already was the settlement currency).
 */
export interface Settled {
  amount: number;
  currency: Currency;
  exchangeRate: number | null;
}

/** A PaymentIntent as far as bookkeeping needs it, with Stripe's fee from the balance transaction. */
export interface PaymentDetails {
  paymentIntentId: string;
  status: string;
  amount: Money;
  chargeId: string | null;
  balanceTransactionId: string | null;
  stripeFee: number;
  applicationFeeAmount: number | null;
  destinationAccountId: string | null;
  customerId: string | null;
  metadata: Record<string, string>;
  description: string | null;
  /** Epoch seconds. */
  created: number;
  /** Epoch seconds of the charge (when the money moved); null before there is one. */
  chargeCreated: number | null;
  amountRefunded: number;
  /** The destination charge's transfer to the coach's account (`charge.transfer`). */
  transferId: string | null;
  /** Of the application fee: how much Stripe has given back (refund_application_fee). */
  applicationFeeRefunded: number;
  /** The charge's balance transaction on the platform: gross in the platform's currency. */
  settled: Settled | null;
  /** The card that paid (the charge's payment_method_details.card), for the customer's receipt. */
  card?: { brand: string; last4: string } | null;
  /**
   * What the coach's account holds of the sale (the `py_` payment's net, after the application
   * fee) in its own currency. Read only when the platform converted the charge (another
   * currency), because then the transfer's amount is not what the coach holds.
   */
  coachSettled: Settled | null;
}

export interface RefundRequest {
  idempotencyKey: string;
  paymentIntentId: string;
  amount: number;
  reason: "requested_by_customer" | "duplicate" | "fraudulent";
  /** Destination charges: pull the coach's share back from the connected account. */
  reverseTransfer: boolean;
  refundApplicationFee: boolean;
  metadata: Record<string, string>;
}

export interface PaymentsGateway {
  createCustomer(input: {
    idempotencyKey: string;
    userId: string;
    email: string | null;
  }): Promise<string>;
  createProductWithPrice(input: {
    idempotencyKey: string;
    name: string;
    price: Money;
    recurring: "month" | null;
    metadata: Record<string, string>;
  }): Promise<{ productId: string; priceId: string }>;
  createCheckoutSession(input: CheckoutRequest): Promise<{ id: string; url: string }>;
  createPaymentIntent(input: PaymentIntentRequest): Promise<{ id: string; clientSecret: string }>;
  /** A subscription with payment_behavior=default_incomplete and its first invoice's client secret. */
  createSubscription(input: SubscriptionRequest): Promise<OpenSubscription>;
  /** A Checkout Session as far as the customer's return page needs it. */
  getCheckoutSession(sessionId: string): Promise<CheckoutSessionDetails | null>;
  getPayment(paymentIntentId: string): Promise<PaymentDetails>;
  refund(input: RefundRequest): Promise<{ id: string; status: string }>;
  /** Every refund of a payment, so a handler books exactly the ones not yet in the ledger. */
  listRefunds(paymentIntentId: string): Promise<RefundDetails[]>;
  /**
   * The payments of an invoice (`GET /v1/invoice_payments?invoice=`). Stripe never includes
   * `invoice.payments` in a webhook payload (it is an includable field since 2025-03-31), so
   * this lookup is the only way to learn which PaymentIntent paid a subscription invoice.
   */
  listInvoicePayments(invoiceId: string): Promise<InvoicePaymentDetails[]>;
  /** Takes `amount` of a destination charge's transfer back from the coach's account. */
  reverseTransfer(input: {
    idempotencyKey: string;
    transferId: string;
    amount: number;
    metadata: Record<string, string>;
  }): Promise<{ id: string; amount: number }>;
  /**
   * Sends money from the platform's balance to a coach's account (a won dispute's share).
   * `sourceChargeId` funds it from that charge (`source_transaction`), so it needs no
   * available balance while the charge's funds are still pending.
   */
  createTransfer(input: {
    idempotencyKey: string;
    destinationAccountId: string;
    amount: Money;
    sourceChargeId: string | null;
    metadata: Record<string, string>;
  }): Promise<{ id: string }>;
  setCancelAtPeriodEnd(input: {
    idempotencyKey: string;
    subscriptionId: string;
    cancel: boolean;
  }): Promise<void>;
}

export interface RefundDetails {
  id: string;
  amount: number;
  status: string;
  /** Epoch seconds. */
  created: number;
  /** The transfer reversal made with the refund (`reverse_transfer`), in the charge's currency. */
  transferReversalAmount: number | null;
  /** The refund's balance transaction on the platform (what left the platform's balance). */
  settled: Settled | null;
}

export interface InvoicePaymentDetails {
  id: string;
  /** Null for payments made outside a PaymentIntent (payment records, out of band). */
  paymentIntentId: string | null;
  /** Stripe: "open" | "paid" | "canceled" (documented as a string). */
  status: string;
  amountPaid: number | null;
  /** Epoch seconds, when paid. */
  paidAt: number | null;
}

export interface CheckoutSessionDetails {
  id: string;
  /** Stripe: open | complete | expired. */
  status: string;
  /** Stripe: paid | unpaid | no_payment_required. */
  paymentStatus: string;
  mode: string;
  clientReferenceId: string | null;
  paymentIntentId: string | null;
  subscriptionId: string | null;
  invoiceId: string | null;
  /** Epoch seconds. */
  created: number;
}
