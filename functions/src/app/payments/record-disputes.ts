/**
 * Disputes, booked when and as Stripe moves the money, and the coach's share recovered on
 * Stripe too.
 *
 * - An inquiry (`warning_needs_response` ... `warning_closed`) moves no money: it is noted on
 *   the payment and never booked.
 * - A chargeback is booked when Stripe withdraws the funds (the withdrawal balance
 *   transaction on `charge.dispute.created` or `charge.dispute.funds_withdrawn`, whichever is
 *   processed first), dated then. Whatever Stripe withdrew beyond what is left of the sale (a
 *   dispute after a refund) is booked as the platform's cost instead of being refused.
 * - On a destination charge Stripe debits the platform and leaves the coach's account alone,
 *   so the coach's part is taken back with a transfer reversal (idempotency key from the
 *   dispute id). If the coach's account cannot cover it yet (already paid out), the reversal
 *   fails, the event is retried by the sweeper and, meanwhile, the coach's Kassa balance is
 *   already reduced, so their payouts are netted until it succeeds.
 * - Won: dated when it closed; Stripe's reinstatement (and any returned fee) is booked and the
 *   coach's part is sent back to their account. Lost: the platform's suspended part becomes a
 *   reversal of its revenue, dated when it closed.
 */
import { DomainError } from "../../domain/errors";
import {
  disputeCreatedEntry,
  disputeExcessEntry,
  disputeLostEntry,
  disputeWonEntry,
} from "../../domain/ledger";
import { entryId, type LedgerEntry } from "../../domain/ledger-entries";
import { paymentPosition, refundableAmount } from "../../domain/payment-position";
import { nextPaymentStatus } from "../../domain/payment-status";
import type { PaymentRecord } from "../../ports/money-store";
import { bookEntries } from "../ledger/book-entries";
import type { PaymentDeps } from "./payment-deps";
import { ensureSale, loadPayment } from "./record-reversals";

/** A dispute's balance transaction as the event carries it (settlement currency). */
export interface DisputeMoney {
  /** > 0: withdrawn (opening) or reinstated (won), in the ledger's currency. */
  amount: number;
  /** Dispute fee withdrawn, or (reinstatement) the fee returned. */
  fee: number;
  /** Epoch seconds of the balance transaction: when Stripe moved the money. */
  created: number | null;
  /** The balance transaction's exchange_rate (ledger amount per charge-currency unit); null when nothing was converted. */
  exchangeRate: number | null;
}

export interface DisputeFacts {
  disputeId: string;
  paymentIntentId: string;
  /** The disputed amount in the charge's currency. */
  amount: number;
  status: string;
  withdrawal: DisputeMoney | null;
  reinstatement: DisputeMoney | null;
  /** Epoch seconds of the event: when Stripe moved the money or closed the dispute. */
  at: number;
  /** Epoch seconds by which the evidence must reach Stripe (`evidence_details.due_by`); null when Stripe gives none. */
  dueBy?: number | null;
}

export const isInquiry = (status: string): boolean => status.startsWith("warning_");

export async function recordInquiry(deps: PaymentDeps, d: DisputeFacts): Promise<string> {
  await ensureSale(deps, d.paymentIntentId);
  const now = deps.clock.now().getTime();
  return deps.money.transact(async (tx) => {
    const { payment } = await loadPayment(tx, d.paymentIntentId);
    if (payment.inquiry?.status === d.status) return "inquiry already noted";
    tx.setPayment({
      ...payment,
      inquiry: { disputeId: d.disputeId, status: d.status },
      updatedAt: now,
    });
    return `inquiry ${d.status}: no money moved, nothing booked`;
  });
}

/** The coach's part of a dispute in the charge's currency (what the transfer is in). */
function inChargeCurrency(payment: PaymentRecord, ledgerAmount: number): number {
  const st = payment.settlement;
  return st ? Math.round((ledgerAmount * payment.amount) / st.gross) : ledgerAmount;
}

const coachPartOf = (entry: LedgerEntry | undefined): number =>
  entry?.postings.filter((p) => p.account.startsWith("coach:")).reduce((s, p) => s + p.amount, 0) ??
  0;

