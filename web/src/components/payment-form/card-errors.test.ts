import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "../../i18n/en";
import sv from "../../i18n/sv";
import { cardErrorKey } from "./card-errors";

describe("cardErrorKey", () => {
  const i = i18next.createInstance();
  const ready = i.init({ lng: "sv", resources: { sv: { translation: sv }, en: { translation: en } } });
  const say = async (e: Parameters<typeof cardErrorKey>[0], lng = "sv") => {
    await ready;
    return i.t(cardErrorKey(e), { lng });
  };

  it("a generic decline asks for another card, in words", async () => {
    expect(await say({ type: "card_error", code: "card_declined", decline_code: "generic_decline" })).toBe("Kortet nekades. Försök med ett annat kort.");
    expect(await say({ type: "card_error", code: "card_declined", decline_code: "generic_decline" }, "en")).toBe("Your card was declined. Try another card.");
    // A decline reason Kassa has no sentence for is still a decline.
    expect(cardErrorKey({ type: "card_error", code: "card_declined", decline_code: "stolen_card" })).toBe("paymentForm.errors.declined");
  });

  it("names what the person can fix: funds, expiry, CVC, number, the 3-D Secure step", () => {
    expect(cardErrorKey({ type: "card_error", code: "card_declined", decline_code: "insufficient_funds" })).toBe("paymentForm.errors.insufficientFunds");
    expect(cardErrorKey({ type: "card_error", code: "expired_card" })).toBe("paymentForm.errors.expiredCard");
    expect(cardErrorKey({ type: "validation_error", code: "invalid_expiry_year_past" })).toBe("paymentForm.errors.expiry");
    expect(cardErrorKey({ type: "validation_error", code: "incomplete_cvc" })).toBe("paymentForm.errors.cvc");
    expect(cardErrorKey({ type: "card_error", code: "incorrect_number" })).toBe("paymentForm.errors.number");
    expect(cardErrorKey({ type: "invalid_request_error", code: "payment_intent_authentication_failure" })).toBe("paymentForm.errors.authenticationFailed");
    expect(cardErrorKey({ type: "card_error", code: "card_declined", decline_code: "test_mode_live_card" })).toBe("paymentForm.errors.testCardsOnly");
  });

  it("an unknown error is a generic sentence, and every key exists in both languages", async () => {
    expect(cardErrorKey({ type: "api_error", code: "something_new" })).toBe("paymentForm.errors.generic");
    expect(cardErrorKey({ type: "api_connection_error" })).toBe("paymentForm.errors.network");
    await ready;
    const keys = new Set<string>();
    for (const code of ["card_declined", "expired_card", "incorrect_cvc", "incomplete_number", "invalid_expiry_month", "processing_error", "payment_intent_authentication_failure", "payment_intent_unexpected_state", "rate_limit"]) keys.add(cardErrorKey({ code }));
    for (const decline of ["insufficient_funds", "test_mode_live_card", "try_again_later"]) keys.add(cardErrorKey({ decline_code: decline }));
    keys.add(cardErrorKey({ type: "api_connection_error" }));
    keys.add(cardErrorKey({}));
    for (const key of keys) for (const lng of ["sv", "en"]) expect(i.exists(key, { lng, fallbackLng: false }), `${lng}: ${key}`).toBe(true);
  });
});
