import { strict as assert } from "node:assert";
import { bookedVoucherOf } from "../../../src/adapters/firebase/firestore-booked-vouchers";

const rows = [
  { account: 1580, debit: 100, credit: 0 },
  { account: 2890, debit: 0, credit: 100 },
];

describe("booked voucher records (what the SIE export and the reconciliation read)", () => {
  it("a posted voucher, dated on the first open day when its own was locked", () => {
    const v = bookedVoucherOf("2026-11-22_refunds_sek_2", { state: "posted", day: "2026-11-22", transactionDate: "2026-12-01", currency: "sek", series: "A", number: 41, financialYearId: 3, rows, marker: "KASSA 2026-11-22 refunds SEK #2", postedAt: 5 });
    assert.deepEqual(v && [v.day, v.transactionDate, v.series, v.number, v.financialYearId, v.postedAt], ["2026-11-22", "2026-12-01", "A", 41, 3, 5]);
  });
  it("a voucher the accountant booked by hand is in the books under the number they typed", () => {
    const v = bookedVoucherOf("x", { state: "booked_by_hand", day: "2026-11-22", currency: "sek", rows, marker: "KASSA 2026-11-22 sales SEK", bookedByHand: { by: "acc", at: 9, voucherNumber: "B-17" } });
    assert.deepEqual(v && [v.series, v.number, v.postedAt, v.transactionDate, v.financialYearId], ["B", 17, 9, "2026-11-22", null]);
  });
  it("reserved, failed, empty or unnumbered records are not in the books", () => {
    for (const state of ["planned", "ready", "posting", "failed", "empty"]) {
      assert.equal(bookedVoucherOf("x", { state, day: "2026-11-22", currency: "sek", series: "A", number: 1, rows }), null, state);
    }
    assert.equal(bookedVoucherOf("x", { state: "posted", day: "2026-11-22", currency: "sek", rows }), null);
    assert.equal(bookedVoucherOf("x", { state: "booked_by_hand", day: "2026-11-22", currency: "sek", rows, bookedByHand: { voucherNumber: "??" } }), null);
  });
});
