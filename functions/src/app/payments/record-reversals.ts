/**
 * Refunds and disputes, booked from Stripe's state of the payment. The payment's own ledger
 * entries give its position (what is left to reverse, how much of the coach's share is still
 * held), so the coach's part comes out of held first, then available, and nothing is
 * reversed twice: each refund or dispute step has its own entry id.
 */
import { DomainError } from "../../domain/errors";
import {
  disputeCreatedEntry,
  disputeLostEntry,
  disputeWonEntry,
  refundEntry,
} from "../../domain/ledger";
import { entryId, type LedgerEntry } from "../../domain/ledger-entries";
import { paymentPosition } from "../../domain/payment-position";
import { nextPaymentStatus } from "../../domain/payment-status";
import type { MoneyTx, PaymentRecord } from "../../ports/money-store";
import { bookEntries } from "../ledger/book-entries";
import type { PaymentDeps } from "./payment-deps";
import { recordProgramSale } from "./record-sale";

async function loadPayment(
  tx: MoneyTx,
  paymentIntentId: string,
): Promise<{ payment: PaymentRecord; entries: LedgerEntry[] }> {
  const payment = await tx.getPayment(paymentIntentId);
  if (!payment || !payment.entryIds.includes(entryId(paymentIntentId, "capture"))) {
    // Retried later: the sale's own event (or invoice.paid) books it first.
    throw new DomainError(
      "precondition",
      `payment ${paymentIntentId} is not booked yet; will retry`,
    );
  }
  return { payment, entries: await tx.getEntries(payment.entryIds) };
}

/** A refund event may overtake the sale's events: book the sale first when it is a program. */
async function ensureSale(deps: PaymentDeps, paymentIntentId: string): Promise<void> {
  await recordProgramSale(deps, paymentIntentId);
}

/**
 * `settledAt` (refund id -> epoch seconds) dates a refund that was pending when created and
 * succeeded later on the day it succeeded, as the event that said so tells; any other refund
 * is dated at its creation. Pending and failed refunds are never booked: no money moved.
 */
export async function syncRefunds(
  deps: PaymentDeps,
  paymentIntentId: string,
  settledAt: Readonly<Record<string, number>> = {},
): Promise<{ booked: number }> {
  await ensureSale(deps, paymentIntentId);
  const refunds = (await deps.gateway.listRefunds(paymentIntentId)).filter(
    (r) => r.status === "succeeded",
  );
  const { refundFeeReversal } = await deps.settings.payments();
  const now = deps.clock.now().getTime();
  return deps.money.transact(async (tx) => {
    const { payment, entries } = await loadPayment(tx, paymentIntentId);
    const fresh: LedgerEntry[] = [];
    for (const r of [...refunds].sort((a, b) => a.created - b.created)) {
      if (payment.entryIds.includes(entryId(r.id, "refund"))) continue;
      const position = paymentPosition([...entries, ...fresh]);
      fresh.push(
        refundEntry({
          refundId: r.id,
          position,
          amount: { amount: r.amount, currency: payment.currency },
          occurredAt: (settledAt[r.id] ?? r.created) * 1000,
          policy: { feeReversal: refundFeeReversal },
        }),
      );
    }
    if (fresh.length === 0) return { booked: 0 };
    await bookEntries(tx, fresh);
    const refundedTotal =
      payment.refundedAmount +
      fresh.reduce(
        (s, e) =>
          s - (e.postings.find((p) => p.account === "platform:stripe_balance")?.amount ?? 0),
        0,
      );
    tx.setPayment({
      ...payment,
      refundedAmount: refundedTotal,
      status: nextPaymentStatus(payment.status, {
        type: "refunded",
        refundedTotal,
        gross: payment.amount,
      }),
      entryIds: [...payment.entryIds, ...fresh.map((e) => e.id)],
      updatedAt: now,
    });
    return { booked: fresh.length };
  });
}

export interface DisputeFacts {
  disputeId: string;
  paymentIntentId: string;
  amount: number;
  /** Stripe's dispute fee from the dispute's balance transactions (0 if none). */
  fee: number;
  status: string;
  /** Epoch seconds. */
  created: number;
}

export async function recordDisputeOpened(
  deps: PaymentDeps,
  dispute: DisputeFacts,
): Promise<"booked" | "already_booked"> {
  await ensureSale(deps, dispute.paymentIntentId);
  const { refundFeeReversal } = await deps.settings.payments();
  const now = deps.clock.now().getTime();
  return deps.money.transact(async (tx) => {
    const { payment, entries } = await loadPayment(tx, dispute.paymentIntentId);
    const id = entryId(dispute.disputeId, "dispute");
    if (payment.entryIds.includes(id)) return "already_booked";
    const entry = disputeCreatedEntry({
      disputeId: dispute.disputeId,
      position: paymentPosition(entries),
      amount: { amount: dispute.amount, currency: payment.currency },
      disputeFee: { amount: dispute.fee, currency: payment.currency },
      occurredAt: dispute.created * 1000,
      policy: { feeReversal: refundFeeReversal },
    });
    await bookEntries(tx, [entry]);
    tx.setPayment({
      ...payment,
      status: nextPaymentStatus(payment.status, { type: "dispute_opened" }),
      entryIds: [...payment.entryIds, entry.id],
      updatedAt: now,
    });
    return "booked";
  });
}

export async function recordDisputeClosed(
  deps: PaymentDeps,
  dispute: DisputeFacts,
): Promise<"booked" | "already_booked" | "not_final"> {
  const won = dispute.status === "won";
  if (!won && dispute.status !== "lost") return "not_final";
  const now = deps.clock.now().getTime();
  return deps.money.transact(async (tx) => {
    const { payment } = await loadPayment(tx, dispute.paymentIntentId);
    const createdId = entryId(dispute.disputeId, "dispute");
    const closingId = entryId(dispute.disputeId, won ? "dispute_won" : "dispute_lost");
    if (payment.entryIds.includes(closingId)) return "already_booked";
    const [created] = await tx.getEntries([createdId]);
    if (!created)
      throw new DomainError(
        "precondition",
        `dispute ${dispute.disputeId} opening is not booked yet; will retry`,
      );
    const occurredAt = dispute.created * 1000;
    const entry = won
      ? disputeWonEntry({ created, occurredAt })
      : disputeLostEntry({ created, occurredAt });
    const booked = await bookEntries(tx, [entry]);
    tx.setPayment({
      ...payment,
      status: nextPaymentStatus(payment.status, {
        type: "dispute_closed",
        won,
        refundedTotal: payment.refundedAmount,
        gross: payment.amount,
      }),
      // A lost dispute with nothing left to book still counts as closed.
      entryIds: [...payment.entryIds, ...(booked.length > 0 ? booked.map((e) => e.id) : [])],
      disputeOutcome: won ? "won" : "lost",
      updatedAt: now,
    });
    return "booked";
  });
}
