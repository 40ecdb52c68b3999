import type { Money } from "../../src/domain/money";
import type {
  CheckoutRequest,
  CheckoutSessionDetails,
  PaymentDetails,
  SubscriptionRequest,
  PaymentIntentRequest,
  PaymentsGateway,
  InvoicePaymentDetails,
  RefundDetails,
  RefundRequest,
} from "../../src/ports/payments-gateway";

/**
 * A small Stripe stand-in for use-case tests: honours idempotency keys like Stripe (same key,
 * same result), records every call, and lets a test set a payment's state and refunds.
 */
export class FakePaymentsGateway implements PaymentsGateway {
  readonly calls: { method: string; key?: string }[] = [];
  readonly checkouts: CheckoutRequest[] = [];
  readonly payments = new Map<string, PaymentDetails>();
  readonly refunds = new Map<string, RefundDetails[]>();
  readonly invoicePayments = new Map<string, InvoicePaymentDetails[]>();
  private readonly byKey = new Map<string, unknown>();
  private n = 0;
  failNext: Error | null = null;

  private once<T>(method: string, key: string, make: () => T): T {
    this.calls.push({ method, key });
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    if (!this.byKey.has(key)) this.byKey.set(key, make());
    return this.byKey.get(key) as T;
  }

  async createCustomer(input: { idempotencyKey: string }) {
    return this.once("createCustomer", input.idempotencyKey, () => `cus_${++this.n}`);
  }
  async createProductWithPrice(input: { idempotencyKey: string }) {
    return this.once("createProductWithPrice", input.idempotencyKey, () => ({
      productId: `prod_${++this.n}`,
      priceId: `price_${++this.n}`,
    }));
  }
  async createCheckoutSession(input: CheckoutRequest) {
    return this.once("createCheckoutSession", input.idempotencyKey, () => {
      this.checkouts.push(input);
      const id = `cs_${++this.n}`;
      return { id, url: `https://checkout.test/${id}` };
    });
  }
  async createPaymentIntent(input: PaymentIntentRequest) {
    return this.once("createPaymentIntent", input.idempotencyKey, () => {
      const id = `pi_${++this.n}`;
      // As Stripe makes it: waiting for the customer's card (a test may overwrite it).
      this.payments.set(id, {
        paymentIntentId: id,
        status: "requires_payment_method",
        amount: input.amount,
        chargeId: null,
        balanceTransactionId: null,
        stripeFee: 0,
        applicationFeeAmount: input.destination.applicationFeeAmount,
        destinationAccountId: input.destination.accountId,
        customerId: input.customerId,
        metadata: input.metadata,
        description: input.description,
        created: 0,
        chargeCreated: null,
        amountRefunded: 0,
        transferId: null,
        applicationFeeRefunded: 0,
        settled: null,
        coachSettled: null,
      });
      return { id, clientSecret: `${id}_secret` };
    });
  }
  readonly subscriptions: SubscriptionRequest[] = [];
  readonly sessions = new Map<string, CheckoutSessionDetails>();
  async createSubscription(input: SubscriptionRequest) {
    return this.once("createSubscription", input.idempotencyKey, () => {
      this.subscriptions.push(input);
      const subscriptionId = `sub_${++this.n}`;
      const id = `pi_${++this.n}`;
      // The first invoice's PaymentIntent, waiting for the card form, with no metadata (Stripe's).
      this.payments.set(id, {
        paymentIntentId: id,
        status: "requires_payment_method",
        amount: { amount: 9900, currency: "sek" },
        chargeId: null,
        balanceTransactionId: null,
        stripeFee: 0,
        applicationFeeAmount: null,
        destinationAccountId: null,
        customerId: input.customerId,
        metadata: {},
        description: "Subscription creation",
        created: 0,
        chargeCreated: null,
        amountRefunded: 0,
        transferId: null,
        applicationFeeRefunded: 0,
        settled: null,
        coachSettled: null,
      });
      return { subscriptionId, invoiceId: `in_${++this.n}`, paymentIntentId: id, clientSecret: `${id}_secret_x`, amount: { amount: 9900, currency: "sek" as const } };
    });
  }
  async getCheckoutSession(id: string) {
    this.calls.push({ method: "getCheckoutSession" });
    return this.sessions.get(id) ?? null;
  }
  async getPayment(id: string): Promise<PaymentDetails> {
    this.calls.push({ method: "getPayment" });
    const p = this.payments.get(id);
    if (!p) throw new Error(`no payment ${id}`);
    return structuredClone(p);
  }
  readonly reversals: { transferId: string; amount: number; key: string }[] = [];
  readonly transfers: { destinationAccountId: string; amount: Money; key: string }[] = [];

