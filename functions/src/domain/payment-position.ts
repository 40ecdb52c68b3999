/**
 * What one payment still holds: how much was paid, how much of it was already reversed
 * (refunds, open or lost disputes) and how much of the coach's share is still held.
 * Refund and dispute builders need it to split a reversal correctly and to refuse refunds
 * beyond what was paid. It is derived from the payment's own ledger entries, so it can be
 * stored on `payments/{id}` and recomputed from the ledger at any time.
 *
 * Exports: PaymentPosition, paymentPosition, refundableAmount.
 */
import { parseAccount } from "./ledger-accounts";
import type { LedgerEntry } from "./ledger-entries";
import type { Currency } from "./money";
import { DomainError } from "./errors";

export interface PaymentPosition {
  paymentId: string;
  kind: "program" | "subscription";
  /** Set for programs; subscriptions are platform-only. */
  coachId?: string;
  currency: Currency;
  gross: number;
  /** Platform fee (program) or the whole gross (subscription), VAT included. */
  platformPart: number;
  coachShare: number;
  /** Refunded plus under open or lost dispute. */
  reversedGross: number;
  reversedPlatform: number;
  reversedCoach: number;
  /** Part of this payment's coach share still in `held` (0 once the hold is released). */
  heldCoach: number;
}

export const refundableAmount = (p: PaymentPosition): number => p.gross - p.reversedGross;

interface Legs {
  stripe: number;
  fx: number;
  revenue: number;
  disputes: number;
  held: number;
  available: number;
}

function legs(entry: LedgerEntry): Legs {
  const l: Legs = { stripe: 0, fx: 0, revenue: 0, disputes: 0, held: 0, available: 0 };
  for (const p of entry.postings) {
    const a = parseAccount(p.account);
    if (a.kind === "coach") {
      if (a.bucket === "held") l.held += p.amount;
      else if (a.bucket === "available") l.available += p.amount;
    } else if (a.account === "platform:stripe_balance") l.stripe += p.amount;
    else if (a.account === "platform:fees" || a.account === "platform:subscriptions")
      l.revenue += p.amount;
    else if (a.account === "platform:disputes") l.disputes += p.amount;
    else if (a.account === "platform:fx") l.fx += p.amount;
  }
  return l;
}

/**
 * Folds the entries of one payment (any order is fine once the sale entry is among them).
 * Throws "not_found" without the sale or subscription entry: nothing can be reversed before
 * the payment is booked.
 */
export function paymentPosition(entries: readonly LedgerEntry[]): PaymentPosition {
  const sale = entries.find((e) => e.kind === "program_sale" || e.kind === "subscription_payment");
  if (!sale || !sale.refs.paymentId) {
    throw new DomainError(
      "not_found",
      "the payment has no sale entry in the ledger yet",
      "paymentId",
    );
  }
  const s = legs(sale);
  const position: PaymentPosition = {
    paymentId: sale.refs.paymentId,
    kind: sale.kind === "program_sale" ? "program" : "subscription",
    ...(sale.refs.coachId ? { coachId: sale.refs.coachId } : {}),
    currency: sale.currency,
    gross: s.stripe,
    platformPart: -s.revenue,
    coachShare: -s.held,
    reversedGross: 0,
    reversedPlatform: 0,
    reversedCoach: 0,
    heldCoach: -s.held,
  };
  for (const e of entries) {
    if (e.refs.paymentId !== position.paymentId || e === sale) continue;
    const l = legs(e);
    switch (e.kind) {
      case "refund":
        // Valued at the sale's own rate: an exchange difference is not part of the payment.
        position.reversedGross += -l.stripe - l.fx;
        position.reversedPlatform += l.revenue;
        position.reversedCoach += l.held + l.available;
        position.heldCoach -= l.held;
        break;
      case "dispute_created":
        position.reversedGross += l.disputes + l.held + l.available;
        position.reversedPlatform += l.disputes;
        position.reversedCoach += l.held + l.available;
        position.heldCoach -= l.held;
        break;
      case "dispute_won":
        // The coach's part comes back to `available` (see ledger.ts), not to `held`.
        position.reversedGross += l.disputes + l.available;
        position.reversedPlatform += l.disputes;
        position.reversedCoach += l.available;
        break;
      case "hold_release":
        position.heldCoach -= l.held;
        break;
      default:
        break;
    }
  }
  return position;
}
