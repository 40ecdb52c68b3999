import { beforeAll, describe, expect, it } from "vitest";
import { i18n } from "../i18n";
import en from "../i18n/en";
import sv from "../i18n/sv";
import { setActiveLanguage } from "../i18n/locale";
import { describeError } from "./errors";

beforeAll(async () => {
  await i18n.init({ lng: "sv", showSupportNotice: false, resources: { sv: { translation: sv }, en: { translation: en } } });
});

const refused = (message: string, details: Record<string, unknown>) => Object.assign(new Error(message), { code: "functions/invalid-argument", details });
const nbsp = (s: string) => s.replace(/\u00a0|\u202f/g, " ");

describe("a coach's refused payout request, as a sentence", () => {
  it("above the available balance (the issue's example)", async () => {
    await i18n.changeLanguage("sv");
    setActiveLanguage("sv");
    const e = refused("amount: 99999.00 SEK exceeds the available balance 1350.30 SEK", { reason: "exceeds_balance", available: 135_030, currency: "sek" });
    expect(nbsp(describeError(e))).toBe("Beloppet är större än ditt tillgängliga saldo (1 350,30 kr).");
  });

  it("above what Stripe can pay now, and below the minimum, in Swedish and English", async () => {
    await i18n.changeLanguage("sv");
    setActiveLanguage("sv");
    expect(nbsp(describeError(refused("x", { reason: "exceeds_stripe_available", available: 40_000, currency: "sek" })))).toBe("Stripe kan betala ut högst 400,00 kr just nu; resten blir tillgängligt senare.");
    expect(nbsp(describeError(refused("x", { reason: "below_minimum", minimum: 10_000, currency: "sek" })))).toBe("Den minsta utbetalningen är 100,00 kr.");
    await i18n.changeLanguage("en");
    setActiveLanguage("en");
    expect(nbsp(describeError(refused("x", { reason: "below_minimum", minimum: 10_000, currency: "sek" })))).toBe("The smallest payout is SEK 100.00.");
    expect(describeError(refused("x", { reason: "exceeds_stripe_available", available: 40_000, currency: "sek" }))).not.toMatch(/40000|SEK 400\.00 SEK|amount:/);
  });
});
