/**
 * A sale as it landed at Stripe, in the currency the money settled in. Kassa's ledger is kept
 * in that currency (SEK for a Swedish platform): Fortnox is booked in SEK, coaches' accounts
 * hold SEK and are paid out in SEK, so a 50.00 EUR sale is booked at the SEK amounts of its
 * own balance transactions, never at a rate of Kassa's choosing.
 *
 * - Same currency: gross is the PaymentIntent's amount, the platform's fee is the application
 *   fee Stripe took (never recomputed from settings), the coach's share is the rest.
 * - Converted: gross is the charge's balance transaction on the platform, the coach's share is
 *   the net of the coach's `py_` payment on their account; the platform's part is the rest, so
 *   the entry balances to the öre with what Stripe holds for each.
 */
import { DomainError } from "../../domain/errors";
import type { EntryRefs } from "../../domain/ledger-entries";
import type { Currency, Money } from "../../domain/money";
import type { PaymentSettlement } from "../../ports/money-store";
import type { PaymentDetails } from "../../ports/payments-gateway";

export interface SaleInLedger {
  gross: Money;
  /** The platform's part: application fee (program) or the whole gross (subscription). */
  fee: Money;
  stripeFee: Money;
  original?: EntryRefs["original"];
  settlement?: PaymentSettlement;
}

export function saleInLedger(d: PaymentDetails, kind: "program" | "subscription"): SaleInLedger {
  const appFee = kind === "program" ? (d.applicationFeeAmount ?? 0) : d.amount.amount;
  const s = d.settled;
  if (!s || s.exchangeRate === null) {
    const currency: Currency = s?.currency ?? d.amount.currency;
    return {
      gross: d.amount,
      fee: { amount: appFee, currency },
      stripeFee: { amount: d.stripeFee, currency },
    };
  }
  let coach = 0;
  if (kind === "program") {
    const c = d.coachSettled;
    if (!c)
      throw new DomainError(
        "precondition",
        `payment ${d.paymentIntentId} was converted to ${s.currency.toUpperCase()} but the coach's payment on their Stripe account could not be read yet; will retry`,
      );
    if (c.currency !== s.currency)
      throw new DomainError(
        "precondition",
        `payment ${d.paymentIntentId}: the coach's Stripe account holds ${c.currency.toUpperCase()} while the platform settles in ${s.currency.toUpperCase()}; Kassa keeps coach balances in the platform's currency, so this sale needs booking by hand`,
      );
    coach = c.amount;
  }
  const original = {
    amount: d.amount.amount,
    currency: d.amount.currency,
    exchangeRate: s.exchangeRate,
  };
  return {
    gross: { amount: s.amount, currency: s.currency },
    fee: { amount: s.amount - coach, currency: s.currency },
    stripeFee: { amount: d.stripeFee, currency: s.currency },
    original,
    settlement: {
      currency: s.currency,
      gross: s.amount,
      fee: s.amount - coach,
      coach,
      exchangeRate: s.exchangeRate,
    },
  };
}
