import { describe, expect, it } from "vitest";
import { type EditableSettings, fieldLabel, fromForm, toForm } from "./settings";

const settings: EditableSettings = {
  payments: { feeBps: 2000, holdDays: 7, refundFeeReversal: "proportional" },
  payouts: { minimums: { sek: 10000, eur: 2500, usd: 2500, nok: 10000, dkk: 10050 }, requireApproval: true },
  notifications: { email: false },
};

describe("settings validation", () => {
  it("round-trips effective settings through the form", () => {
    const form = toForm(settings);
    expect(form.feePercent).toBe("20");
    expect(form.minimums.dkk).toBe("100,50");
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
});
