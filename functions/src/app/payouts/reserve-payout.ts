/**
 * Phase one of a payout: available -> in_payout and the `payouts/{id}` document, in one
 * transaction with the coach's open-payout marker. Called by the weekly run's task and by
 * a coach's request; both go through the same marker, so they cannot both pay the same öre.
 *
 * The sales a payout pays for are read here, inside the same transaction as the balance:
 * read before it, a hold released in between would be in the amount but on no payout's lines.
 */
import { bookEntries } from "../ledger/book-entries";
import { payoutReserveEntry } from "../../domain/ledger";
import type { Currency } from "../../domain/money";
import type { CoachBalance } from "../../domain/balances";
import type { PayoutStatus } from "../../domain/payout-status";
import type { CoachRecord, PayoutAuditRecord, PayoutLineItem, PayoutRecord, PayoutTrigger, PayoutTx } from "../../ports/payout-store";
import { lineItemsOf } from "./payout-records";
import { transitionPayout } from "../../domain/payout-lifecycle";
import { DomainError } from "../../domain/errors";

function claimForSending(p: PayoutRecord, now: number): PayoutRecord {
  const step = transitionPayout(p, { type: "send", at: now });
  if (step.effect !== "call_stripe") throw new DomainError("precondition", `Payout ${p.id} ${step.note}: it cannot be sent now.`, "payoutId");
  return step.payout;
}

/** Sales listed per payout at most; the rest follow on the next one (the marker stops at the last listed). */
export const MAX_PAYOUT_SALES = 500;

export interface Cover {
  paymentIds: string[];
  lineItems: PayoutLineItem[];
  through: number | null;
  /** Moves the coach's paid-through marker and takes the carried lines. */
  coachPatch: Pick<CoachRecord, "paidThrough"> & { carriedLines: NonNullable<CoachRecord["carriedLines"]> };
}

/** What a payout of `amount` pays for: carried sales, then sales released since the marker. */
export async function coverFor(tx: PayoutTx, coach: CoachRecord, currency: Currency, amount: number, now: number): Promise<Cover> {
  const before = coach.paidThrough[currency] ?? 0;
  const related = await tx.releasedPayments(coach.uid, currency, before, now, MAX_PAYOUT_SALES);
  const carried = coach.carriedLines?.[currency];
  const through = related.reduce((max, p) => Math.max(max, p.availableOn ?? 0), before);
  const carriedLines = { ...(coach.carriedLines ?? {}) };
  delete carriedLines[currency];
  return {
    paymentIds: [...(carried?.paymentIds ?? []), ...related.map((p) => p.id)],
    lineItems: lineItemsOf(carried, related, amount),
    through: through || null,
    coachPatch: { paidThrough: { ...coach.paidThrough, [currency]: through }, carriedLines },
  };
}

export interface ReserveInput {
  payoutId: string;
  coach: CoachRecord;
  amount: number;
  currency: Currency;
  status: Extract<PayoutStatus, "requested" | "approved">;
  requiredApprovals: number;
  trigger: PayoutTrigger;
  runId: string | null;
  requestedBy: string | null;
  now: number;
  /**
   * The balance the caller read in this same transaction to decide the amount. Passed on
   * rather than read again: a second read of the document in one transaction is a second
   * billed read, and nothing in between writes it.
   */
  balance: CoachBalance;
  /** More coach fields to write in the same (single) update of `coaches/{uid}`. */
  coachPatch?: Partial<CoachRecord>;
  /**
   * Create it already claimed for sending (approved -> sending through the lifecycle, in
   * this transaction): the weekly run sends at once, and a separate claim transaction would
   * cost a read and a write per coach. Only with status "approved".
   */
  sendNow?: boolean;
  /** The first audit record (a coach's request); weekly-run payouts start without one. */
  audit?: Pick<PayoutAuditRecord, "action" | "by" | "byRole" | "reason">;
}

export async function reservePayout(tx: PayoutTx, input: ReserveInput): Promise<PayoutRecord> {
  const { coach, currency, now, balance } = input;
  const entry = payoutReserveEntry({ payoutId: input.payoutId, coachId: coach.uid, amount: { amount: input.amount, currency }, balance, occurredAt: now });
  await bookEntries(tx, [entry]);
  const cover = await coverFor(tx, coach, currency, input.amount, now);
  const reserved: PayoutRecord = {
    id: input.payoutId,
    coachId: coach.uid,
    amount: input.amount,
    currency,
    date: now,
    status: input.status,
    trigger: input.trigger,
    runId: input.runId,
    stripeAccountId: coach.stripeAccountId ?? "",
    stripePayoutId: null,
    attempt: 1,
    pastAttempts: [],
    sendStartedAt: null,
    relatedPaymentIds: cover.paymentIds,
    lineItems: cover.lineItems,
    paidThrough: cover.through,
    failureCode: null,
    failureReason: null,
    requestedBy: input.requestedBy,
    decidedBy: null,
    approvals: [],
    requiredApprovals: input.requiredApprovals,
    auditCount: input.audit ? 1 : 0,
    updatedAt: now,
  };
  const payout = input.sendNow ? claimForSending(reserved, now) : reserved;
  tx.createPayout(payout);
  if (input.audit) {
    tx.appendAudit({ id: `${payout.id}:0001`, payoutId: payout.id, coachId: coach.uid, ...input.audit, at: now, from: null, to: payout.status, attempt: 1, amount: payout.amount, currency });
  }
  tx.updateCoach(coach.uid, {
    openPayouts: { ...coach.openPayouts, [currency]: payout.id },
    ...cover.coachPatch,
    ...input.coachPatch,
    updatedAt: now,
  });
  return payout;
}
