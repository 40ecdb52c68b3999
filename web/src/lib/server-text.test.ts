import { afterEach, describe, expect, it } from "vitest";
import { setActiveLanguage } from "../i18n/locale";
import { inActiveLanguage } from "./server-text";

describe("server-written texts", () => {
  afterEach(() => setActiveLanguage("sv"));
  const alert = { title: "Utbetalningen misslyckades", message: "Pengarna är tillgängliga igen.", en: { title: "Payout failed", message: "The money is available again." } };
  it("show the stored Swedish in Swedish", () => {
    setActiveLanguage("sv");
    expect(inActiveLanguage(alert)).toMatchObject({ title: "Utbetalningen misslyckades", message: "Pengarna är tillgängliga igen." });
  });
  it("show the English beside it in English, and old documents as stored", () => {
    setActiveLanguage("en");
    expect(inActiveLanguage(alert)).toMatchObject({ title: "Payout failed", message: "The money is available again." });
    const old: { title: string; body: string; en?: { title: string } } = { title: "Payout of 1.00 SEK paid", body: "old" };
    expect(inActiveLanguage(old)).toEqual({ title: "Payout of 1.00 SEK paid", body: "old" });
  });
});
