/**
 * Refunds, booked from Stripe's state of the payment (disputes: record-disputes.ts). The payment's own ledger
 * entries give its position (what is left to reverse, how much of the coach's share is still
 * held), so the coach's part comes out of held first, then available, and nothing is
 * reversed twice: each refund or dispute step has its own entry id.
 */
import { DomainError } from "../../domain/errors";
import { refundFailedEntry, settledRefundEntry } from "../../domain/ledger";
import { coachPartsOfRefunds, refundInLedger } from "../../domain/refund-split";
import { entryId, type LedgerEntry } from "../../domain/ledger-entries";
import { paymentPosition } from "../../domain/payment-position";
import { nextPaymentStatus } from "../../domain/payment-status";
import type { MoneyTx, PaymentRecord } from "../../ports/money-store";
import type { PaymentDetails, RefundDetails } from "../../ports/payments-gateway";
import { bookEntries } from "../ledger/book-entries";
import type { PaymentDeps } from "./payment-deps";
import { recordProgramSale } from "./record-sale";

export async function loadPayment(
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
export async function ensureSale(deps: PaymentDeps, paymentIntentId: string): Promise<void> {
  await recordProgramSale(deps, paymentIntentId);
}

/**
 * `settledAt` (refund id -> epoch seconds) dates a refund that was pending when created and
 * succeeded later on the day it succeeded, as the event that said so tells; any other refund
 * is dated at its creation. Pending and failed refunds are never booked: no money moved.
 * Each refund is split as Stripe moved the money (refund-split.ts), not as settings say.
 */
/**
 * Stripe reports the application fee's refunds as one running total, so the part of it not
 * yet attributed to booked refunds (kept on the payment, `refundSplits`) is what the new
 * refunds are attributed, in order: a change of flags between refunds still adds up exactly.
 */
function refundCoachParts(
  payment: PaymentRecord,
  refunds: readonly RefundDetails[],
  details: PaymentDetails,
) {
  const splits = payment.refundSplits ?? {};
  const attributed = Object.values(splits).reduce((sum, s) => sum + s.feeRefund, 0);
  const fresh = refunds.filter((r) => !payment.entryIds.includes(entryId(r.id, "refund")));
  return coachPartsOfRefunds(fresh, {
    gross: details.amount.amount,
    applicationFee: details.applicationFeeAmount ?? 0,
    applicationFeeRefunded: details.applicationFeeRefunded - attributed,
  });
}

export async function syncRefunds(
  deps: PaymentDeps,
  paymentIntentId: string,
  settledAt: Readonly<Record<string, number>> = {},
): Promise<{ booked: number }> {
  await ensureSale(deps, paymentIntentId);
  const [details, all] = await Promise.all([
    deps.gateway.getPayment(paymentIntentId),
    deps.gateway.listRefunds(paymentIntentId),
  ]);
  const refunds = all.filter((r) => r.status === "succeeded");
  const now = deps.clock.now().getTime();
  const outcome = await deps.money.transact(async (tx) => {
    const { payment, entries } = await loadPayment(tx, paymentIntentId);
    const coachParts = refundCoachParts(payment, refunds, details);
    const splits = { ...(payment.refundSplits ?? {}) };
    const fresh: LedgerEntry[] = [];
    for (const r of [...refunds].sort((a, b) => a.created - b.created)) {
      if (payment.entryIds.includes(entryId(r.id, "refund"))) continue;
      const position = paymentPosition([...entries, ...fresh]);
      const none = { reversal: 0, feeRefund: 0 };
      const coach = payment.kind === "program" ? (coachParts.get(r.id) ?? none) : none;
      splits[r.id] = coach;
      const st = payment.settlement;
      const split = refundInLedger(
        r.amount,
        coach,
        st
          ? {
              sale: { gross: payment.amount, settledGross: st.gross },
              settledAmount: r.settled?.amount ?? null,
              rate: r.settled?.exchangeRate ?? st.exchangeRate,
            }
          : null,
      );
      fresh.push(
        settledRefundEntry({
          refundId: r.id,
          position,
          settled: { amount: split.settled, currency: position.currency },
          coach: split.coach,
          platform: split.platform,
          occurredAt: (settledAt[r.id] ?? r.created) * 1000,
          ...(st
            ? {
                original: {
                  amount: r.amount,
                  currency: payment.currency,
                  exchangeRate: r.settled?.exchangeRate ?? st.exchangeRate,
                },
              }
            : {}),
        }),
      );
    }
    // A refund booked as succeeded that Stripe now reports failed: undo it, dated now.
    const returned: { refundId: string; coach: number }[] = [];
    for (const r of all.filter((x) => x.status === "failed")) {
      const [booked] = entries.filter((e) => e.id === entryId(r.id, "refund"));
      if (!booked) continue;
      if (!payment.entryIds.includes(entryId(r.id, "refund_failed")))
        fresh.push(refundFailedEntry({ refund: booked, occurredAt: now }));
      // Asked again on every event about it: the idempotency key makes it happen once.
      const part = splits[r.id];
      if (part && part.reversal - part.feeRefund > 0)
        returned.push({ refundId: r.id, coach: part.reversal - part.feeRefund });
    }
    if (fresh.length === 0) return { booked: 0, returned };
    await bookEntries(tx, fresh);
    // Kept in the customer's currency: what the customer got back.
    const refundedTotal = Math.min(
      payment.amount,
      refunds
        .filter((r) =>
          [...payment.entryIds, ...fresh.map((e) => e.id)].includes(entryId(r.id, "refund")),
        )
        .reduce((sum, r) => sum + r.amount, 0),
    );
    tx.setPayment({
      ...payment,
      refundSplits: splits,
      refundedAmount: refundedTotal,
      status: nextPaymentStatus(payment.status, {
        type: "refunded",
        refundedTotal,
        gross: payment.amount,
      }),
      entryIds: [...payment.entryIds, ...fresh.map((e) => e.id)],
      updatedAt: now,
    });
    return { booked: fresh.length, returned };
  });
  // Stripe keeps the transfer reversal of a failed refund: give the coach their part back.
  for (const r of outcome.returned) {
    if (!details.destinationAccountId) break;
    await deps.gateway.createTransfer({
      idempotencyKey: `${r.refundId}:refund_failed_return`,
      destinationAccountId: details.destinationAccountId,
      amount: { amount: r.coach, currency: details.amount.currency },
      sourceChargeId: details.chargeId,
      metadata: { kassaPaymentId: paymentIntentId, kassaRefundId: r.refundId },
    });
  }
  return { booked: outcome.booked };
}
