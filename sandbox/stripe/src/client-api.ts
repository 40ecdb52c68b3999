/**
 * What a browser may do with the publishable key, as Stripe.js does against api.stripe.com:
 * read and confirm one PaymentIntent, and only while presenting that intent's client_secret.
 * Stripe.js sends the key and the secret as form fields (`key=pk_...&client_secret=...`, so
 * the request needs no CORS preflight) and the card as `payment_method_data[card][...]`, raw
 * card data that Stripe accepts only from its own client. Those fields are checked and taken
 * off here; what remains goes through the route's ordinary validation, so the API keeps
 * accepting only what Stripe's server-side *Params types declare.
 */
import type Stripe from "stripe";
import { ApiError, invalid, missing } from "./errors.js";
import { obj, oneOf, validate } from "./form.js";
import type { Sandbox } from "./sandbox.js";
import { knownCard } from "./cards.js";

/** Routes a publishable key reaches (method and route pattern). */
const CLIENT_ROUTES = new Set(["GET /v1/payment_intents/:id", "POST /v1/payment_intents/:id/confirm"]);

export const isClientRoute = (method: string, route: string): boolean => CLIENT_ROUTES.has(`${method} ${route}`);

/** Stripe's answer to a publishable key on any other endpoint. */
export const secretKeyRequired = (): ApiError =>
  new ApiError(401, {
    type: "invalid_request_error",
    message: "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.",
  });

/** The key Stripe.js put in the form body or query (it never sends an Authorization header). */
export function formKey(params: Record<string, unknown>): string {
  return typeof params["key"] === "string" ? params["key"] : "";
}

interface CardData {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc?: string;
}

const cardError = (code: string, message: string, param: string, declineCode?: string): ApiError =>
  new ApiError(402, { type: "card_error", code, message, param, ...(declineCode ? { decline_code: declineCode } : {}) });

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Raw card details checked the way Stripe's API checks them (number, expiry against the
 * sandbox clock, CVC), then turned into the test card the confirmation charges. A number that
 * is valid but not one of Stripe's test cards is declined, as test mode declines real cards.
 */
function cardMethod(sb: Sandbox, card: CardData): string {
  const number = card.number.replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(number) || !luhn(number)) throw cardError("incorrect_number", "Your card number is incorrect.", "number");
  if (card.exp_month < 1 || card.exp_month > 12) throw cardError("invalid_expiry_month", "Your card's expiration month is invalid.", "exp_month");
  const year = card.exp_year < 100 ? 2000 + card.exp_year : card.exp_year;
  const now = new Date(sb.now() * 1000);
  if (year < now.getUTCFullYear()) throw cardError("invalid_expiry_year", "Your card's expiration year is invalid.", "exp_year");
  if (year === now.getUTCFullYear() && card.exp_month < now.getUTCMonth() + 1) throw cardError("invalid_expiry_month", "Your card's expiration month is invalid.", "exp_month");
  if (card.cvc !== undefined && !/^\d{3,4}$/.test(card.cvc)) throw cardError("invalid_cvc", "Your card's security code is invalid.", "cvc");
  if (!knownCard(number)) {
    throw cardError("card_declined", "Your card was declined. Your request was in test mode, but used a non test card. For a list of valid test cards, visit: https://stripe.com/docs/testing.", "number", "test_mode_live_card");
  }
  return number;
}

/**
 * Checks a publishable-key request's client_secret against the intent it names and returns the
 * parameters the route itself validates. Throws Stripe's errors for a missing or wrong secret.
 */
export function clientParams(sb: Sandbox, method: string, args: string[], account: string, params: Record<string, unknown>): Record<string, unknown> {
  const { key: _key, client_secret: secret, payment_method_data: pmd, expected_payment_method_type: _type, use_stripe_sdk: _sdk, ...rest } = params;
  if (typeof secret !== "string" || secret === "") throw missing("client_secret");
  const pi: Stripe.PaymentIntent = sb.get("paymentIntents", args[0] ?? "", account, "payment_intent", "intent");
  if (pi.client_secret !== secret) {
    throw invalid(`The client_secret provided does not match the client_secret associated with the PaymentIntent.`, "client_secret", "payment_intent_invalid_parameter");
  }
  if (method === "GET") return rest;
  const defined = Object.fromEntries(Object.entries({ expected_payment_method_type: _type, use_stripe_sdk: _sdk, payment_method_data: pmd }).filter(([, v]) => v !== undefined));
  // use_stripe_sdk asks Stripe for next_action.use_stripe_sdk; the sandbox answers 3-D Secure
  // with redirect_to_url, which Stripe.js (and the stand-in) handle in the same modal.
  const data = validate<{ payment_method_data?: { type: "card"; card: CardData } }>(
    defined,
    {
      expected_payment_method_type: oneOf("card"),
      use_stripe_sdk: "bool",
      payment_method_data: obj({ "type!": oneOf("card"), "card!": obj({ "number!": "string", "exp_month!": "int", "exp_year!": "int", cvc: "string" }), billing_details: obj({ name: "string", email: "string" }) }),
    },
    { expand: false },
  );
  if (!data.payment_method_data) return rest;
  if (rest["payment_method"] !== undefined) throw invalid("You cannot pass both payment_method and payment_method_data.", "payment_method_data");
  return { ...rest, payment_method: cardMethod(sb, data.payment_method_data.card) };
}
