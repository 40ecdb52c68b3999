import type Stripe from "stripe";
import type { Currency } from "../../domain/money";
import type { PaymentDetails, PaymentsGateway } from "../../ports/payments-gateway";
import { stripeCall, translateStripeError } from "./stripe-errors";

const idOf = (v: string | { id: string } | null | undefined): string | null =>
  typeof v === "string" ? v : (v?.id ?? null);

const settledOf = (txn: Stripe.BalanceTransaction) => ({
  amount: txn.amount,
  currency: txn.currency as Currency,
  exchangeRate: txn.exchange_rate,
});

export class StripePaymentsGateway implements PaymentsGateway {
  constructor(private readonly stripe: Stripe) {}

  async createCustomer(input: {
    idempotencyKey: string;
    userId: string;
    email: string | null;
  }): Promise<string> {
    const customer = await stripeCall("create customer", () =>
      this.stripe.customers.create(
        { ...(input.email ? { email: input.email } : {}), metadata: { kassaUserId: input.userId } },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return customer.id;
  }

  async createProductWithPrice(input: Parameters<PaymentsGateway["createProductWithPrice"]>[0]) {
    const product = await stripeCall("create product", () =>
      this.stripe.products.create(
        { name: input.name, metadata: input.metadata },
        { idempotencyKey: `${input.idempotencyKey}:product` },
      ),
    );
    const price = await stripeCall("create price", () =>
      this.stripe.prices.create(
        {
          product: product.id,
          unit_amount: input.price.amount,
          currency: input.price.currency,
          ...(input.recurring ? { recurring: { interval: input.recurring } } : {}),
          metadata: input.metadata,
        },
        { idempotencyKey: `${input.idempotencyKey}:price` },
      ),
    );
    return { productId: product.id, priceId: price.id };
  }

  async createCheckoutSession(input: Parameters<PaymentsGateway["createCheckoutSession"]>[0]) {
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: input.mode,
      customer: input.customerId,
      line_items: [{ price: input.priceId, quantity: 1 }],
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      client_reference_id: input.clientReferenceId,
      metadata: input.metadata,
    };
    if (input.mode === "payment") {
      params.payment_intent_data = {
        description: input.description,
        metadata: input.metadata,
        ...(input.destination
          ? {
              application_fee_amount: input.destination.applicationFeeAmount,
              transfer_data: { destination: input.destination.accountId },
            }
          : {}),
      };
    } else {
      params.subscription_data = { metadata: input.metadata, description: input.description };
    }
    const session = await stripeCall("create checkout session", () =>
      this.stripe.checkout.sessions.create(params, { idempotencyKey: input.idempotencyKey }),
    );
    if (!session.url) throw new Error(`checkout session ${session.id} has no url`);
    return { id: session.id, url: session.url };
  }

  async createPaymentIntent(input: Parameters<PaymentsGateway["createPaymentIntent"]>[0]) {
    const pi = await stripeCall("create payment intent", () =>
      this.stripe.paymentIntents.create(
        {
          amount: input.amount.amount,
          currency: input.amount.currency,
          customer: input.customerId,
          description: input.description,
          metadata: input.metadata,
          application_fee_amount: input.destination.applicationFeeAmount,
          transfer_data: { destination: input.destination.accountId },
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    if (!pi.client_secret) throw new Error(`payment intent ${pi.id} has no client_secret`);
    return { id: pi.id, clientSecret: pi.client_secret };
  }

  /**
   * payment_behavior=default_incomplete: Stripe makes the first invoice and its PaymentIntent
   * and waits for the customer to confirm it. In API 2026-10-28 the invoice has no
   * `payment_intent` (removed in 2025-03-31); its client secret is the includable
   * `confirmation_secret`, asked for with expand. The PaymentIntent's id is the part of its
   * client secret before `_secret_` (Stripe's documented format).
   */
  async createSubscription(input: Parameters<PaymentsGateway["createSubscription"]>[0]) {
    const sub = await stripeCall("create subscription", () =>
      this.stripe.subscriptions.create(
        {
          customer: input.customerId,
          items: [{ price: input.priceId }],
          payment_behavior: "default_incomplete",
          payment_settings: { save_default_payment_method: "on_subscription" },
          description: input.description,
          metadata: input.metadata,
          expand: ["latest_invoice.confirmation_secret"],
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    const invoice = typeof sub.latest_invoice === "object" ? sub.latest_invoice : null;
    const secret = invoice?.confirmation_secret?.client_secret;
    if (!invoice || !secret) throw new Error(`subscription ${sub.id} has no first invoice to confirm`);
    return {
      subscriptionId: sub.id,
      invoiceId: invoice.id,
      paymentIntentId: secret.split("_secret_")[0] ?? "",
      clientSecret: secret,
      amount: { amount: invoice.amount_due, currency: invoice.currency as Currency },
    };
  }

  async getCheckoutSession(sessionId: string) {
    try {
      const s = await this.stripe.checkout.sessions.retrieve(sessionId);
      return {
        id: s.id,
        status: s.status ?? "open",
        paymentStatus: s.payment_status,
        mode: s.mode,
        clientReferenceId: s.client_reference_id,
        paymentIntentId: idOf(s.payment_intent),
        subscriptionId: idOf(s.subscription),
        invoiceId: idOf(s.invoice),
        created: s.created,
      };
    } catch (e) {
      // A session id that does not exist (a typed or foreign URL) is not an error of ours.
      if ((e as { statusCode?: number }).statusCode === 404) return null;
      return translateStripeError(e, "read checkout session");
    }
  }

  async getPayment(paymentIntentId: string): Promise<PaymentDetails> {
    const pi = await stripeCall("read payment", () =>
      this.stripe.paymentIntents.retrieve(paymentIntentId, {
        // Not `latest_charge.transfer`: Charge.transfer is optional (absent from charges that
        // are not destination charges, such as a subscription's), so expanding it can fail.
        expand: ["latest_charge.balance_transaction", "latest_charge.application_fee"],
      }),
    );
    const charge = typeof pi.latest_charge === "object" ? pi.latest_charge : null;
    const txn =
      charge && typeof charge.balance_transaction === "object" ? charge.balance_transaction : null;
    const transferId = idOf(charge?.transfer);
    const appFee =
      charge && typeof charge.application_fee === "object" ? charge.application_fee : null;
    const settled = txn ? settledOf(txn) : null;
    return {
      paymentIntentId: pi.id,
      status: pi.status,
      amount: { amount: pi.amount, currency: pi.currency as Currency },
      chargeId: charge?.id ?? idOf(pi.latest_charge),
      balanceTransactionId: txn?.id ?? idOf(charge?.balance_transaction),
      stripeFee: txn?.fee ?? 0,
      applicationFeeAmount: pi.application_fee_amount ?? null,
      destinationAccountId: idOf(pi.transfer_data?.destination),
      customerId: idOf(pi.customer),
      metadata: pi.metadata ?? {},
      description: pi.description ?? null,
      created: pi.created,
      chargeCreated: charge?.created ?? null,
      amountRefunded: charge?.amount_refunded ?? 0,
      transferId,
      applicationFeeRefunded: appFee?.amount_refunded ?? 0,
      settled,
      card: charge?.payment_method_details?.card
        ? { brand: charge.payment_method_details.card.brand ?? "card", last4: charge.payment_method_details.card.last4 ?? "" }
        : null,
      coachSettled:
        settled?.exchangeRate != null && transferId ? await this.coachSettled(transferId) : null,
    };
  }

  /**
   * Only for a converted sale: the transfer names the coach's `py_` payment, which lives on
   * the connected account, so it is read there (two calls more than a same-currency sale).
   */
  private async coachSettled(transferId: string) {
    const transfer = await stripeCall("read the transfer", () =>
      this.stripe.transfers.retrieve(transferId),
    );
    const account = idOf(transfer.destination);
    const paymentId = idOf(transfer.destination_payment);
    if (!account || !paymentId) return null;
    const py = await stripeCall("read the coach's payment", () =>
      this.stripe.charges.retrieve(
        paymentId,
        { expand: ["balance_transaction"] },
        { stripeAccount: account },
      ),
    );
    const txn = typeof py.balance_transaction === "object" ? py.balance_transaction : null;
    return txn ? { ...settledOf(txn), amount: txn.net } : null;
  }

  async refund(input: Parameters<PaymentsGateway["refund"]>[0]) {
    const refund = await stripeCall("refund", () =>
      this.stripe.refunds.create(
        {
          payment_intent: input.paymentIntentId,
          amount: input.amount,
          reason: input.reason,
          reverse_transfer: input.reverseTransfer,
          refund_application_fee: input.refundApplicationFee,
          metadata: input.metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return { id: refund.id, status: refund.status ?? "pending" };
  }

  async listRefunds(paymentIntentId: string) {
    const refunds = await stripeCall("list refunds", () =>
      this.stripe.refunds.list({
        payment_intent: paymentIntentId,
        limit: 100,
        expand: ["data.balance_transaction", "data.transfer_reversal"],
      }),
    );
    return refunds.data.map((r) => {
      const txn = typeof r.balance_transaction === "object" ? r.balance_transaction : null;
      const reversal = typeof r.transfer_reversal === "object" ? r.transfer_reversal : null;
      return {
        id: r.id,
        amount: r.amount,
        status: r.status ?? "pending",
        created: r.created,
        transferReversalAmount: reversal?.amount ?? null,
        settled: txn ? { ...settledOf(txn), amount: -txn.amount } : null,
      };
    });
  }

  async reverseTransfer(input: Parameters<PaymentsGateway["reverseTransfer"]>[0]) {
    const reversal = await stripeCall("reverse transfer", () =>
      this.stripe.transfers.createReversal(
        input.transferId,
        { amount: input.amount, metadata: input.metadata },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return { id: reversal.id, amount: reversal.amount };
  }

  async createTransfer(input: Parameters<PaymentsGateway["createTransfer"]>[0]) {
    const transfer = await stripeCall("create transfer", () =>
      this.stripe.transfers.create(
        {
          amount: input.amount.amount,
          currency: input.amount.currency,
          destination: input.destinationAccountId,
          ...(input.sourceChargeId ? { source_transaction: input.sourceChargeId } : {}),
          metadata: input.metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    return { id: transfer.id };
  }

  async listInvoicePayments(invoiceId: string) {
    const payments = await stripeCall("list invoice payments", () =>
      this.stripe.invoicePayments.list({ invoice: invoiceId, limit: 100 }),
    );
    return payments.data.map((p) => ({
      id: p.id,
      paymentIntentId: p.payment.type === "payment_intent" ? idOf(p.payment.payment_intent) : null,
      status: p.status,
      amountPaid: p.amount_paid,
      paidAt: p.status_transitions.paid_at,
    }));
  }

  async setCancelAtPeriodEnd(input: {
    idempotencyKey: string;
    subscriptionId: string;
    cancel: boolean;
  }) {
    await stripeCall("update subscription", () =>
      this.stripe.subscriptions.update(
        input.subscriptionId,
        { cancel_at_period_end: input.cancel },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
  }
}
