import { ApiError } from "./errors.js";

export type CardOutcome = "succeeded" | "declined" | "insufficient_funds" | "dispute";

/** Stripe's test cards and test PaymentMethod ids that Kassa's tests and pages use. */
const cards: Record<string, CardOutcome> = {
  "4242424242424242": "succeeded",
  "5555555555554444": "succeeded",
  pm_card_visa: "succeeded",
  pm_card_mastercard: "succeeded",
  tok_visa: "succeeded",
  "4000000000000002": "declined",
  pm_card_chargeDeclined: "declined",
  tok_chargeDeclined: "declined",
  "4000000000009995": "insufficient_funds",
  pm_card_chargeDeclinedInsufficientFunds: "insufficient_funds",
  "4000000000000259": "dispute",
  pm_card_createDispute: "dispute",
  tok_createDispute: "dispute",
};

export function cardOutcome(card: string, param = "payment_method"): CardOutcome {
  const outcome = cards[card.replace(/[\s-]/g, "")];
  if (!outcome) {
    throw new ApiError(400, { type: "invalid_request_error", code: "resource_missing", message: `No such PaymentMethod: '${card}'`, param });
  }
  return outcome;
}

export const last4 = (card: string): string => {
  const digits = card.replace(/\D/g, "");
  if (digits.length >= 4) return digits.slice(-4);
  return cardOutcome(card) === "succeeded" ? "4242" : cardOutcome(card) === "dispute" ? "0259" : "0002";
};
