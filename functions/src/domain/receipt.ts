/**
 * A customer's receipt (kvitto) for one payment, computed only from the stored integer amounts
 * (öre). How the marketplace charges decides who sold what: every sale is a destination charge
 * on the platform's Stripe account (README, How money moves), so the platform is the seller the
 * card was charged by (merchant of record) and names the coach whose program it was. The
 * platform's part is its fee (the application fee; all of a premium payment), and the VAT shown
 * is the 25 % included in that part.
 */
import { dayOf } from "./calendar-day";
import { minorToDecimalString } from "./money";

/** The VAT rate included in the platform's fee: Swedish standard rate for services, 25 %. */
export const PLATFORM_VAT_BPS = 2500;
export const PLATFORM_NAME = "Kassa";

/**
 * VAT included in a gross amount at `rateBps`: gross × rate / (1 + rate), rounded half up to
 * the öre in integer arithmetic (no floats). At 25 % this is gross / 5, whose remainder is a
 * whole number of fifths of an öre, so a tie never occurs: 0.2 and 0.4 round down, 0.6 and
 * 0.8 up. The part without VAT is gross − VAT, so the two always add up to the gross.
 */
export function vatIncluded(grossMinor: number, rateBps: number = PLATFORM_VAT_BPS): number {
  if (!Number.isSafeInteger(grossMinor) || !Number.isSafeInteger(rateBps) || rateBps < 0) throw new Error("vatIncluded: integer minor units and basis points only");
  const sign = grossMinor < 0 ? -1 : 1;
  const g = Math.abs(grossMinor);
  const denominator = 10_000 + rateBps;
  return sign * Math.floor((2 * g * rateBps + denominator) / (2 * denominator));
}

export interface ReceiptSource {
  paymentId: string;
  kind: "program" | "subscription";
  /** Epoch ms the payment succeeded. */
  date: number;
  description: string | null;
  amount: number;
  currency: string;
  /** The platform's fee (the application fee); the whole amount for a subscription. */
  feeAmount: number;
  refundedAmount: number;
  status: string;
  card: { brand: string; last4: string } | null;
  coachName: string | null;
}

export interface Receipt {
  number: string;
  /** Stockholm date, YYYY-MM-DD. */
  day: string;
  seller: string;
  /** The coach whose program was bought; null for premium (the platform's own service). */
  coachName: string | null;
  kind: "program" | "subscription";
  item: string | null;
  currency: string;
  amount: number;
  platformPart: number;
  platformVat: number;
  platformPartExVat: number;
  vatRateBps: number;
  coachPart: number;
  refundedAmount: number;
  card: { brand: string; last4: string } | null;
}

/**
 * One receipt number per payment, derived from Stripe's unique PaymentIntent id and the day:
 * the same payment always gets the same number, on any device and in any language.
 */
export const receiptNumber = (paymentId: string, date: number): string =>
  `K-${dayOf(date).replaceAll("-", "")}-${paymentId.replace(/^pi_/, "").slice(-10).toUpperCase()}`;

export function receiptOf(s: ReceiptSource): Receipt {
  const platformPart = s.kind === "subscription" ? s.amount : s.feeAmount;
  const platformVat = vatIncluded(platformPart);
  return {
    number: receiptNumber(s.paymentId, s.date),
    day: dayOf(s.date),
    seller: PLATFORM_NAME,
    coachName: s.kind === "program" ? s.coachName : null,
    kind: s.kind,
    item: s.description,
    currency: s.currency,
    amount: s.amount,
    platformPart,
    platformVat,
    platformPartExVat: platformPart - platformVat,
    vatRateBps: PLATFORM_VAT_BPS,
    coachPart: s.amount - platformPart,
    refundedAmount: s.refundedAmount,
    card: s.card,
  };
}

/** "1 000,50 kr" in Swedish, "SEK 1,000.50" in English, from öre. */
export function receiptMoney(minor: number, currency: string, language: "sv" | "en"): string {
  const [whole = "0", frac = "00"] = minorToDecimalString(minor).split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = whole.replace("-", "");
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, language === "sv" ? " " : ",");
  const cur = currency.toUpperCase();
  if (language === "sv") return `${sign}${grouped},${frac} ${cur === "SEK" ? "kr" : cur}`;
  return `${sign}${cur} ${grouped}.${frac}`;
}
