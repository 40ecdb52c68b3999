import { initReactI18next } from "react-i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import en from "../../i18n/en";
import sv from "../../i18n/sv";
import { mappingFieldLabel, mappingRefusal } from "./mapping-refusal";

beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: "sv", showSupportNotice: false, resources: { sv: { translation: sv }, en: { translation: en } } });
});

// What the callable's HttpsError carries (functions/src/triggers/errors.ts): the field, and for
// Fortnox's chart the reason and account.
const refused = (details: Record<string, unknown>) => Object.assign(new Error("x"), { code: "functions/invalid-argument", details });

describe("the mapping's refusals in words", () => {
  it("names the field by its label and says why, in Swedish and English", async () => {
    await i18n.changeLanguage("sv");
    expect(mappingRefusal(refused({ field: "mapping.vatBps", reason: "invalid_field" }), i18n.t)).toBe("Moms på plattformens intäkter (%): ange 25, 12, 6 eller 0 %");
    expect(mappingRefusal(refused({ field: "mapping.bank", reason: "account_not_in_fortnox", account: 1999 }), i18n.t)).toBe("Bankkonto: konto 1999 finns inte i Fortnox kontoplan");
    expect(mappingRefusal(refused({ field: "mapping.clearing", reason: "account_inactive_in_fortnox", account: 1580 }), i18n.t)).toBe("Kortfordringar hos Stripe: konto 1580 är inaktivt i Fortnox");
    await i18n.changeLanguage("en");
    expect(mappingRefusal(refused({ field: "mapping.outputVat", reason: "invalid_field" }), i18n.t)).toBe("Output VAT: enter a BAS account number between 1000 and 9999");
    await i18n.changeLanguage("sv");
  });

  it("leaves anything that is not about one known field to the general error text", () => {
    expect(mappingRefusal(refused({ field: "mapping.nonsense" }), i18n.t)).toBeNull();
    expect(mappingRefusal(refused({ kind: "provider_unavailable" }), i18n.t)).toBeNull();
    expect(mappingRefusal(new Error("network"), i18n.t)).toBeNull();
    expect(mappingRefusal(null, i18n.t)).toBeNull();
  });

  it("labels the trail's fields, the series included", () => {
    expect(mappingFieldLabel("series", i18n.t)).toBe("Verifikationsserie");
    expect(mappingFieldLabel("exchangeLoss", i18n.t)).toBe("Valutakursförluster");
    expect(mappingFieldLabel("unknown", i18n.t)).toBeNull();
  });
});
