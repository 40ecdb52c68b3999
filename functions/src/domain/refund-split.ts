/**
 * How Stripe split each refund of a destination charge between the coach and the platform,
 * read from what Stripe did rather than from Kassa's settings (a dashboard refund without
 * "reverse transfer", or one made under another policy, moves money differently).
 *
 * For a destination charge with an application fee the transfer is the whole amount, so a
 * refund's transfer reversal takes the whole refund back from the coach's account, and an
 * application fee refund gives part of it back: the coach bears reversal - fee refund.
 * Stripe reports the application fee's refunds as one running total, so each refund with a
 * reversal is attributed its proportional fee refund (Stripe's own rounding, half up) in the
 * order the refunds were made, capped by what the total says was given back.
 *
 * Exports: RefundFacts, coachPartsOfRefunds, RefundInLedger, refundInLedger.
 */
import { mulDivHalfUp } from "./fee-split";

export interface RefundFacts {
  id: string;
  amount: number;
  /** Epoch seconds; orders the attribution. */
  created: number;
  transferReversalAmount: number | null;
}

/** What moved on the coach's account for one refund, in the charge's currency. */
export interface CoachRefundPart {
  /** Taken back from the coach (the transfer reversal). */
  reversal: number;
  /** Given back to the coach (the application fee refund attributed to this refund). */
  feeRefund: number;
}

/** Refund id -> what the coach's account gave and got back, for every refund given. */
export function coachPartsOfRefunds(
  refunds: readonly RefundFacts[],
  charge: { gross: number; applicationFee: number; applicationFeeRefunded: number },
): Map<string, CoachRefundPart> {
  const parts = new Map<string, CoachRefundPart>();
  let feeLeft = Math.max(0, charge.applicationFeeRefunded);
  const ordered = [...refunds].sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
  for (const r of ordered) {
    const reversal = Math.min(r.amount, Math.max(0, r.transferReversalAmount ?? 0));
    if (reversal === 0) {
      parts.set(r.id, { reversal: 0, feeRefund: 0 });
      continue;
    }
    const feeRefund = Math.min(
      feeLeft,
      charge.gross > 0 ? mulDivHalfUp(r.amount, charge.applicationFee, charge.gross) : 0,
    );
    feeLeft -= feeRefund;
    parts.set(r.id, { reversal, feeRefund: Math.min(feeRefund, reversal) });
  }
  return parts;
}

export interface RefundInLedger {
  /** What left the platform's balance, in the ledger's (settlement) currency. */
  settled: number;
  /** The coach's part, valued as the coach's account was debited (today's rate). */
  coach: number;
  /** The platform's part, valued at the sale's own rate (what was booked as revenue). */
  platform: number;
}

/**
 * A refund of `amount` (charge currency) with `coach` of it borne by the coach, in the
 * ledger's currency. Unconverted sales book it as it is. Converted ones take the refund's own
 * balance transaction (`settledAmount`, `rate`) for what left the platform, the coach's
 * account movements each converted at that rate (as Stripe converts each balance
 * transaction), and the sale's rate (`sale.settledGross / sale.gross`) for the platform's
 * part, so what revenue gives back is what it received; the rest is an exchange difference.
 */
export function refundInLedger(
  amount: number,
  coachPart: CoachRefundPart,
  conversion: {
    sale: { gross: number; settledGross: number };
    settledAmount: number | null;
    rate: number;
  } | null,
): RefundInLedger {
  const coach = coachPart.reversal - coachPart.feeRefund;
  if (!conversion) return { settled: amount, coach, platform: amount - coach };
  const settled = conversion.settledAmount ?? Math.round(amount * conversion.rate);
  return {
    settled,
    coach:
      Math.round(coachPart.reversal * conversion.rate) -
      Math.round(coachPart.feeRefund * conversion.rate),
    platform: mulDivHalfUp(amount - coach, conversion.sale.settledGross, conversion.sale.gross),
  };
}
