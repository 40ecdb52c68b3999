import assert from "node:assert/strict";
import { markVoucherBookedByHand } from "../../../src/app/accounting/booked-by-hand";
import { dayBookingsCsv } from "../../../src/app/accounting/day-bookings-csv";
import { syncAccounting } from "../../../src/app/accounting/sync-accounting";
import { addDays } from "../../../src/domain/accounting-dates";
import { isDomainError } from "../../../src/domain/errors";
import { payoutPaidEntry, platformPayoutEntry, programSaleEntry } from "../../../src/domain/ledger";
import { at, nightOf, setup } from "./sync-fixtures";

const DAY = "2026-11-22";
const sek = (amount: number) => ({ amount, currency: "sek" as const });
const sale = (id: string, occurredAt: number, gross = 49900) => programSaleEntry({ occurredAt, paymentId: id, coachId: "coach1", gross: sek(gross), fee: sek(gross / 5) });
const accountant = { uid: "acc", role: "accountant" as const, email: null };
const HEADER = "day,section,voucher_marker,flow,currency,state,fortnox_voucher,transaction_date,bas_account,debit,credit,text,entries,reason";
const EUR_REASON = '"This voucher is in EUR, and Fortnox is booked in SEK. Convert it at the rate the accountant chooses and book it by hand in Fortnox, then mark it booked by hand here."';

/** The CSV's lines without the BOM and the final line break. */
const linesOf = (csv: string) => csv.replace(/^\ufeff/, "").replace(/\r\n$/, "").split("\r\n");

