/**
 * Books a successful payment from Stripe's own record of it (never from the event payload
 * alone, which may be stale): the sale, Stripe's fee from the balance transaction, and the
 * payments document, in one transaction. Safe to call for every event about the payment:
 * whichever arrives first books it, the rest find it booked.
 *
 * A sale is dated when its charge was made (the money moved), not when the PaymentIntent was
 * created: a customer who opens the form at 23:50 and pays at 00:10 paid on the second day.
 * The amounts are those Stripe settled (sale-settlement.ts).
 */
import { DomainError } from "../../domain/errors";
import { programSaleEntry, stripeFeeEntry, subscriptionPaymentEntry } from "../../domain/ledger";
import { entryId, type LedgerEntry } from "../../domain/ledger-entries";
import { nextPaymentStatus } from "../../domain/payment-status";
import type { PaymentRecord } from "../../ports/money-store";
import type { PaymentDetails } from "../../ports/payments-gateway";
import { dayOf } from "../../domain/calendar-day";
import { bookEntries } from "../ledger/book-entries";
import type { PaymentDeps } from "./payment-deps";
import { DAY_MS, newPaymentRecord } from "./payment-record";
import { saleInLedger, type SaleInLedger } from "./sale-settlement";

export type SaleResult = "booked" | "already_booked";

const paidAt = (d: PaymentDetails): number => (d.chargeCreated ?? d.created) * 1000;

export async function recordProgramSale(
  deps: PaymentDeps,
  paymentIntentId: string,
): Promise<SaleResult | "not_ours" | "not_succeeded"> {
  const d = await deps.gateway.getPayment(paymentIntentId);
  if (d.metadata["kassaKind"] !== "program") return "not_ours";
  if (d.status !== "succeeded") return "not_succeeded";
  const coachId = d.metadata["coachId"];
  if (!coachId)
    throw new DomainError(
      "invalid_input",
      `payment ${d.paymentIntentId} has no coachId in its metadata`,
      "metadata.coachId",
    );
  const { holdDays } = await deps.settings.payments();
  const occurredAt = paidAt(d);
  const sale = saleInLedger(d, "program");
  const fee = d.applicationFeeAmount ?? 0;
  return book(
    deps,
    d,
    occurredAt,
    sale,
    programSaleEntry({
      paymentId: d.paymentIntentId,
      coachId,
      gross: sale.gross,
      fee: sale.fee,
      occurredAt,
      stripeObjectId: d.chargeId ?? d.paymentIntentId,
      ...(sale.original ? { original: sale.original } : {}),
    }),
    {
      kind: "program",
      coachId,
      programId: d.metadata["programId"] ?? null,
      userId: d.metadata["userId"] ?? null,
      feeAmount: fee,
      coachAmount: d.amount.amount - fee,
      availableOn: occurredAt + holdDays * DAY_MS,
      stripeTransferId: d.transferId,
    },
  );
}

export async function recordSubscriptionSale(
  deps: PaymentDeps,
  input: {
    paymentIntentId: string;
    invoiceId: string;
    subscriptionId: string | null;
    userId: string | null;
    paidAt: number;
  },
): Promise<SaleResult> {
  const d = await deps.gateway.getPayment(input.paymentIntentId);
  if (d.status !== "succeeded")
    throw new DomainError(
      "precondition",
      `invoice ${input.invoiceId} is paid but its payment ${d.paymentIntentId} is ${d.status}`,
    );
  const occurredAt = input.paidAt;
  const sale = saleInLedger(d, "subscription");
  return book(
    deps,
    d,
    occurredAt,
    sale,
    subscriptionPaymentEntry({
      paymentId: d.paymentIntentId,
      gross: sale.gross,
      occurredAt,
      stripeObjectId: input.invoiceId,
      ...(sale.original ? { original: sale.original } : {}),
    }),
    {
      kind: "subscription",
      userId: input.userId,
      subscriptionId: input.subscriptionId,
      invoiceId: input.invoiceId,
      feeAmount: d.amount.amount,
      coachAmount: 0,
      availableOn: null,
      holdReleased: true,
    },
  );
}

async function book(
  deps: PaymentDeps,
  d: PaymentDetails,
  occurredAt: number,
  sale: SaleInLedger,
  saleEntry: LedgerEntry,
  fields: Partial<PaymentRecord>,
): Promise<SaleResult> {
  const now = deps.clock.now().getTime();
  return deps.money.transact(async (tx) => {
    const existing = await tx.getPayment(d.paymentIntentId);
    if (existing?.entryIds.includes(entryId(d.paymentIntentId, "capture"))) return "already_booked";
    const feeEntry = d.balanceTransactionId
      ? stripeFeeEntry({
          sourceId: d.balanceTransactionId,
          fee: sale.stripeFee,
          paymentId: d.paymentIntentId,
          occurredAt,
        })
      : null;
    const booked = await bookEntries(tx, [saleEntry, feeEntry]);
    const base =
      existing ??
      newPaymentRecord(
        {
          id: d.paymentIntentId,
          kind: "program",
          amount: d.amount.amount,
          currency: d.amount.currency,
          date: occurredAt,
          stripePaymentId: d.paymentIntentId,
        },
        now,
      );
    tx.setPayment({
      ...base,
      ...fields,
      amount: d.amount.amount,
      currency: d.amount.currency,
      date: occurredAt,
      day: dayOf(occurredAt),
      description: d.description ?? base.description,
      stripeChargeId: d.chargeId,
      stripeFee: d.stripeFee,
      ...(d.card ? { card: d.card } : {}),
      ...(sale.settlement ? { settlement: sale.settlement } : {}),
      status: nextPaymentStatus(base.status, { type: "succeeded" }),
      entryIds: [...base.entryIds, ...booked.map((e) => e.id)],
      updatedAt: now,
    });
    return "booked";
  });
}
