/**
 * Stripe's minimum charge amount per presentment currency (docs.stripe.com/currencies,
 * "Minimum and maximum charge amounts"). Stripe refuses a Checkout Session or PaymentIntent
 * below it, so the catalogue refuses such a price up front instead of letting a customer
 * meet a 400 at "Buy".
 *
 * Exports: MINIMUM_CHARGE_MINOR, assertAboveChargeMinimum.
 */
import { DomainError } from "./errors";
import { minorToDecimalString, type Currency, type Money } from "./money";

export const MINIMUM_CHARGE_MINOR: Readonly<Record<Currency, number>> = {
  sek: 300,
  nok: 300,
  dkk: 250,
  eur: 50,
  usd: 50,
};

/** Throws an invalid-input error naming `field` when `price` is below Stripe's minimum. */
export function assertAboveChargeMinimum(price: Money, field: string, label = "Price"): void {
  const minimum = MINIMUM_CHARGE_MINOR[price.currency];
  if (price.amount < minimum) {
    const unit = price.currency.toUpperCase();
    throw new DomainError(
      "invalid_input",
      `${label} must be at least ${minorToDecimalString(minimum)} ${unit}, the smallest amount Stripe charges in ${unit}`,
      field,
    );
  }
}