describe("the day's bookings as a CSV", () => {
  it("lists each stored voucher's rows as posted (number, date, reason), then the entries still waiting, marked as such", async () => {
    const { ledger, store, gateway, deps, clock } = setup("2026-11-23");
    gateway.chart = gateway.chart.filter((a) => a.number !== 1930); // the platform payout to the bank is refused
    const eur = programSaleEntry({ occurredAt: at(DAY, 1), paymentId: "pi_eur", coachId: "coach1", gross: { amount: 4990, currency: "eur" }, fee: { amount: 998, currency: "eur" } });
    ledger.addRecordedAt(
      at(DAY, 30),
      eur,
      sale("pi_1", at(DAY, 3)),
      payoutPaidEntry({ occurredAt: at(DAY, 5), payoutId: "payout_1", coachId: "coach1", amount: sek(20000) }),
      platformPayoutEntry({ occurredAt: at(DAY, 6), stripePayoutId: "po_1", amount: sek(5000) }),
    );
    await syncAccounting(deps, { trigger: "schedule" });
    await markVoucherBookedByHand({ store, clock }, accountant, { voucherId: `${DAY}_sales_eur`, voucherNumber: "B-7" });
    // Arrives after the run: no voucher holds it yet.
    ledger.addRecordedAt(at("2026-11-23", 0), sale("pi_2", at(DAY, 50), 100));

    const out = await dayBookingsCsv(deps, accountant, { day: DAY });

    assert.equal(out.filename, "kassa-bookings-2026-11-22.csv");
    assert.deepEqual(linesOf(out.csv), [
      HEADER,
      `${DAY},booked,KASSA ${DAY} payouts SEK,payouts,SEK,failed,,,1930,50.00,,Utbetalning till bank ${DAY}: bank,1,Fortnox refused: Kontot 1930 finns inte`,
      `${DAY},booked,KASSA ${DAY} payouts SEK,payouts,SEK,failed,,,1580,,50.00,Utbetalning till bank ${DAY}: kortfordran hos Stripe,1,Fortnox refused: Kontot 1930 finns inte`,
      `${DAY},booked,KASSA ${DAY} sales EUR,sales,EUR,booked_by_hand,B-7 (by hand),,1580,49.90,,Programförsäljning ${DAY}: kortfordran hos Stripe,1,${EUR_REASON}`,
      `${DAY},booked,KASSA ${DAY} sales EUR,sales,EUR,booked_by_hand,B-7 (by hand),,2890,,39.92,Programförsäljning ${DAY}: skuld till coacher,1,${EUR_REASON}`,
      `${DAY},booked,KASSA ${DAY} sales EUR,sales,EUR,booked_by_hand,B-7 (by hand),,3041,,7.98,Programförsäljning ${DAY}: provision exkl. moms,1,${EUR_REASON}`,
      `${DAY},booked,KASSA ${DAY} sales EUR,sales,EUR,booked_by_hand,B-7 (by hand),,2611,,2.00,Programförsäljning ${DAY}: utgående moms 25 % per försäljning,1,${EUR_REASON}`,
      `${DAY},booked,KASSA ${DAY} sales SEK,sales,SEK,posted,A-1 (2026),${DAY},1580,499.00,,Programförsäljning ${DAY}: kortfordran hos Stripe,1,`,
      `${DAY},booked,KASSA ${DAY} sales SEK,sales,SEK,posted,A-1 (2026),${DAY},2890,,399.20,Programförsäljning ${DAY}: skuld till coacher,1,`,
      `${DAY},booked,KASSA ${DAY} sales SEK,sales,SEK,posted,A-1 (2026),${DAY},3041,,79.84,Programförsäljning ${DAY}: provision exkl. moms,1,`,
      `${DAY},booked,KASSA ${DAY} sales SEK,sales,SEK,posted,A-1 (2026),${DAY},2611,,19.96,Programförsäljning ${DAY}: utgående moms 25 % per försäljning,1,`,
      `${DAY},booked,KASSA ${DAY} transfers SEK,transfers,SEK,posted,A-2 (2026),${DAY},2890,200.00,,Överföringar till coacher ${DAY}: skuld till coacher,1,`,
      `${DAY},booked,KASSA ${DAY} transfers SEK,transfers,SEK,posted,A-2 (2026),${DAY},1580,,200.00,Överföringar till coacher ${DAY}: kortfordran hos Stripe,1,`,
      `${DAY},waiting,,sales,SEK,not in a voucher yet,,,1580,1.00,,Programförsäljning ${DAY} #2: kortfordran hos Stripe,1,`,
      `${DAY},waiting,,sales,SEK,not in a voucher yet,,,2890,,0.80,Programförsäljning ${DAY} #2: skuld till coacher,1,`,
      `${DAY},waiting,,sales,SEK,not in a voucher yet,,,3041,,0.16,Programförsäljning ${DAY} #2: provision exkl. moms,1,`,
      `${DAY},waiting,,sales,SEK,not in a voucher yet,,,2611,,0.04,Programförsäljning ${DAY} #2: utgående moms 25 % per försäljning,1,`,
    ]);
    assert.equal(out.rows, 16, "rows counts the data rows, not the header");
  });

  it("supplementary vouchers come in their number's order: #2 … #9 before #10 and #11", async () => {
    const { ledger, deps, clock } = setup("2026-11-23", { lateEntryWaitNights: 0 });
    ledger.addRecordedAt(at(DAY, 30), sale("pi_0", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    // One late entry a night, each into the next supplementary voucher.
    let night = "2026-11-23";
    for (let i = 2; i <= 11; i++) {
      clock.ms = nightOf(night) + 3600_000;
      ledger.addRecordedAt(clock.ms, sale(`pi_${i}`, at(DAY, i)));
      night = addDays(night, 1);
      clock.ms = nightOf(night);
      await syncAccounting(deps, { trigger: "schedule" });
    }
    const out = await dayBookingsCsv(deps, accountant, { day: DAY });
    const markers = [...new Set(linesOf(out.csv).slice(1).map((l) => l.split(",")[2]))];
    assert.deepEqual(markers, [`KASSA ${DAY} late SEK #2`, ...[3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => `KASSA ${DAY} late SEK #${n}`), `KASSA ${DAY} sales SEK`]);
    assert.ok(linesOf(out.csv).slice(1).every((l) => l.split(",")[1] === "booked"), "nothing waiting: every entry is in a voucher");
  });

  it("a stored row without a text (as older vouchers may have) leaves the text column empty", async () => {
    const { ledger, store, deps } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    const v = store.vouchers.get(`${DAY}_sales_sek`)!;
    await store.updateVoucher(v.id, { rows: v.rows.map(({ info: _info, ...r }) => r) });
    const out = await dayBookingsCsv(deps, accountant, { day: DAY });
    assert.equal(linesOf(out.csv)[1], `${DAY},booked,KASSA ${DAY} sales SEK,sales,SEK,posted,A-1 (2026),${DAY},1580,499.00,,,1,`);
  });

  it("a day without bookings is the header alone", async () => {
    const { deps } = setup("2026-11-23");
    const out = await dayBookingsCsv(deps, { uid: "adm", role: "admin", email: null }, { day: DAY });
    assert.deepEqual(linesOf(out.csv), [HEADER]);
    assert.equal(out.rows, 0);
  });

  it("only an accountant or admin may read it, and only for a real day", async () => {
    const { deps } = setup("2026-11-23");
    for (const role of ["coach", "customer", null] as const) {
      await assert.rejects(dayBookingsCsv(deps, { uid: "u", role, email: null }, { day: DAY }), (e) => isDomainError(e) && e.kind === "permission");
    }
    await assert.rejects(
      dayBookingsCsv(deps, accountant, { day: "2026-11-31" }),
      (e) => isDomainError(e) && e.kind === "invalid_input" && e.field === "day",
    );
  });
});