export async function recordDisputeOpened(deps: PaymentDeps, d: DisputeFacts): Promise<string> {
  if (!d.withdrawal) return "no funds withdrawn yet; booked when Stripe withdraws them";
  const withdrawal = d.withdrawal;
  await ensureSale(deps, d.paymentIntentId);
  const { refundFeeReversal } = await deps.settings.payments();
  const now = deps.clock.now().getTime();
  const outcome = await deps.money.transact(async (tx) => {
    const { payment, entries } = await loadPayment(tx, d.paymentIntentId);
    const openedId = entryId(d.disputeId, "dispute");
    const excessId = entryId(d.disputeId, "dispute_excess");
    if (payment.entryIds.includes(openedId) || payment.entryIds.includes(excessId))
      return { payment, booked: null as LedgerEntry | null, note: "already booked" };
    const position = paymentPosition(entries);
    // Dated by the withdrawal itself, not by whichever event about it is processed first, so
    // redelivered or reordered events book the same entry.
    const occurredAt = (withdrawal.created ?? d.at) * 1000;
    const common = {
      disputeId: d.disputeId,
      position,
      disputeFee: { amount: withdrawal.fee, currency: position.currency },
      occurredAt,
      policy: { feeReversal: refundFeeReversal },
    };
    // Refunds of a converted sale settle at their own rates, so what they took back can exceed
    // the sale's booked gross: nothing is left to reverse then, never less than nothing.
    const refundable = Math.max(0, refundableAmount(position));
    const conv = convertedDispute(payment, d, withdrawal, refundable);
    const reversible = conv ? conv.reversible : Math.min(withdrawal.amount, refundable);
    const excess = withdrawal.amount - (conv ? conv.withdrawn : reversible);
    let coachAmount: number | undefined;
    let opened: LedgerEntry | null = null;
    if (reversible > 0) {
      const atSale = disputeCreatedEntry({ ...common, amount: { amount: reversible, currency: position.currency } });
      if (conv) {
        // Stripe takes the coach's part back in the charge's currency at the dispute's rate:
        // the coach's balance moves by exactly that, the rest is an exchange difference.
        coachAmount = inChargeCurrency(payment, coachPartOf(atSale));
        opened = disputeCreatedEntry({
          ...common,
          amount: { amount: reversible, currency: position.currency },
          settled: { withdrawn: conv.withdrawn, coach: Math.round(coachAmount * conv.rate) },
        });
      } else opened = atSale;
    }
    // The coach's part in the charge's currency (what the reversal takes back), stored in the
    // same write as the disputed status, so the coach's notification can name the amount.
    if (coachAmount === undefined && opened && payment.kind === "program") coachAmount = inChargeCurrency(payment, coachPartOf(opened));
    // With nothing left of the sale, the dispute fee goes with the excess (both are costs).
    const excessAmount = excess + (opened ? 0 : withdrawal.fee);
    const extra =
      excessAmount > 0
        ? disputeExcessEntry({
            disputeId: d.disputeId,
            position,
            amount: { amount: excessAmount, currency: position.currency },
            returned: false,
            occurredAt,
          })
        : null;
    const booked = await bookEntries(tx, [opened, extra]);
    const transfers = payment.disputeTransfers ?? [];
    tx.setPayment({
      ...payment,
      status: nextPaymentStatus(payment.status, { type: "dispute_opened" }),
      // Stripe's deadline for the evidence, for the admins' alert and the payments list.
      ...(d.dueBy ? { disputeDueBy: d.dueBy * 1000 } : {}),
      entryIds: [...payment.entryIds, ...booked.map((e) => e.id)],
      ...(coachAmount !== undefined
        ? { disputeTransfers: [...transfers.filter((t) => t.disputeId !== d.disputeId), { ...transfers.find((t) => t.disputeId === d.disputeId), disputeId: d.disputeId, coachAmount }] }
        : {}),
      updatedAt: now,
    });
    return {
      payment,
      booked: opened,
      coachAmount,
      note: excess > 0 ? `booked (${excess} beyond the sale)` : "booked",
    };
  });
  const entry =
    outcome.booked ??
    (await deps.money.transact((tx) => tx.getEntries([entryId(d.disputeId, "dispute")])))[0];
  const coach = outcome.coachAmount ?? coachInChargeCurrency(outcome.payment, d.disputeId, coachPartOf(entry));
  await recoverCoachShare(deps, outcome.payment, d.disputeId, coach);
  return outcome.note;
}

/**
 * A dispute of a charge Stripe converted (an EUR charge on a SEK platform): what is reversed of
 * the sale, valued as the sale was booked (the disputed share of its settled gross, within
 * what is left of it), what Stripe withdrew for that part, and the dispute's rate. Null when
 * nothing was converted.
 */
