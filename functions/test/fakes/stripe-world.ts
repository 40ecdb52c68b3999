/**
 * A small, independent model of Stripe's money for destination charges, written from
 * sandbox/stripe/MODEL.md (Stripe's documented behaviour), not from Kassa's code: it keeps
 * each account's balance in its settlement currency and answers Kassa's PaymentsGateway from
 * that state. Property tests replay random histories through Kassa's handlers and compare
 * Kassa's ledger, account by account, with what this world says moved.
 *
 * Rules modelled (MODEL.md a, b, d, e): the platform settles in SEK and every coach account
 * holds SEK; a charge in another currency converts at the rate of the moment; the whole charge
 * is transferred to the coach and the application fee comes back; Stripe's fee is the
 * platform's; a refund always debits the platform, `reverse_transfer` takes the whole refund
 * back from the coach and `refund_application_fee` returns the fee in proportion; a dispute
 * debits the platform only (amount + dispute fee) and a win reinstates the amount (the fee is
 * not returned); transfer reversals and transfers move money between platform and coach.
 */
import type { Currency, Money } from "../../src/domain/money";
import type {
  CheckoutRequest,
  InvoicePaymentDetails,
  PaymentDetails,
  PaymentIntentRequest,
  PaymentsGateway,
  RefundDetails,
  RefundRequest,
} from "../../src/ports/payments-gateway";

const halfUp = (v: number, num: number, den: number) => Math.floor((2 * v * num + den) / (2 * den));

interface Charge {
  pi: string;
  coachId: string;
  account: string;
  amount: Money;
  appFee: number;
  appFeeRefunded: number;
  stripeFee: number;
  rate: number | null;
  created: number;
  settledGross: number;
  coachNet: number;
  refunds: RefundDetails[];
  status: string;
}

export class StripeWorld implements PaymentsGateway {
  /** Settlement balances (SEK, öre): the platform and each coach account. */
  platform = 0;
  readonly coach = new Map<string, number>();
  readonly charges = new Map<string, Charge>();
  /** EUR -> SEK now; movements convert at the rate of their moment. */
  rate = 11;
  now = 1_795_000_000;
  private n = 0;
  private readonly keys = new Map<string, unknown>();
  readonly stripeCalls: string[] = [];

  private idem<T>(key: string, make: () => T): T {
    if (!this.keys.has(key)) this.keys.set(key, make());
    return this.keys.get(key) as T;
  }
  private toSek(m: Money): number {
    return m.currency === "sek" ? m.amount : Math.round(m.amount * this.rate);
  }
  private credit(account: string, amount: number) {
    this.coach.set(account, (this.coach.get(account) ?? 0) + amount);
  }

  /** A customer pays `amount` with application fee `appFee` to `coachId`'s account. */
  pay(pi: string, coachId: string, amount: Money, appFee: number, status = "succeeded"): void {
    const account = `acct_${coachId}`;
    const settledGross = this.toSek(amount);
    const feeSek = amount.currency === "sek" ? appFee : Math.round(appFee * this.rate);
    const stripeFee = Math.round(settledGross * 0.015) + 180;
    const c: Charge = {
      pi,
      coachId,
      account,
      amount,
      appFee,
      appFeeRefunded: 0,
      stripeFee,
      rate: amount.currency === "sek" ? null : this.rate,
      created: ++this.now,
      settledGross,
      coachNet: settledGross - feeSek,
      refunds: [],
      status,
    };
    this.charges.set(pi, c);
    if (status !== "succeeded") return;
    // charge + fee, transfer of the whole amount, application fee back.
    this.platform += settledGross - stripeFee - settledGross + feeSek;
    this.credit(account, settledGross - feeSek);
  }

  refundOf(
    pi: string,
    amount: number,
    opts: { reverse: boolean; feeRefund: boolean },
  ): RefundDetails {
    const c = this.charges.get(pi)!;
    const settled = c.rate === null ? amount : Math.round(amount * this.rate);
    this.platform -= settled;
    let reversal: number | null = null;
    if (opts.reverse) {
      reversal = amount;
      const reversalSek = c.rate === null ? amount : Math.round(amount * this.rate);
      this.platform += reversalSek;
      this.credit(c.account, -reversalSek);
      if (opts.feeRefund) {
        const fr = Math.min(c.appFee - c.appFeeRefunded, halfUp(amount, c.appFee, c.amount.amount));
        c.appFeeRefunded += fr;
        const frSek = c.rate === null ? fr : Math.round(fr * this.rate);
        this.platform -= frSek;
        this.credit(c.account, frSek);
      }
    }
    const r: RefundDetails = {
      id: `re_${++this.n}`,
      amount,
      status: "succeeded",
      created: ++this.now,
      transferReversalAmount: reversal,
      settled:
        c.rate === null ? null : { amount: settled, currency: "sek", exchangeRate: this.rate },
    };
    c.refunds.push(r);
    return r;
  }

