// The roots the conformance suite validates against, read by the TypeScript compiler API
// (stripe-schema.ts) from the `stripe` package's declarations, which Stripe generates from its
// OpenAPI spec. Only types are here: this file is never executed.
import type Stripe from "stripe";

export interface ConformanceRoots {
  Account: Stripe.Account;
  DeletedAccount: Stripe.DeletedAccount;
  AccountLink: Stripe.AccountLink;
  LoginLink: Stripe.LoginLink;
  ApplicationFee: Stripe.ApplicationFee;
  FeeRefund: Stripe.FeeRefund;
  Balance: Stripe.Balance;
  BalanceTransaction: Stripe.BalanceTransaction;
  Charge: Stripe.Charge;
  CheckoutSession: Stripe.Checkout.Session;
  LineItem: Stripe.LineItem;
  Customer: Stripe.Customer;
  Dispute: Stripe.Dispute;
  Event: Stripe.Event;
  Invoice: Stripe.Invoice;
  InvoiceLineItem: Stripe.InvoiceLineItem;
  InvoicePayment: Stripe.InvoicePayment;
  PaymentIntent: Stripe.PaymentIntent;
  Payout: Stripe.Payout;
  Price: Stripe.Price;
  Product: Stripe.Product;
  Refund: Stripe.Refund;
  Subscription: Stripe.Subscription;
  Transfer: Stripe.Transfer;
  TransferReversal: Stripe.TransferReversal;
  WebhookEndpoint: Stripe.WebhookEndpoint;
  DeletedWebhookEndpoint: Stripe.DeletedWebhookEndpoint;
  ErrorBody: { error: Stripe.StripeRawError };
}
