import { describe, expect, it } from "vitest";
import { compareRows, referenceAsFortnox, voucherNumber } from "./side-by-side";

const row = (account: number, debit: number, credit: number) => ({ account, debit, credit });

describe("Kassa beside Fortnox", () => {
  it("agrees when each account nets the same, whatever the row order", () => {
    const kassa = [
      row(1580, 49900, 0),
      row(2890, 0, 39920),
      row(3041, 0, 7984),
      row(2611, 0, 1996),
    ];
    const out = compareRows(kassa, [...kassa].reverse());
    expect(out.agrees).toBe(true);
    expect(out.lines.map((l) => l.account)).toEqual([1580, 2611, 2890, 3041]);
    expect(out.kassa).toEqual({ debit: 49900, credit: 49900 });
  });

  it("names the difference per account to the öre, and an account on one side only", () => {
    const out = compareRows(
      [row(1580, 49900, 0), row(2890, 0, 49900)],
      [row(1580, 49899, 0), row(2890, 0, 49899), row(3740, 0, 1)],
    );
    expect(out.agrees).toBe(false);
    expect(out.lines.find((l) => l.account === 1580)!.difference).toBe(1);
    expect(out.lines.find((l) => l.account === 2890)!.difference).toBe(-1);
    expect(out.lines.find((l) => l.account === 3740)!.difference).toBe(1);
  });

  it("shows the number as Fortnox lists it, with its financial year", () => {
    expect(voucherNumber({ series: "A", number: 12, reference: "A-12 (2026)" })).toEqual({
      number: "A12",
      year: "2026",
    });
    expect(voucherNumber({ series: "B", number: 3, transactionDate: "2027-01-02" })).toEqual({
      number: "B3",
      year: "2027",
    });
    expect(voucherNumber({})).toBeNull();
    expect(referenceAsFortnox("A-3 (2026)")).toBe("A3 (2026)");
    expect(referenceAsFortnox("B-12")).toBe("B12");
    expect(referenceAsFortnox("något annat")).toBe("något annat");
  });
});
