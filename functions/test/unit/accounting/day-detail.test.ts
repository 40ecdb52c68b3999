import assert from "node:assert/strict";
import { accountingDayDetail, waitingOfDay } from "../../../src/app/accounting/day-detail";
import { syncAccounting } from "../../../src/app/accounting/sync-accounting";
import { voucherSpecificationCsv } from "../../../src/app/accounting/voucher-specification";
import { programSaleEntry, refundEntry } from "../../../src/domain/ledger";
import { paymentPosition } from "../../../src/domain/payment-position";
import { at, nightOf, setup } from "./sync-fixtures";

const DAY = "2026-11-22";
const sek = (amount: number) => ({ amount, currency: "sek" as const });
const sale = (id: string, occurredAt: number) => programSaleEntry({ occurredAt, paymentId: id, coachId: "coach1", gross: sek(49900), fee: sek(9980) });
const accountant = { uid: "acc", role: "accountant" as const, email: null };

describe("the day view: what is waiting to be booked", () => {
  it("late entries show the supplementary voucher they go into, the night it is made, and exactly the rows it then books", async () => {
    const { ledger, store, gateway, deps, clock } = setup("2026-11-23");
    const first = sale("pi_1", at(DAY, 1));
    ledger.addRecordedAt(at(DAY, 2), first);
    await syncAccounting(deps, { trigger: "schedule" });
    const late = sale("pi_2", at(DAY, 50));
    const refund = refundEntry({ occurredAt: at(DAY, 55), refundId: "re_1", position: paymentPosition([first]), amount: sek(10000) });
    ledger.addRecordedAt(at("2026-11-24", 0), late, refund);
    clock.ms = nightOf("2026-11-25");
    await syncAccounting(deps, { trigger: "schedule" });

    const detail = await accountingDayDetail(deps, accountant, { day: DAY });
    assert.deepEqual(detail.booked.map((v) => v.record.id), [`${DAY}_sales_sek`]);
    assert.deepEqual(
      detail.waiting.map((w) => [w.flow, w.entryCount, w.into, w.notBefore]),
      [
        ["sales", 1, `KASSA ${DAY} late SEK #2`, "2026-11-30"],
        ["refunds", 1, `KASSA ${DAY} late SEK #2`, "2026-11-30"],
      ],
      "one supplementary voucher for both flows, seven nights after the day's first vouchers",
    );

    clock.ms = nightOf("2026-11-30");
    await syncAccounting(deps, { trigger: "schedule" });
    const posted = gateway.stored.find((v) => v.description === `KASSA ${DAY} late SEK #2`)!;
    assert.deepEqual(posted.rows, detail.waiting.flatMap((w) => w.rows), "what the day view showed is what was posted");
    assert.deepEqual(await waitingOfDay(deps, DAY), []);
    assert.equal(store.bookings.get(refund.id)?.voucherId, `${DAY}_late_sek_2`);

    // Its specification names each entry's flow (the last column).
    const spec = await voucherSpecificationCsv(deps, accountant, { voucherId: `${DAY}_late_sek_2` });
    const lines = spec.csv.replace(/^\ufeff/, "").trim().split("\r\n");
    assert.match(lines[0]!, /,flow$/);
    assert.deepEqual(lines.slice(1).map((l) => [l.split(",")[3], l.split(",").at(-1)]), [[late.id, "sales"], [refund.id, "refunds"]]);
  });

  it("entries of a day without vouchers go into its first vouchers, the night after the day", async () => {
    const { ledger, deps } = setup("2026-11-23", { lateEntryWaitNights: 0 });
    ledger.addRecordedAt(at(DAY, 2), sale("pi_1", at(DAY, 1)));
    const waiting = await waitingOfDay(deps, DAY);
    assert.deepEqual(waiting.map((w) => [w.flow, w.into, w.notBefore]), [["sales", `KASSA ${DAY} sales SEK`, "2026-11-23"]]);
  });
});
