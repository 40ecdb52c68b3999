import { initReactI18next } from "react-i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { i18n } from "../i18n";
import en from "../i18n/en";
import { setActiveLanguage } from "../i18n/locale";
import sv from "../i18n/sv";
import {
  changeValue,
  type EditableSettings,
  fieldLabel,
  fromForm,
  percentText,
  toForm,
} from "./settings";

beforeAll(async () => {
  await i18n
    .use(initReactI18next)
    .init({
      lng: "sv",
      showSupportNotice: false,
      resources: { sv: { translation: sv }, en: { translation: en } },
    });
});

const inLanguage = async (lang: "sv" | "en") => {
  await i18n.changeLanguage(lang);
  setActiveLanguage(lang);
};

const settings: EditableSettings = {
  payments: { feeBps: 2000, holdDays: 7, refundFeeReversal: "proportional" },
  payouts: {
    minimums: { sek: 10000, eur: 2500, usd: 2500, nok: 10000, dkk: 10050 },
    requireApproval: true,
    secondApprovalAbove: { sek: 500000, eur: 0, usd: null, nok: 123456, dkk: null },
  },
  notifications: { email: false },
};

describe("settings validation", () => {
  it("round-trips effective settings through the form", () => {
    const form = toForm(settings);
    expect(form.feePercent).toBe("20");
    expect(form.minimums.dkk).toBe("100,50");
    expect(form.secondApprovalAbove).toEqual({
      sek: "5000,00",
      eur: "0,00",
      usd: "",
      nok: "1234,56",
      dkk: "",
    });
    expect(fromForm(form)).toEqual({ settings });
  });
  it("turns a percent with decimals into whole basis points exactly", () => {
    const out = fromForm({ ...toForm(settings), feePercent: "17,25" });
    expect("settings" in out && out.settings.payments.feeBps).toBe(1725);
    const dot = fromForm({ ...toForm(settings), feePercent: "0.1" });
    expect("settings" in dot && dot.settings.payments.feeBps).toBe(10);
  });
  it("names each field that is wrong", () => {
    const out = fromForm({
      ...toForm(settings),
      feePercent: "50,01",
      holdDays: "7.5",
      minimums: { ...toForm(settings).minimums, eur: "0,99", usd: "abc" },
    });
    expect("errors" in out).toBe(true);
    if (!("errors" in out)) return;
    expect(Object.keys(out.errors).sort()).toEqual([
      "feePercent",
      "holdDays",
      "minimums.eur",
      "minimums.usd",
    ]);
  });
  it("accepts the edges of the limits", () => {
    expect("settings" in fromForm({ ...toForm(settings), feePercent: "50", holdDays: "90" })).toBe(
      true,
    );
    expect("settings" in fromForm({ ...toForm(settings), feePercent: "0", holdDays: "0" })).toBe(
      true,
    );
    expect("errors" in fromForm({ ...toForm(settings), holdDays: "91" })).toBe(true);
    expect("errors" in fromForm({ ...toForm(settings), holdDays: "-1" })).toBe(true);
  });
  it("labels audit fields for people, in Swedish and English", async () => {
    await inLanguage("sv");
    expect(fieldLabel("payouts.minimums.sek")).toBe("Lägsta utbetalning SEK");
    expect(fieldLabel("payments.feeBps")).toBe("Plattformsavgift");
    await inLanguage("en");
    expect(fieldLabel("payments.holdDays")).toBe("Hold days");
    expect(fieldLabel("payments.unknownField")).toBe("payments.unknownField");
    await inLanguage("sv");
  });

  it("shows audited values as people read them: percent, days, money in its currency, words", async () => {
    await inLanguage("sv");
    const nb = "\u00a0";
    expect(
      `${fieldLabel("payments.feeBps")}: ${changeValue("payments.feeBps", 2000)} → ${changeValue("payments.feeBps", 1550)}`,
    ).toBe(`Plattformsavgift: 20${nb}% → 15,5${nb}%`);
    expect(percentText(1725)).toBe(`17,25${nb}%`);
    expect(percentText(5)).toBe(`0,05${nb}%`);
    expect(changeValue("payments.holdDays", 1)).toBe("1 dag");
    expect(changeValue("payments.holdDays", 7)).toBe("7 dagar");
    expect(changeValue("payouts.minimums.sek", 10050).replace(/\s/g, " ")).toBe("100,50 kr");
    expect(changeValue("payouts.secondApprovalAbove.eur", null)).toBe("inget (ett godkännande)");
    expect(changeValue("payouts.requireApproval", true)).toBe("på");
    expect(changeValue("payments.refundFeeReversal", "none")).toBe("behålls av plattformen");
    await inLanguage("en");
    expect(changeValue("payments.feeBps", 1550)).toBe(`15.5${nb}%`);
    expect(changeValue("payments.holdDays", 7)).toBe("7 days");
    expect(changeValue("notifications.email", false)).toBe("off");
    await inLanguage("sv");
  });

  it("second approval above: kronor (euro, ...) to minor units exactly, empty for none, per currency", () => {
    const out = fromForm({
      ...toForm(settings),
      secondApprovalAbove: { sek: "5 000", eur: "2499,5", usd: "  ", nok: "0", dkk: "1000000" },
    });
    expect("settings" in out && out.settings.payouts.secondApprovalAbove).toEqual({
      sek: 500000,
      eur: 249950,
      usd: null,
      nok: 0,
      dkk: 100000000,
    });
  });
  it("second approval above: refuses what is not an amount or past the ceiling, naming the currency", () => {
    const out = fromForm({
      ...toForm(settings),
      secondApprovalAbove: { sek: "-1", eur: "10,001", usd: "1000000,01", nok: "abc", dkk: "" },
    });
    expect("errors" in out).toBe(true);
    if (!("errors" in out)) return;
    expect(Object.keys(out.errors).sort()).toEqual([
      "secondApprovalAbove.eur",
      "secondApprovalAbove.nok",
      "secondApprovalAbove.sek",
      "secondApprovalAbove.usd",
    ]);
    expect(out.errors["secondApprovalAbove.sek"]).toBe(
      "Skriv ett belopp från 0 till 1\u00a0000\u00a0000, t.ex. 5000 eller 4999,50, eller lämna tomt för ett godkännande.",
    );
  });
  it("second approval above: a server without the setting reads as none everywhere", () => {
    const old = {
      ...settings,
      payouts: { minimums: settings.payouts.minimums, requireApproval: true },
    } as unknown as EditableSettings;
    const form = toForm(old);
    expect(Object.values(form.secondApprovalAbove)).toEqual(["", "", "", "", ""]);
    expect(
      "settings" in fromForm(form) &&
        (fromForm(form) as { settings: EditableSettings }).settings.payouts.secondApprovalAbove.sek,
    ).toBe(null);
  });
  it("labels the second-approval audit fields", () => {
    expect(fieldLabel("payouts.secondApprovalAbove.eur")).toBe("Andra godkännande över EUR");
  });
});
