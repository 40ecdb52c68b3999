/**
 * The money store: payments, ledger entries and coach balances, changed together in one
 * transaction so a balance never disagrees with its entries. Implemented over Firestore
 * (adapters/firebase/firestore-money-store.ts) and in memory for unit tests.
 *
 * Writes are queued and applied when the transaction function returns, so use cases may
 * interleave reads and writes freely (Firestore itself requires reads first).
 */
import type { BalanceAmounts, CoachBalance } from "../domain/balances";
import type { LedgerEntry } from "../domain/ledger-entries";
import type { Currency } from "../domain/money";
import type { PaymentStatus } from "../domain/payment-status";
import type { RollupShardDelta } from "../domain/rollups";

/** `payments/{id}`: the seed's fields plus Kassa's. Amounts in minor units of `currency`. */
export interface PaymentSettlement {
  currency: Currency;
  gross: number;
  fee: number;
  coach: number;
  exchangeRate: number;
}

export interface PaymentRecord {
  id: string;
  kind: "program" | "subscription";
  userId: string | null;
  coachId: string | null;
  programId: string | null;
  subscriptionId: string | null;
  invoiceId: string | null;
  description: string | null;
  amount: number;
  currency: Currency;
  /** Epoch ms when the payment succeeded (or was first seen). */
  date: number;
  status: PaymentStatus;
  stripePaymentId: string;
  stripeChargeId: string | null;
  feeAmount: number;
  coachAmount: number;
  /** Stripe's processing fee, read from the balance transaction. */
  stripeFee: number;
  refundedAmount: number;
  /** Epoch ms when the coach's share leaves the hold; null for subscriptions. */
  availableOn: number | null;
  /** Ids of this payment's ledger entries, so reversals read exactly these. */
  entryIds: string[];
  /** Refunds requested through Kassa; the counter makes each request's idempotency key. */
  refundRequests: number;
  /** Each refund request (client request id, amount), so a retried request reuses its key and amount. */
  refundRequestLog?: { requestId: string; amount: number }[];
  /** Set once the hold release entry is booked. */
  holdReleased: boolean;
  /** Why the attempt failed (card declined, ...), for failed payments. */
  failureReason?: string | null;
  /** The card that paid (brand and last four digits, from the charge), for the customer's receipt. */
  card?: { brand: string; last4: string } | null;
  /** Set when a dispute on this payment closed. */
  disputeOutcome?: "won" | "lost";
  /** Epoch ms by which Stripe must have the evidence for the dispute (its `evidence_details.due_by`). */
  disputeDueBy?: number;
  /**
   * Where the sale landed when Stripe converted it (an EUR sale on a SEK platform): the
   * ledger books these amounts; `amount`, `feeAmount` and `coachAmount` stay the customer's.
   */
  settlement?: PaymentSettlement;
  /** Stripe's transfer to the coach (destination charge), to take a disputed share back. */
  stripeTransferId?: string | null;
  /** Stripe money moves Kassa made for disputes: the share reversed, the share returned. */
  disputeTransfers?: {
    disputeId: string;
    reversalId?: string;
    returnTransferId?: string;
    /** A converted charge: the coach's part taken back, in the charge's currency (what the reversal and a transfer back are in). */
    coachAmount?: number;
  }[];
  /** Per booked refund, what Stripe moved on the coach's account (charge currency). */
  refundSplits?: Record<string, { reversal: number; feeRefund: number }>;
  /** An inquiry (no money moved) open or closed on this payment. */
  inquiry?: { disputeId: string; status: string };
  /** Stockholm day of `date`, for the accounting sync and day queries. */
  day: string;
  updatedAt: number;
}

export interface MoneyTx {
  getPayment(id: string): Promise<PaymentRecord | null>;
  getBalance(coachId: string, currency: Currency): Promise<CoachBalance>;
  getEntries(ids: readonly string[]): Promise<LedgerEntry[]>;
  setPayment(payment: PaymentRecord): void;
  /** Fails the whole transaction if the id exists: entries are immutable. */
  createEntry(entry: LedgerEntry): void;
  /**
   * Moves a coach balance by `delta` without reading it (an increment in Firestore), so
   * booking a sale costs no balance read; creates the document at zero if it is missing.
   */
  addToBalance(coachId: string, currency: Currency, delta: BalanceAmounts): void;
  /**
   * Adds the revenue rollups of the entries booked in this transaction (increments, no read),
   * so reports read rollups and a rollup never counts an entry that was not committed, or
   * twice (a duplicate createEntry aborts the whole transaction).
   */
  addToRollups(deltas: readonly RollupShardDelta[]): void;
}

export interface MoneyStore {
  transact<T>(fn: (tx: MoneyTx) => Promise<T>): Promise<T>;
}
