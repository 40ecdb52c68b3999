import { ApiError } from "./errors.js";
import { convert, settlementCurrency } from "./fx.js";
import type { Sandbox } from "./sandbox.js";

/** Stripe's minimum charge amounts per presentment currency (docs: Supported currencies). */
export const minimumCharge: Record<string, number> = { sek: 300, nok: 300, dkk: 250, eur: 50, usd: 50, chf: 50, gbp: 30 };

const symbol: Record<string, string> = { sek: "kr", nok: "kr", dkk: "kr", eur: "€", usd: "$", chf: "CHF ", gbp: "£" };
const money = (amount: number, currency: string): string => `${symbol[currency] ?? ""}${(amount / 100).toFixed(2)}`;

/**
 * Refuses an amount below Stripe's minimum, in the charge's currency and, converted, in the
 * currency the platform settles it in. `what` is "payment_intent" or "checkout" (message and param differ).
 */
export function checkMinimum(sb: Sandbox, amount: number, currency: string, what: "payment_intent" | "checkout"): void {
  const min = minimumCharge[currency] ?? 50;
  const param = what === "checkout" ? "line_items" : "amount";
  if (amount < min) {
    const message = what === "checkout" ? `The Checkout Session's total amount due must add up to at least ${money(min, currency)} ${currency}` : `Amount must be at least ${money(min, currency)} ${currency}`;
    throw new ApiError(400, { type: "invalid_request_error", code: "amount_too_small", message, param, doc_url: "https://docs.stripe.com/error-codes/amount-too-small" });
  }
  const settles = settlementCurrency(sb, sb.platform, currency);
  if (settles === currency) return;
  const converted = convert(sb, amount, currency, settles).amount;
  const settleMin = minimumCharge[settles] ?? 50;
  if (converted < settleMin) {
    throw new ApiError(400, {
      type: "invalid_request_error",
      code: "amount_too_small",
      message: `Amount must convert to at least ${money(settleMin, settles)}. ${money(amount, currency)} converts to approximately ${money(converted, settles)}.`,
      param,
      doc_url: "https://docs.stripe.com/error-codes/amount-too-small",
    });
  }
}
