import { initReactI18next } from "react-i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { i18n } from "../i18n";
import { setActiveLanguage } from "../i18n/locale";
import en from "../i18n/en";
import sv from "../i18n/sv";
import { isoWeekStockholm, runName, shortStockholm } from "./run-names";

beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: "sv", showSupportNotice: false, resources: { sv: { translation: sv }, en: { translation: en } } });
});

// 2026-12-01 19:20 UTC is 20:20 in Stockholm (UTC+1 in winter), a Tuesday in ISO week 49.
const manualAt = Date.UTC(2026, 11, 1, 19, 20);

describe("run names", () => {
  it("names the scheduled run by its ISO week, in Swedish and English", async () => {
    await i18n.changeLanguage("sv");
    expect(runName({ id: "payout-run-2026-W49", trigger: "schedule", startedAt: manualAt })).toBe("Veckoutbetalning v. 49");
    await i18n.changeLanguage("en");
    expect(runName({ id: "payout-run-2026-W49", trigger: "schedule", startedAt: manualAt })).toBe("Weekly payout, week 49");
  });

  it("names a manual run by its start in Stockholm time", async () => {
    await i18n.changeLanguage("sv");
    setActiveLanguage("sv");
    expect(runName({ id: "payout-run-manual-202612011920", trigger: "admin", startedAt: manualAt })).toBe("Manuell körning 1 dec 20:20");
    await i18n.changeLanguage("en");
    setActiveLanguage("en");
    expect(runName({ id: "payout-run-manual-202612011920", trigger: "admin", startedAt: manualAt })).toBe("Manual run 1 Dec 20:20");
    // Only the id known (a payout names its run by id): the UTC minute in the id, shown in Stockholm time.
    expect(runName({ id: "payout-run-manual-202612011920" })).toBe("Manual run 1 Dec 20:20");
  });

  it("counts ISO weeks across a year end and summer time", () => {
    expect(isoWeekStockholm(Date.UTC(2026, 0, 1, 12))).toBe(1); // Thursday 1 Jan 2026
    expect(isoWeekStockholm(Date.UTC(2027, 0, 3, 12))).toBe(53); // Sunday 3 Jan 2027 belongs to 2026-W53
    // 23:30 UTC on Sunday 28 Jun is already Monday in Stockholm (UTC+2): the next week.
    expect(isoWeekStockholm(Date.UTC(2026, 5, 28, 23, 30))).toBe(27);
    expect(shortStockholm(Date.UTC(2026, 5, 28, 23, 30), "sv-SE")).toBe("29 juni 01:30");
  });
});