  /** The bank could not pay the refund out: the money comes back; the transfer reversal stays. */
  failRefund(pi: string, refundId: string): void {
    const c = this.charges.get(pi)!;
    const r = c.refunds.find((x) => x.id === refundId)!;
    r.status = "failed";
    this.platform += r.settled?.amount ?? r.amount;
  }

  /** Stripe withdraws a chargeback from the platform: the dispute's balance transaction. */
  disputeWithdrawal(pi: string, amount: number, fee: number): { amount: number; fee: number; exchange_rate: number | null } {
    const c = this.charges.get(pi)!;
    const sek = c.rate === null ? amount : Math.round(amount * this.rate);
    this.platform -= sek + fee;
    return { amount: -sek, fee, exchange_rate: c.rate === null ? null : this.rate };
  }
  disputeReinstatement(pi: string, amount: number): { amount: number; fee: number; exchange_rate: number | null } {
    const c = this.charges.get(pi)!;
    const sek = c.rate === null ? amount : Math.round(amount * this.rate);
    this.platform += sek;
    return { amount: sek, fee: 0, exchange_rate: c.rate === null ? null : this.rate };
  }

  // ---- PaymentsGateway, answered from the world's state ----
  async getPayment(id: string): Promise<PaymentDetails> {
    this.stripeCalls.push("getPayment");
    const c = this.charges.get(id);
    if (!c) throw new Error(`No such payment_intent: '${id}'`);
    return {
      paymentIntentId: id,
      status: c.status,
      amount: c.amount,
      chargeId: `ch_${id}`,
      balanceTransactionId: `txn_${id}`,
      stripeFee: c.stripeFee,
      applicationFeeAmount: c.appFee,
      destinationAccountId: c.account,
      customerId: "cus_1",
      metadata: { kassaKind: "program", coachId: c.coachId, programId: "p1", userId: "u1" },
      description: "Program",
      created: c.created - 1,
      chargeCreated: c.created,
      amountRefunded: c.refunds.reduce((s, r) => s + r.amount, 0),
      transferId: `tr_${id}`,
      applicationFeeRefunded: c.appFeeRefunded,
      settled: { amount: c.settledGross, currency: "sek", exchangeRate: c.rate },
      coachSettled:
        c.rate === null ? null : { amount: c.coachNet, currency: "sek", exchangeRate: c.rate },
    };
  }
  async listRefunds(id: string) {
    this.stripeCalls.push("listRefunds");
    return structuredClone(this.charges.get(id)?.refunds ?? []);
  }
  async reverseTransfer(input: { idempotencyKey: string; transferId: string; amount: number }) {
    this.stripeCalls.push("reverseTransfer");
    return this.idem(input.idempotencyKey, () => {
      const c = this.charges.get(input.transferId.replace(/^tr_/, ""))!;
      const sek = c.rate === null ? input.amount : Math.round(input.amount * this.rate);
      this.credit(c.account, -sek);
      this.platform += sek;
      return { id: `trr_${++this.n}`, amount: input.amount };
    });
  }
  async createTransfer(input: {
    idempotencyKey: string;
    destinationAccountId: string;
    amount: Money;
  }) {
    this.stripeCalls.push("createTransfer");
    return this.idem(input.idempotencyKey, () => {
      const sek = this.toSek(input.amount);
      this.platform -= sek;
      this.credit(input.destinationAccountId, sek);
      return { id: `tr_${++this.n}` };
    });
  }
  async listInvoicePayments(): Promise<InvoicePaymentDetails[]> {
    return [];
  }
  async createCustomer(): Promise<string> {
    throw new Error("not modelled");
  }
  async createProductWithPrice(): Promise<{ productId: string; priceId: string }> {
    throw new Error("not modelled");
  }
  async createCheckoutSession(_: CheckoutRequest): Promise<{ id: string; url: string }> {
    throw new Error("not modelled");
  }
  async createPaymentIntent(
    _: PaymentIntentRequest,
  ): Promise<{ id: string; clientSecret: string }> {
    throw new Error("not modelled");
  }
  async createSubscription(): Promise<never> {
    throw new Error("not modelled");
  }
  async getCheckoutSession(): Promise<null> {
    return null;
  }
  async refund(_: RefundRequest): Promise<{ id: string; status: string }> {
    throw new Error("not modelled: tests call refundOf");
  }
  async setCancelAtPeriodEnd(): Promise<void> {}
}

export const SEK: Currency = "sek";
