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

/**
 * The SDK's parameter type per /v1 route: what Stripe accepts. The suite checks that the
 * sandbox accepts no parameter Stripe does not, and requires every parameter Stripe requires.
 */
export interface ConformanceParams {
  "POST /v1/accounts": Stripe.AccountCreateParams;
  "GET /v1/accounts": Stripe.AccountListParams;
  "GET /v1/account": Stripe.AccountRetrieveCurrentParams;
  "GET /v1/accounts/:id": Stripe.AccountRetrieveParams;
  "POST /v1/accounts/:id": Stripe.AccountUpdateParams;
  "DELETE /v1/accounts/:id": Stripe.AccountDeleteParams;
  "POST /v1/account_links": Stripe.AccountLinkCreateParams;
  "POST /v1/accounts/:id/login_links": Stripe.AccountCreateLoginLinkParams;
  "GET /v1/application_fees": Stripe.ApplicationFeeListParams;
  "GET /v1/application_fees/:id": Stripe.ApplicationFeeRetrieveParams;
  "GET /v1/application_fees/:id/refunds": Stripe.ApplicationFeeListRefundsParams;
  "GET /v1/application_fees/:id/refunds/:rid": Stripe.ApplicationFeeRetrieveRefundParams;
  "GET /v1/balance": Stripe.BalanceRetrieveParams;
  "GET /v1/balance_transactions": Stripe.BalanceTransactionListParams;
  "GET /v1/balance_transactions/:id": Stripe.BalanceTransactionRetrieveParams;
  "GET /v1/balance/history": Stripe.BalanceTransactionListParams;
  "GET /v1/balance/history/:id": Stripe.BalanceTransactionRetrieveParams;
  "GET /v1/charges": Stripe.ChargeListParams;
  "GET /v1/charges/:id": Stripe.ChargeRetrieveParams;
  "POST /v1/charges/:id": Stripe.ChargeUpdateParams;
  "POST /v1/checkout/sessions": Stripe.Checkout.SessionCreateParams;
  "GET /v1/checkout/sessions": Stripe.Checkout.SessionListParams;
  "GET /v1/checkout/sessions/:id": Stripe.Checkout.SessionRetrieveParams;
  "GET /v1/checkout/sessions/:id/line_items": Stripe.Checkout.SessionListLineItemsParams;
  "POST /v1/checkout/sessions/:id/expire": Stripe.Checkout.SessionExpireParams;
  "POST /v1/customers": Stripe.CustomerCreateParams;
  "GET /v1/customers": Stripe.CustomerListParams;
  "GET /v1/customers/:id": Stripe.CustomerRetrieveParams;
  "POST /v1/customers/:id": Stripe.CustomerUpdateParams;
  "GET /v1/disputes": Stripe.DisputeListParams;
  "GET /v1/disputes/:id": Stripe.DisputeRetrieveParams;
  "POST /v1/disputes/:id": Stripe.DisputeUpdateParams;
  "POST /v1/disputes/:id/close": Stripe.DisputeCloseParams;
  "GET /v1/events": Stripe.EventListParams;
  "GET /v1/events/:id": Stripe.EventRetrieveParams;
  "GET /v1/invoices": Stripe.InvoiceListParams;
  "GET /v1/invoices/:id": Stripe.InvoiceRetrieveParams;
  "GET /v1/invoices/:id/lines": Stripe.InvoiceListLineItemsParams;
  "GET /v1/invoice_payments": Stripe.InvoicePaymentListParams;
  "GET /v1/invoice_payments/:id": Stripe.InvoicePaymentRetrieveParams;
  "POST /v1/payment_intents": Stripe.PaymentIntentCreateParams;
  "GET /v1/payment_intents": Stripe.PaymentIntentListParams;
  "GET /v1/payment_intents/:id": Stripe.PaymentIntentRetrieveParams;
  "POST /v1/payment_intents/:id": Stripe.PaymentIntentUpdateParams;
  "POST /v1/payment_intents/:id/confirm": Stripe.PaymentIntentConfirmParams;
  "POST /v1/payment_intents/:id/cancel": Stripe.PaymentIntentCancelParams;
  "POST /v1/payouts": Stripe.PayoutCreateParams;
  "GET /v1/payouts": Stripe.PayoutListParams;
  "GET /v1/payouts/:id": Stripe.PayoutRetrieveParams;
  "POST /v1/payouts/:id": Stripe.PayoutUpdateParams;
  "POST /v1/payouts/:id/cancel": Stripe.PayoutCancelParams;
  "POST /v1/prices": Stripe.PriceCreateParams;
  "GET /v1/prices": Stripe.PriceListParams;
  "GET /v1/prices/:id": Stripe.PriceRetrieveParams;
  "POST /v1/prices/:id": Stripe.PriceUpdateParams;
  "POST /v1/products": Stripe.ProductCreateParams;
  "GET /v1/products": Stripe.ProductListParams;
  "GET /v1/products/:id": Stripe.ProductRetrieveParams;
  "POST /v1/products/:id": Stripe.ProductUpdateParams;
  "POST /v1/refunds": Stripe.RefundCreateParams;
  "GET /v1/refunds": Stripe.RefundListParams;
  "GET /v1/refunds/:id": Stripe.RefundRetrieveParams;
  "POST /v1/refunds/:id": Stripe.RefundUpdateParams;
  "GET /v1/subscriptions": Stripe.SubscriptionListParams;
  "POST /v1/subscriptions": Stripe.SubscriptionCreateParams;
  "GET /v1/subscriptions/:id": Stripe.SubscriptionRetrieveParams;
  "POST /v1/subscriptions/:id": Stripe.SubscriptionUpdateParams;
  "DELETE /v1/subscriptions/:id": Stripe.SubscriptionCancelParams;
  "POST /v1/transfers": Stripe.TransferCreateParams;
  "GET /v1/transfers": Stripe.TransferListParams;
  "GET /v1/transfers/:id": Stripe.TransferRetrieveParams;
  "POST /v1/transfers/:id": Stripe.TransferUpdateParams;
  "POST /v1/transfers/:id/reversals": Stripe.TransferCreateReversalParams;
  "GET /v1/transfers/:id/reversals": Stripe.TransferListReversalsParams;
  "GET /v1/transfers/:id/reversals/:rid": Stripe.TransferRetrieveReversalParams;
  "POST /v1/webhook_endpoints": Stripe.WebhookEndpointCreateParams;
  "GET /v1/webhook_endpoints": Stripe.WebhookEndpointListParams;
  "GET /v1/webhook_endpoints/:id": Stripe.WebhookEndpointRetrieveParams;
  "POST /v1/webhook_endpoints/:id": Stripe.WebhookEndpointUpdateParams;
  "DELETE /v1/webhook_endpoints/:id": Stripe.WebhookEndpointDeleteParams;
}