function convertedDispute(
  payment: PaymentRecord,
  d: DisputeFacts,
  withdrawal: DisputeMoney,
  refundable: number,
): { reversible: number; withdrawn: number; rate: number } | null {
  const st = payment.settlement;
  const rate = withdrawal.exchangeRate;
  if (!st || rate === null || payment.currency === st.currency || payment.amount <= 0 || d.amount <= 0) return null;
  const atSale = Math.round((d.amount * st.gross) / payment.amount);
  const reversible = Math.min(atSale, refundable);
  const withdrawn = reversible >= atSale ? withdrawal.amount : Math.round((withdrawal.amount * reversible) / atSale);
  return { reversible, withdrawn, rate };
}

/** The coach's part of a dispute in the charge's currency: as recorded at opening, else from the ledger's part. */
function coachInChargeCurrency(payment: PaymentRecord, disputeId: string, coachLedger: number): number {
  return payment.disputeTransfers?.find((t) => t.disputeId === disputeId)?.coachAmount ?? inChargeCurrency(payment, coachLedger);
}

/** Takes the coach's part back from their Stripe account; safe to repeat (idempotency key). */
async function recoverCoachShare(
  deps: PaymentDeps,
  payment: PaymentRecord,
  disputeId: string,
  /** In the charge's currency. */
  coachAmount: number,
): Promise<void> {
  if (payment.kind !== "program" || coachAmount <= 0) return;
  const transferId =
    payment.stripeTransferId ?? (await deps.gateway.getPayment(payment.id)).transferId;
  if (!transferId) return;
  const reversal = await deps.gateway.reverseTransfer({
    idempotencyKey: `${disputeId}:reverse_transfer`,
    transferId,
    amount: coachAmount,
    metadata: { kassaPaymentId: payment.id, kassaDisputeId: disputeId },
  });
  await noteDisputeTransfer(deps, payment.id, disputeId, { reversalId: reversal.id });
}

async function noteDisputeTransfer(
  deps: PaymentDeps,
  paymentId: string,
  disputeId: string,
  patch: { reversalId?: string; returnTransferId?: string },
): Promise<void> {
  const now = deps.clock.now().getTime();
  await deps.money.transact(async (tx) => {
    const p = await tx.getPayment(paymentId);
    if (!p) return;
    const list = p.disputeTransfers ?? [];
    const mine = list.find((t) => t.disputeId === disputeId) ?? { disputeId };
    tx.setPayment({
      ...p,
      disputeTransfers: [...list.filter((t) => t.disputeId !== disputeId), { ...mine, ...patch }],
      updatedAt: now,
    });
  });
}

