import type { Money } from "../../src/domain/money";
import type {
  CheckoutRequest,
  PaymentDetails,
  PaymentIntentRequest,
  PaymentsGateway,
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
    return this.once("createPaymentIntent", input.idempotencyKey, () => ({
      id: `pi_${++this.n}`,
      clientSecret: `pi_${this.n}_secret`,
    }));
  }
  async getPayment(id: string): Promise<PaymentDetails> {
    this.calls.push({ method: "getPayment" });
    const p = this.payments.get(id);
    if (!p) throw new Error(`no payment ${id}`);
    return structuredClone(p);
  }
  async refund(input: RefundRequest) {
    return this.once("refund", input.idempotencyKey, () => {
      const r = {
        id: `re_${++this.n}`,
        amount: input.amount,
        status: "succeeded",
        created: 1_800_000_000 + this.n,
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
      amountRefunded: 0,
    };
    this.payments.set(id, p);
    return p;
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }
}
