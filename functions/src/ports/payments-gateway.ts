/**
 * What Kassa asks of its payment provider to take money in. The Stripe adapter implements
 * it; every POST carries an idempotency key built from Kassa's own ids by the caller.
 */
import type { Money } from "../domain/money";

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
  amountRefunded: number;
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
  getPayment(paymentIntentId: string): Promise<PaymentDetails>;
  refund(input: RefundRequest): Promise<{ id: string; status: string }>;
  /** Every refund of a payment, so a handler books exactly the ones not yet in the ledger. */
  listRefunds(paymentIntentId: string): Promise<RefundDetails[]>;
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
}
