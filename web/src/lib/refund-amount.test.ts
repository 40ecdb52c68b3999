import { beforeAll, describe, expect, it } from "vitest";
import { i18n } from "../i18n";
import en from "../i18n/en";
import sv from "../i18n/sv";
import { refundAmount, refundAmountError } from "./refund-amount";

beforeAll(async () => {
  await i18n.init({ lng: "sv", showSupportNotice: false, resources: { sv: { translation: sv }, en: { translation: en } } });
});

describe("refund amount", () => {
  it("accepts kronor with up to two decimals, up to what is left", async () => {
    await i18n.changeLanguage("sv");
    for (const ok of ["399", "399,00", "100,5", "1 000,50", "0,01"]) expect(refundAmountError(ok, 100_050, "sek"), ok).toBeNull();
    expect(refundAmount("1 000,50")).toBe(100_050);
    expect(refundAmount("100,5")).toBe(10_050);
  });

  it("refuses empty, negative, three decimals, zero and too much, naming the field in Swedish and kronor", async () => {
    await i18n.changeLanguage("sv");
    expect(refundAmountError("", 39_900, "sek")).toBe("Belopp att återbetala måste fyllas i.");
    expect(refundAmountError("-5", 39_900, "sek")).toBe("Belopp att återbetala kan inte vara negativt.");
    expect(refundAmountError("10,005", 39_900, "sek")).toMatch(/högst två decimaler/);
    expect(refundAmountError("tio", 39_900, "sek")).toMatch(/^Belopp att återbetala ska vara ett belopp i kronor/);
    expect(refundAmountError("0", 39_900, "sek")).toMatch(/större än noll/);
    const tooMuch = refundAmountError("400", 39_900, "sek")!;
    expect(tooMuch.replace(/\u00a0/g, " ")).toBe("Belopp att återbetala kan vara högst 399,00 kr, det som är kvar av betalningen.");
    expect(tooMuch).not.toMatch(/39900/);
  });

  it("says the same in English", async () => {
    await i18n.changeLanguage("en");
    expect(refundAmountError("", 39_900, "sek")).toBe("Amount to refund must be filled in.");
    expect(refundAmountError("400", 39_900, "sek")!.replace(/\u00a0/g, " ")).toBe("Amount to refund can be at most SEK 399.00, what is left of the payment.");
    expect(() => refundAmount("")).toThrow();
  });
});
