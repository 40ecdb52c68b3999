/**
 * The bench's model of what Stripe itself records for the year: balance transactions on the
 * platform (accountId null) and on each coach's connected account, and payouts with their
 * status and arrival. Built from the same facts (amounts, times) the bench builds its ledger
 * entries from, never from the entries, so the Stripe column can disagree with the ledger.
 *
 * Rules, from sandbox/stripe/MODEL.md (section letters in the comments):
 * - (a) a destination charge with an application fee: the platform gets the charge (Stripe's
 *   fee on it), transfers the whole amount and gets the application fee back; the coach's
 *   account gets a `payment` whose fee is the application fee (not a Stripe fee).
 * - (b) an EUR charge settles in SEK: every balance transaction is its EUR amount x the rate,
 *   rounded half up, each on its own (the application fee too).
 * - (d) a chargeback withdraws amount + dispute fee from the platform at once; a win puts the
 *   amount (and here the fee: the bench runs the old rule, `dispute_fee_returned_on_win`) back.
 *   The coach's account is untouched by Stripe: Kassa's own transfer reversal (and, on a win,
 *   a new transfer) moves the coach's part.
 * - (e) a refund's `refund` transaction exists from its creation, also while pending; with
 *   reverse_transfer the whole refund comes back from the coach (T = A), with
 *   refund_application_fee the fee comes back in proportion, R x F / A rounded half up.
 * - (f) payouts: the `payout` transaction at creation, a `payout_failure` when it fails or the
 *   bank returns it; Stripe's status now is what the reconciliation reads.
 */
import type { StripeBalanceTxn, StripePayoutInFlight } from "../../functions/src/ports/balance-transactions.js";

/** Half up, as Stripe rounds conversions and proportional parts (MODEL.md (b), (e)). */
export const halfUp = (value: number, numerator: number, denominator: number): number => Math.floor((value * numerator * 2 + denominator) / (denominator * 2));
/** An amount in the charge's currency as a SEK balance transaction amount (rate 1 for SEK). */
export const toSek = (amount: number, rate: number): number => (rate === 1 ? amount : Math.round(amount * rate));

export class StripeSide {
  readonly txns: StripeBalanceTxn[] = [];
  readonly payouts: StripePayoutInFlight[] = [];
  private n = 0;

  private txn(accountId: string | null, type: string, createdMs: number, amount: number, stripeFee = 0, otherFee = 0): void {
    this.txns.push({ id: `txn_b${++this.n}`, accountId, type, currency: "sek", amount, net: amount - stripeFee - otherFee, stripeFee, createdMs });
  }

  /**
   * (a)+(b) A program sale: `amount` and `applicationFee` in the charge's currency, `rate` its
   * SEK rate (1 for SEK), `stripeFee` in SEK. Returns the SEK amounts Stripe settled.
   */
  programSale(input: { coachId: string; atMs: number; amount: number; applicationFee: number; rate: number; stripeFee: number }): { gross: number; applicationFee: number } {
    const gross = toSek(input.amount, input.rate);
    const fee = toSek(input.applicationFee, input.rate);
    this.txn(null, "charge", input.atMs, gross, input.stripeFee);
    this.txn(null, "transfer", input.atMs, -gross);
    this.txn(null, "application_fee", input.atMs, fee);
    this.txn(input.coachId, "payment", input.atMs, gross, 0, fee);
    return { gross, applicationFee: fee };
  }

  /** (a) A renewal: a plain charge on the platform, no transfer. */
  subscription(input: { atMs: number; amount: number; stripeFee: number }): void {
    this.txn(null, "charge", input.atMs, input.amount, input.stripeFee);
  }

  /**
   * (e) Refund R (charge currency) of a charge A with application fee F, reverse_transfer and
   * refund_application_fee (Kassa's refund-payment.ts for a program under the default
   * proportional policy), dated at its creation even when it succeeds days later.
   * Returns what Stripe reports: the transfer reversal and the fee refund (charge currency),
   * and the refund's SEK balance transaction amount.
   */
  refund(input: { coachId: string; createdMs: number; amount: number; chargeAmount: number; applicationFee: number; rate: number }): { transferReversal: number; feeRefund: number; settled: number } {
    const feeRefund = halfUp(input.amount, input.applicationFee, input.chargeAmount);
    const settled = toSek(input.amount, input.rate);
    const reversalSek = toSek(input.amount, input.rate); // R x T / A with T = A
    const feeRefundSek = toSek(feeRefund, input.rate);
    this.txn(null, "refund", input.createdMs, -settled);
    this.txn(null, "transfer_refund", input.createdMs, reversalSek);
    this.txn(input.coachId, "payment_refund", input.createdMs, -reversalSek);
    this.txn(null, "application_fee_refund", input.createdMs, -feeRefundSek);
    this.txn(input.coachId, "application_fee_refund", input.createdMs, feeRefundSek);
    return { transferReversal: input.amount, feeRefund, settled };
  }

  /**
   * (d) A chargeback's withdrawal on the platform, then Kassa's transfer reversal of the
   * coach's part (record-disputes.ts: the ledger's coach part, in the charge's currency
   * `coachInCharge`, converted by Stripe at `rate`, like a refund's reversal in (e)).
   */
  disputeOpened(input: { coachId: string; atMs: number; withdrawn: number; disputeFee: number; coachInCharge: number; rate: number }): void {
    this.txn(null, "adjustment", input.atMs, -input.withdrawn, input.disputeFee);
    const back = toSek(input.coachInCharge, input.rate);
    if (back > 0) {
      this.txn(null, "transfer_refund", input.atMs, back);
      this.txn(input.coachId, "payment_refund", input.atMs, -back);
    }
  }

  /** (d) Won: the reinstatement (fee returned: negative Stripe fee), and Kassa's new transfer of the coach's part, (a). */
  disputeWon(input: { coachId: string; atMs: number; reinstated: number; feeReturned: number; coachInCharge: number; rate: number }): void {
    this.txn(null, "adjustment", input.atMs, input.reinstated, -input.feeReturned);
    const back = toSek(input.coachInCharge, input.rate);
    if (back > 0) {
      this.txn(null, "transfer", input.atMs, -back);
      this.txn(input.coachId, "payment", input.atMs, back);
    }
  }

  /**
   * (f) A payout (coach: accountId, platform: null) created at `createdMs`; `failedMs` when it
   * failed before arriving, `returnedMs` when the bank sent it back after `paid` (Stripe's
   * status is then `failed`, so the reconciliation no longer counts it as arrived).
   */
  payout(input: { id: string; accountId: string | null; createdMs: number; amount: number; arrivalMs: number; failedMs?: number; returnedMs?: number }): void {
    this.txn(input.accountId, "payout", input.createdMs, -input.amount);
    const failedAt = input.failedMs ?? input.returnedMs;
    if (failedAt !== undefined) this.txn(input.accountId, "payout_failure", failedAt, input.amount);
    this.payouts.push({
      id: input.id,
      accountId: input.accountId,
      currency: "sek",
      amount: input.amount,
      createdMs: input.createdMs,
      status: failedAt === undefined ? "paid" : "failed",
      arrivalMs: input.failedMs ?? input.arrivalMs,
    });
  }
}