export async function recordDisputeClosed(deps: PaymentDeps, d: DisputeFacts): Promise<string> {
  const won = d.status === "won";
  if (!won && d.status !== "lost") return "not final";
  const now = deps.clock.now().getTime();
  // A win is dated by Stripe's reinstatement, so funds_reinstated and closed book the same entry.
  const occurredAt = ((won ? d.reinstatement?.created : null) ?? d.at) * 1000;
  const result = await deps.money.transact(async (tx) => {
    const { payment, entries } = await loadPayment(tx, d.paymentIntentId);
    const closingId = entryId(d.disputeId, won ? "dispute_won" : "dispute_lost");
    const returnedId = entryId(d.disputeId, "dispute_excess_returned");
    if (payment.entryIds.includes(closingId) || payment.entryIds.includes(returnedId))
      return {
        payment,
        note: "already booked",
        // Asked again on a repeated event: the idempotency key makes the transfer happen once.
        coachBack: won
          ? coachPartOf((await tx.getEntries([entryId(d.disputeId, "dispute")]))[0])
          : 0,
      };
    const [created] = await tx.getEntries([entryId(d.disputeId, "dispute")]);
    const [excess] = await tx.getEntries([entryId(d.disputeId, "dispute_excess")]);
    if (!created && !excess)
      throw new DomainError(
        "precondition",
        `dispute ${d.disputeId} opening is not booked yet; will retry`,
      );
    const fresh: (LedgerEntry | null)[] = [];
    const position = paymentPosition(entries);
    const excessAmount = excess
      ? -(excess.postings.find((p) => p.account === "platform:stripe_balance")?.amount ?? 0)
      : 0;
    if (won) {
      const reinstated = d.reinstatement;
      // Only what Stripe gives back returns; a dispute fee booked with the excess stays a cost
      // unless the reinstatement returns it too.
      const feeWithdrawn = d.withdrawal?.fee ?? 0;
      const excessBack = created
        ? excessPartOf(reinstated?.amount ?? null, saleWithdrawn(created), excessAmount)
        : Math.min(
            excessAmount,
            reinstated ? reinstated.amount + reinstated.fee : excessAmount - feeWithdrawn,
          );
      const fromSale = reinstated ? reinstated.amount - excessBack : undefined;
      // A converted charge: the transfer back gives the coach the EUR part at today's rate.
      const coachAmount = payment.disputeTransfers?.find((t) => t.disputeId === d.disputeId)?.coachAmount;
      const coachReturned =
        coachAmount !== undefined && reinstated?.exchangeRate != null ? Math.round(coachAmount * reinstated.exchangeRate) : undefined;
      if (created)
        fresh.push(
          disputeWonEntry({
            created,
            occurredAt,
            ...(coachReturned !== undefined ? { coachReturned } : {}),
            ...(fromSale !== undefined
              ? { reinstated: { amount: fromSale, currency: created.currency } }
              : {}),
            ...(reinstated && reinstated.fee > 0
              ? { feeReturned: { amount: reinstated.fee, currency: created.currency } }
              : {}),
          }),
        );
      if (excess && excessBack > 0)
        fresh.push(
          disputeExcessEntry({
            disputeId: d.disputeId,
            position,
            amount: { amount: excessBack, currency: position.currency },
            returned: true,
            occurredAt,
          }),
        );
    } else if (created) {
      fresh.push(disputeLostEntry({ created, occurredAt }));
    }
    const booked = await bookEntries(tx, fresh);
    tx.setPayment({
      ...payment,
      status: nextPaymentStatus(payment.status, {
        type: "dispute_closed",
        won,
        refundedTotal: payment.refundedAmount,
        gross: payment.amount,
      }),
      entryIds: [...payment.entryIds, ...booked.map((e) => e.id)],
      disputeOutcome: won ? "won" : "lost",
      updatedAt: now,
    });
    return { payment, note: "booked", coachBack: won ? coachPartOf(created) : 0 };
  });
  if (won && result.coachBack > 0)
    await returnCoachShare(deps, result.payment, d.disputeId, result.coachBack);
  return result.note;
}

/** What Stripe withdrew for the sale's part at opening, without the dispute fee. */
function saleWithdrawn(created: LedgerEntry): number {
  const at = (account: string) => created.postings.find((p) => p.account === account)?.amount ?? 0;
  return -at("platform:stripe_balance") - at("stripe:dispute_fees");
}

/**
 * The part of a reinstatement that returns what was withdrawn beyond the sale. Stripe
 * reinstates the whole disputed amount in one balance transaction; a converted charge comes
 * back at another rate than it went, so the reinstatement is split in the proportion the
 * withdrawal was (both are the same charge-currency amount at one rate each). Without a
 * converted charge that gives the excess back exactly.
 */
export function excessPartOf(reinstated: number | null, sale: number, excess: number): number {
  if (reinstated === null || excess <= 0) return Math.max(0, excess);
  const withdrawn = sale + excess;
  if (reinstated >= withdrawn) return excess;
  return Math.round((reinstated * excess) / withdrawn);
}

/** A won dispute: the coach's part, taken back at opening, goes back to their account. */
async function returnCoachShare(
  deps: PaymentDeps,
  payment: PaymentRecord,
  disputeId: string,
  coachLedger: number,
): Promise<void> {
  const reversed = (payment.disputeTransfers ?? []).find(
    (t) => t.disputeId === disputeId,
  )?.reversalId;
  if (!reversed) return; // nothing was taken back on Stripe, so nothing to give back
  const details = await deps.gateway.getPayment(payment.id);
  if (!details.destinationAccountId) return;
  const transfer = await deps.gateway.createTransfer({
    idempotencyKey: `${disputeId}:return_transfer`,
    destinationAccountId: details.destinationAccountId,
    amount: { amount: coachInChargeCurrency(payment, disputeId, coachLedger), currency: payment.currency },
    sourceChargeId: details.chargeId,
    metadata: { kassaPaymentId: payment.id, kassaDisputeId: disputeId },
  });
  await noteDisputeTransfer(deps, payment.id, disputeId, { returnTransferId: transfer.id });
}