  /**
   * As Stripe does for a destination charge with an application fee (the transfer is the
   * whole amount): `reverse_transfer` takes the whole refund back from the coach's account,
   * `refund_application_fee` gives back the fee in proportion, rounded half up.
   */
  async refund(input: RefundRequest) {
    return this.once("refund", input.idempotencyKey, () => {
      const p = this.payments.get(input.paymentIntentId);
      if (p && input.refundApplicationFee && p.applicationFeeAmount) {
        p.applicationFeeRefunded += Math.floor(
          (2 * input.amount * p.applicationFeeAmount + p.amount.amount) / (2 * p.amount.amount),
        );
      }
      const r: RefundDetails = {
        id: `re_${++this.n}`,
        amount: input.amount,
        status: "succeeded",
        created: 1_800_000_000 + this.n,
        transferReversalAmount: input.reverseTransfer && p?.transferId ? input.amount : null,
        settled: null,
      };
      this.refunds.set(input.paymentIntentId, [
        ...(this.refunds.get(input.paymentIntentId) ?? []),
        r,
      ]);
      return { id: r.id, status: r.status };
    });
  }
  async listRefunds(paymentIntentId: string) {
    this.calls.push({ method: "listRefunds" });
    return this.refunds.get(paymentIntentId) ?? [];
  }
  async listInvoicePayments(invoiceId: string) {
    this.calls.push({ method: "listInvoicePayments" });
    return structuredClone(this.invoicePayments.get(invoiceId) ?? []);
  }
  async reverseTransfer(input: { idempotencyKey: string; transferId: string; amount: number }) {
    return this.once("reverseTransfer", input.idempotencyKey, () => {
      this.reversals.push({
        transferId: input.transferId,
        amount: input.amount,
        key: input.idempotencyKey,
      });
      return { id: `trr_${++this.n}`, amount: input.amount };
    });
  }
  async createTransfer(input: {
    idempotencyKey: string;
    destinationAccountId: string;
    amount: Money;
  }) {
    return this.once("createTransfer", input.idempotencyKey, () => {
      this.transfers.push({
        destinationAccountId: input.destinationAccountId,
        amount: input.amount,
        key: input.idempotencyKey,
      });
      return { id: `tr_${++this.n}` };
    });
  }
  async setCancelAtPeriodEnd(input: { idempotencyKey: string }) {
    this.once("setCancelAtPeriodEnd", input.idempotencyKey, () => true);
  }

  /** A succeeded program payment as Stripe would report it. */
  addProgramPayment(
    id: string,
    opts: {
      amount?: Money;
      fee?: number;
      stripeFee?: number;
      coachId?: string;
      created?: number;
      chargeCreated?: number;
    } = {},
  ): PaymentDetails {
    const amount = opts.amount ?? { amount: 49900, currency: "sek" };
    const p: PaymentDetails = {
      paymentIntentId: id,
      status: "succeeded",
      amount,
      chargeId: `ch_${id}`,
      balanceTransactionId: `txn_${id}`,
      stripeFee: opts.stripeFee ?? 929,
      applicationFeeAmount: opts.fee ?? 9980,
      destinationAccountId: "acct_coach",
      customerId: "cus_1",
      metadata: {
        kassaKind: "program",
        programId: "p1",
        coachId: opts.coachId ?? "coach-1",
        userId: "user-1",
      },
      description: "Mindful Mornings",
      created: opts.created ?? 1_795_000_000,
      chargeCreated: opts.chargeCreated ?? opts.created ?? 1_795_000_000,
      amountRefunded: 0,
      transferId: `tr_${id}`,
      applicationFeeRefunded: 0,
      settled: null,
      coachSettled: null,
    };
    this.payments.set(id, p);
    return p;
  }

  /**
   * A refund as Stripe lists it. By default it was made the way Kassa makes one (transfer
   * reversed, application fee refunded in proportion); `{ reversed: false }` is a dashboard
   * refund without those boxes ticked, `{ feeRefunded: false }` the policy "none".
   */
  addRefund(
    paymentIntentId: string,
    r: { id: string; amount: number; status?: string; created: number },
    opts: { reversed?: boolean; feeRefunded?: boolean } = {},
  ): RefundDetails {
    const p = this.payments.get(paymentIntentId);
    const reversed = (opts.reversed ?? true) && p?.transferId != null;
    if (p && reversed && (opts.feeRefunded ?? true) && p.applicationFeeAmount)
      p.applicationFeeRefunded += Math.floor(
        (2 * r.amount * p.applicationFeeAmount + p.amount.amount) / (2 * p.amount.amount),
      );
    const refund: RefundDetails = {
      status: "succeeded",
      ...r,
      transferReversalAmount: reversed ? r.amount : null,
      settled: null,
    };
    this.refunds.set(paymentIntentId, [...(this.refunds.get(paymentIntentId) ?? []), refund]);
    return refund;
  }

  /** Stripe's record that `paymentIntentId` paid `invoiceId` (what /v1/invoice_payments lists). */
  payInvoice(invoiceId: string, paymentIntentId: string, paidAt: number): void {
    this.invoicePayments.set(invoiceId, [
      ...(this.invoicePayments.get(invoiceId) ?? []),
      { id: `inpay_${++this.n}`, paymentIntentId, status: "paid", amountPaid: null, paidAt },
    ]);
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }
}
