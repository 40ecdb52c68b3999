import { ApiError } from "./errors.js";

/** How a test payment method behaves, per Stripe's testing docs. */
export interface TestMethod {
  type: "card" | "sepa_debit";
  /**
   * succeeds / declined / insufficient_funds: decided at confirmation.
   * authentication_required: 3-D Secure, `requires_action` until authenticated.
   * async_succeeds / async_fails: `processing`, settled later (SEPA Direct Debit).
   */
  flow: "succeeds" | "declined" | "insufficient_funds" | "authentication_required" | "async_succeeds" | "async_fails";
  /** A dispute (or an inquiry) the cardholder opens right after the payment. */
  dispute?: { inquiry: boolean; reason: string };
  /** Refunds of this payment: pending first then succeed, or succeed first then fail. */
  refunds?: "pending_then_succeeds" | "fails_later";
  last4: string;
  brand: string;
}

const card = (flow: TestMethod["flow"], last4: string, extra: Partial<TestMethod> = {}): TestMethod => ({ type: "card", flow, last4, brand: "visa", ...extra });
const sepa = (flow: TestMethod["flow"], last4: string): TestMethod => ({ type: "sepa_debit", flow, last4, brand: "sepa_debit" });

/** Stripe's test cards, PaymentMethod ids and IBANs that Kassa's tests and pages use. */
const methods: Record<string, TestMethod> = {
  "4242424242424242": card("succeeds", "4242"),
  "5555555555554444": card("succeeds", "4444", { brand: "mastercard" }),
  pm_card_visa: card("succeeds", "4242"),
  pm_card_mastercard: card("succeeds", "4444", { brand: "mastercard" }),
  tok_visa: card("succeeds", "4242"),
  "4000000000000002": card("declined", "0002"),
  pm_card_chargeDeclined: card("declined", "0002"),
  tok_chargeDeclined: card("declined", "0002"),
  "4000000000009995": card("insufficient_funds", "9995"),
  pm_card_chargeDeclinedInsufficientFunds: card("insufficient_funds", "9995"),
  "4000000000000259": card("succeeds", "0259", { dispute: { inquiry: false, reason: "fraudulent" } }),
  pm_card_createDispute: card("succeeds", "0259", { dispute: { inquiry: false, reason: "fraudulent" } }),
  tok_createDispute: card("succeeds", "0259", { dispute: { inquiry: false, reason: "fraudulent" } }),
  "4000000000002685": card("succeeds", "2685", { dispute: { inquiry: false, reason: "product_not_received" } }),
  pm_card_createDisputeProductNotReceived: card("succeeds", "2685", { dispute: { inquiry: false, reason: "product_not_received" } }),
  "4000000000001976": card("succeeds", "1976", { dispute: { inquiry: true, reason: "fraudulent" } }),
  pm_card_createDisputeInquiry: card("succeeds", "1976", { dispute: { inquiry: true, reason: "fraudulent" } }),
  "4000002760003184": card("authentication_required", "3184"),
  "4000002500003155": card("authentication_required", "3155"),
  pm_card_authenticationRequired: card("authentication_required", "3184"),
  "4000000000007726": card("succeeds", "7726", { refunds: "pending_then_succeeds" }),
  pm_card_pendingRefund: card("succeeds", "7726", { refunds: "pending_then_succeeds" }),
  "4000000000005126": card("succeeds", "5126", { refunds: "fails_later" }),
  pm_card_refundFail: card("succeeds", "5126", { refunds: "fails_later" }),
  DE89370400440532013000: sepa("async_succeeds", "3000"),
  DE62370400440532013001: sepa("async_fails", "3001"),
};

export function testMethod(method: string, param = "payment_method"): TestMethod {
  const found = methods[method.replace(/[\s-]/g, "")];
  if (!found) {
    throw new ApiError(400, { type: "invalid_request_error", code: "resource_missing", message: `No such PaymentMethod: '${method}'`, param });
  }
  return found;
}

/** The sandbox's PaymentMethod id for a test method, stable so fingerprints match across payments. */
export const paymentMethodId = (method: string): string => (method.startsWith("pm_") ? method : `pm_sbx_${method.replace(/[\s-]/g, "")}`);

/** Whether a card number (spaces allowed) is one of the test cards above. */
export const knownCard = (number: string): boolean => /^\d+$/.test(number.replace(/[\s-]/g, "")) && number.replace(/[\s-]/g, "") in methods;
