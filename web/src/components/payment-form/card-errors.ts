/**
 * What to tell a person when Stripe.js answers a payment with an error: one sentence they can
 * act on (try another card, check the expiry date), never Stripe's code. Keys are in the
 * `paymentForm.errors` section of the catalogues. Codes as Stripe documents them
 * (https://docs.stripe.com/error-codes, https://docs.stripe.com/declines/codes); a decline's
 * reason is in `decline_code`, with `code` "card_declined".
 */
export interface StripeJsError {
  type?: string;
  code?: string;
  decline_code?: string;
}

const BY_DECLINE: Record<string, string> = {
  insufficient_funds: "insufficientFunds",
  expired_card: "expiredCard",
  incorrect_cvc: "cvc",
  invalid_cvc: "cvc",
  incorrect_number: "number",
  invalid_number: "number",
  test_mode_live_card: "testCardsOnly",
  processing_error: "tryAgain",
  try_again_later: "tryAgain",
  authentication_required: "authenticationFailed",
};

const BY_CODE: Record<string, string> = {
  card_declined: "declined",
  expired_card: "expiredCard",
  incorrect_cvc: "cvc",
  invalid_cvc: "cvc",
  incomplete_cvc: "cvc",
  incorrect_number: "number",
  invalid_number: "number",
  incomplete_number: "number",
  invalid_expiry_month: "expiry",
  invalid_expiry_year: "expiry",
  invalid_expiry_month_past: "expiry",
  invalid_expiry_year_past: "expiry",
  incomplete_expiry: "expiry",
  processing_error: "tryAgain",
  payment_intent_authentication_failure: "authenticationFailed",
  authentication_required: "authenticationFailed",
  payment_intent_unexpected_state: "alreadyDone",
  rate_limit: "tooManyAttempts",
};

const BY_TYPE: Record<string, string> = {
  api_connection_error: "network",
  rate_limit_error: "tooManyAttempts",
};

/** The catalogue key (under paymentForm.errors) for a Stripe.js error. */
export function cardErrorKey(error: StripeJsError): string {
  const key = (error.decline_code && BY_DECLINE[error.decline_code]) || (error.code && BY_CODE[error.code]) || (error.type && BY_TYPE[error.type]);
  return `paymentForm.errors.${key || (error.type === "card_error" ? "declined" : "generic")}`;
}
