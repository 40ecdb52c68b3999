import { describe, expect, it } from "vitest";
import { type EditableSettings, fieldLabel, fromForm, toForm } from "./settings";

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
    expect(form.secondApprovalAbove).toEqual({ sek: "5000,00", eur: "0,00", usd: "", nok: "1234,56", dkk: "" });
    expect(fromForm(form)).toEqual({ settings });
  });
  it("turns a percent with decimals into whole basis points exactly", () => {
    const out = fromForm({ ...toForm(settings), feePercent: "17,25" });
    expect("settings" in out && out.settings.payments.feeBps).toBe(1725);
    const dot = fromForm({ ...toForm(settings), feePercent: "0.1" });
    expect("settings" in dot && dot.settings.payments.feeBps).toBe(10);
  });
  it("names each field that is wrong", () => {
    const out = fromForm({ ...toForm(settings), feePercent: "50,01", holdDays: "7.5", minimums: { ...toForm(settings).minimums, eur: "0,99", usd: "abc" } });
    expect("errors" in out).toBe(true);
    if (!("errors" in out)) return;
    expect(Object.keys(out.errors).sort()).toEqual(["feePercent", "holdDays", "minimums.eur", "minimums.usd"]);
  });
  it("accepts the edges of the limits", () => {
    expect("settings" in fromForm({ ...toForm(settings), feePercent: "50", holdDays: "90" })).toBe(true);
    expect("settings" in fromForm({ ...toForm(settings), feePercent: "0", holdDays: "0" })).toBe(true);
    expect("errors" in fromForm({ ...toForm(settings), holdDays: "91" })).toBe(true);
    expect("errors" in fromForm({ ...toForm(settings), holdDays: "-1" })).toBe(true);
  });
  it("labels audit fields for people", () => {
    expect(fieldLabel("payouts.minimums.sek")).toBe("Payout minimum SEK (minor units)");
    expect(fieldLabel("payments.holdDays")).toBe("Hold days");
  });

  it("second approval above: kronor (euro, ...) to minor units exactly, empty for none, per currency", () => {
    const out = fromForm({ ...toForm(settings), secondApprovalAbove: { sek: "5 000", eur: "2499,5", usd: "  ", nok: "0", dkk: "1000000" } });
    expect("settings" in out && out.settings.payouts.secondApprovalAbove).toEqual({ sek: 500000, eur: 249950, usd: null, nok: 0, dkk: 100000000 });
  });
  it("second approval above: refuses what is not an amount or past the ceiling, naming the currency", () => {
    const out = fromForm({ ...toForm(settings), secondApprovalAbove: { sek: "-1", eur: "10,001", usd: "1000000,01", nok: "abc", dkk: "" } });
    expect("errors" in out).toBe(true);
    if (!("errors" in out)) return;
    expect(Object.keys(out.errors).sort()).toEqual(["secondApprovalAbove.eur", "secondApprovalAbove.nok", "secondApprovalAbove.sek", "secondApprovalAbove.usd"]);
    expect(out.errors["secondApprovalAbove.sek"]).toBe("Write an amount from 0 to 1\u00a0000\u00a0000, e.g. 5000 or 4999,50, or leave it empty for one approval.");
  });
  it("second approval above: a server without the setting reads as none everywhere", () => {
    const old = { ...settings, payouts: { minimums: settings.payouts.minimums, requireApproval: true } } as unknown as EditableSettings;
    const form = toForm(old);
    expect(Object.values(form.secondApprovalAbove)).toEqual(["", "", "", "", ""]);
    expect("settings" in fromForm(form) && (fromForm(form) as { settings: EditableSettings }).settings.payouts.secondApprovalAbove.sek).toBe(null);
  });
  it("labels the second-approval audit fields", () => {
    expect(fieldLabel("payouts.secondApprovalAbove.eur")).toBe("Second approval above EUR (minor units)");
  });
});
