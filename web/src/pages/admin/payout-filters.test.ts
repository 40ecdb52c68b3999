import { describe, expect, it } from "vitest";
import { filtersFrom, periodOf, stockholmMidnight } from "./payout-filters";

describe("all-payouts filters from the URL", () => {
  it("keeps known statuses and real days, drops the rest", () => {
    expect(filtersFrom(new URLSearchParams("status=rejected&coach=demo-coach-2&from=2026-12-01&to=2026-12-31"))).toEqual({ status: "rejected", coach: "demo-coach-2", from: "2026-12-01", to: "2026-12-31" });
    expect(filtersFrom(new URLSearchParams("status=bogus&coach=&from=1.12.2026&to=2026-13-45"))).toEqual({ status: null, coach: null, from: null, to: null });
  });

  it("turns days into Stockholm midnights, the to-day included whole", () => {
    expect(new Date(stockholmMidnight("2026-12-01")).toISOString()).toBe("2026-11-30T23:00:00.000Z"); // winter, UTC+1
    expect(new Date(stockholmMidnight("2026-06-15")).toISOString()).toBe("2026-06-14T22:00:00.000Z"); // summer, UTC+2
    const p = periodOf({ status: null, coach: null, from: "2026-12-01", to: "2026-12-01" });
    expect(p.to! - p.from!).toBe(86_400_000);
    expect(periodOf({ status: null, coach: null, from: null, to: null })).toEqual({ from: null, to: null });
  });
});
