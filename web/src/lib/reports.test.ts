import { describe, expect, it } from "vitest";
import { bucketSeries, type DayPoint, formatBps, niceMax, shortDay } from "./reports";

const series = (n: number, start = "2025-01-01"): DayPoint[] => {
  const d = new Date(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(d.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    return { day, gross: 100 * (i + 1), platformFees: 1, subscriptions: 0, refunds: 0, payouts: 0 };
  });
};
const total = (s: DayPoint[]) => s.reduce((a, p) => a + p.gross, 0);

describe("chart data shaping", () => {
  it("keeps one bar per day when it fits", () => {
    const bars = bucketSeries(series(7), "gross", 31, "en-GB");
    expect(bars).toHaveLength(7);
    expect(bars[0]).toEqual({ from: "2025-01-01", to: "2025-01-01", label: "1 Jan", value: 100 });
    expect(bucketSeries(series(7), "gross", 31, "sv-SE")[0]!.label).toBe("1 jan.");
  });
  it("groups 90 days into 13 weekly bars without losing an öre", () => {
    const s = series(90);
    const bars = bucketSeries(s, "gross", 31, "en-GB");
    expect(bars).toHaveLength(13);
    expect(bars[0]!.label).toBe("w/c 1 Jan");
    expect(bucketSeries(s, "gross", 31, "sv-SE")[1]!.label).toBe("från 8 jan.");
    expect(bars[12]!.from).toBe("2025-03-26");
    expect(bars[12]!.to).toBe("2025-03-31");
    expect(bars.reduce((a, b) => a + b.value, 0)).toBe(total(s));
  });
  it("groups 365 days into calendar months", () => {
    const s = series(365, "2024-03-08");
    const bars = bucketSeries(s, "gross", 31, "en-GB");
    expect(bars).toHaveLength(13);
    expect(bars.map((b) => b.label).slice(0, 3)).toEqual(["Mar 24", "Apr 24", "May 24"]);
    expect(bucketSeries(s, "gross", 31, "sv-SE").map((b) => b.label).slice(0, 3)).toEqual(["mars 24", "apr. 24", "maj 24"]);
    expect(bars[0]!.from).toBe("2024-03-08");
    expect(bars[0]!.to).toBe("2024-03-31");
    expect(bars.reduce((a, b) => a + b.value, 0)).toBe(total(s));
  });
  it("picks the metric asked for", () => {
    expect(bucketSeries(series(3), "platformFees").map((b) => b.value)).toEqual([1, 1, 1]);
  });
  it("rounds axis maxima up to 1, 2 or 5 times a power of ten", () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(49900)).toBe(50000);
    expect(niceMax(50001)).toBe(100000);
    expect(niceMax(120)).toBe(200);
    expect(niceMax(100)).toBe(100);
  });
  it("labels days and percents exactly", () => {
    expect(shortDay("2025-12-05", "en-GB")).toBe("5 Dec");
    expect(shortDay("2025-12-05", "sv-SE")).toBe("5 dec.");
    expect(formatBps(1250)).toBe("12,50\u00a0%");
    expect(formatBps(5)).toBe("0,05\u00a0%");
  });
});
