import { promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import type Stripe from "stripe";

export interface IdempotencyRecord {
  key: string;
  account: string;
  method: string;
  path: string;
  paramsHash: string;
  status: number;
  body: string;
  created: number;
  /** Stripe's `Original-Request` header on a replay names the first request's id. */
  request_id?: string;
}

export interface DeliveryAttempt {
  at: number;
  status: number | null;
  error: string | null;
  bad_signature: boolean;
}

export interface Delivery {
  id: string;
  event_id: string;
  event_type: string;
  endpoint_id: string;
  url: string;
  status: "pending" | "succeeded" | "failed";
  attempts: DeliveryAttempt[];
  next_attempt_at: number | null;
  duplicate_of: string | null;
}

/** Things a test card decided that later steps (renewals, disputes) need to remember. */
export interface CardMemory {
  card: string;
}

/**
 * Everything the sandbox knows, as plain JSON so it can be written to one file. Objects are
 * stored as the SDK types they are served as; `owner` says which account (platform or
 * connected) an object lives on, because Stripe scopes reads by the Stripe-Account header.
 */
export interface SandboxState {
  version: 1;
  clockOffsetSeconds: number;
  platformAccountId: string;
  owner: Record<string, string>;
  accounts: Record<string, Stripe.Account>;
  customers: Record<string, Stripe.Customer>;
  products: Record<string, Stripe.Product>;
  prices: Record<string, Stripe.Price>;
  checkoutSessions: Record<string, Stripe.Checkout.Session>;
  checkoutLineItems: Record<string, Stripe.LineItem[]>;
  paymentIntents: Record<string, Stripe.PaymentIntent>;
  charges: Record<string, Stripe.Charge>;
  refunds: Record<string, Stripe.Refund>;
  disputes: Record<string, Stripe.Dispute>;
  transfers: Record<string, Stripe.Transfer>;
  transferReversals: Record<string, Stripe.TransferReversal>;
  applicationFees: Record<string, Stripe.ApplicationFee>;
  feeRefunds: Record<string, Stripe.FeeRefund>;
  payouts: Record<string, Stripe.Payout>;
  subscriptions: Record<string, Stripe.Subscription>;
  invoices: Record<string, Stripe.Invoice>;
  invoicePayments: Record<string, Stripe.InvoicePayment>;
  events: Record<string, Stripe.Event>;
  webhookEndpoints: Record<string, Stripe.WebhookEndpoint>;
  balanceTransactions: Record<string, Stripe.BalanceTransaction>;
  /** balance transaction ids per account, oldest first: balances are summed from these. */
  ledger: Record<string, string[]>;
  /** test card used per customer / payment intent, so renewals behave like the first payment. */
  cards: Record<string, CardMemory>;
  idempotency: Record<string, IdempotencyRecord>;
  deliveries: Record<string, Delivery>;
  /** Checkout parameters the session object does not show but its payment needs. */
  checkoutOptions: Record<string, { payment_intent_data: Stripe.Checkout.SessionCreateParams.PaymentIntentData; subscription_data: Stripe.Checkout.SessionCreateParams.SubscriptionData }>;
  /** Webhook endpoints registered with connect=true receive connected accounts' events. */
  connectEndpoints: Record<string, boolean>;
  /** Things that happen later on their own (a SEPA payment settling, a pending refund), by object id. */
  timers: Record<string, { kind: "payment" | "refund"; due: number }>;
  /** Exchange rates set by tests ("eur:sek" -> 11.2); defaults in fx.ts. */
  exchangeRates: Record<string, number>;
  /** Next invoice number per customer. */
  invoiceSeq: Record<string, number>;
}

export function emptyState(platformAccountId: string): SandboxState {
  return {
    version: 1,
    clockOffsetSeconds: 0,
    platformAccountId,
    owner: {},
    accounts: {},
    customers: {},
    products: {},
    prices: {},
    checkoutSessions: {},
    checkoutLineItems: {},
    paymentIntents: {},
    charges: {},
    refunds: {},
    disputes: {},
    transfers: {},
    transferReversals: {},
    applicationFees: {},
    feeRefunds: {},
    payouts: {},
    subscriptions: {},
    invoices: {},
    invoicePayments: {},
    events: {},
    webhookEndpoints: {},
    balanceTransactions: {},
    ledger: {},
    cards: {},
    idempotency: {},
    deliveries: {},
    connectEndpoints: {},
    checkoutOptions: {},
    invoiceSeq: {},
    exchangeRates: {},
    timers: {},
  };
}

export function loadState(file: string | undefined, platformAccountId: string): SandboxState {
  if (!file) return emptyState(platformAccountId);
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as SandboxState;
    if (parsed.version !== 1) return emptyState(platformAccountId);
    return { ...emptyState(parsed.platformAccountId), ...parsed };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return emptyState(platformAccountId);
    throw err;
  }
}

/**
 * Debounced whole-file writes with an atomic rename: a crash mid-write leaves the previous
 * file intact, and bursts of API calls cost one write instead of hundreds.
 */
export class StateWriter {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string | undefined,
    private readonly snapshot: () => SandboxState,
    private readonly debounceMs = 200,
  ) {}

  schedule(): void {
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.debounceMs);
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const file = this.file;
    if (!file) return;
    const body = JSON.stringify(this.snapshot());
    this.writing = this.writing.then(async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, body);
      await fs.rename(tmp, file);
    });
    await this.writing;
  }
}
