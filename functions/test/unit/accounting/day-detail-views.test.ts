import assert from "node:assert/strict";
import { markVoucherBookedByHand } from "../../../src/app/accounting/booked-by-hand";
import { ChartCache } from "../../../src/app/accounting/chart-cache";
import { accountingDayDetail, waitingOfDay } from "../../../src/app/accounting/day-detail";
import { syncAccounting } from "../../../src/app/accounting/sync-accounting";
import { addDays } from "../../../src/domain/accounting-dates";
import { DomainError, isDomainError } from "../../../src/domain/errors";
import { platformPayoutEntry, programSaleEntry } from "../../../src/domain/ledger";
import { FakeAccountingGateway } from "../../fakes/fake-accounting-gateway";
import { at, nightOf, setup } from "./sync-fixtures";

const DAY = "2026-11-22";
const sek = (amount: number) => ({ amount, currency: "sek" as const });
const sale = (id: string, occurredAt: number) => programSaleEntry({ occurredAt, paymentId: id, coachId: "coach1", gross: sek(49900), fee: sek(9980) });
const eurSale = (id: string, occurredAt: number) =>
  programSaleEntry({ occurredAt, paymentId: id, coachId: "coach1", gross: { amount: 4990, currency: "eur" }, fee: { amount: 998, currency: "eur" } });
const accountant = { uid: "acc", role: "accountant" as const, email: null };

/** Fortnox whose voucher read-back fails, as a provider error or as anything else. */
class UnreadableGateway extends FakeAccountingGateway {
  constructor(private readonly fault: unknown) {
    super();
  }
  override async getVoucher(): Promise<never> {
    throw this.fault;
  }
}

describe("the day view: account names from Fortnox's chart", () => {
  it("names exactly the accounts the page shows, with one chart read; a chart that cannot be read leaves names out, not the day", async () => {
    const { ledger, gateway, deps } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    gateway.calls.length = 0;
    const detail = await accountingDayDetail(deps, accountant, { day: DAY });
    const shown = new Set(detail.booked.flatMap((v) => v.record.rows.map((r) => String(r.account))));
    assert.deepEqual(Object.keys(detail.accountNames).sort(), [...shown].sort());
    for (const [n, name] of Object.entries(detail.accountNames)) assert.equal(name, gateway.chart.find((a) => String(a.number) === n)!.description);
    assert.equal(gateway.calls.filter((c) => c === "GET accounts").length, 1);

    class NoChart extends FakeAccountingGateway {
      override async accounts(): Promise<never> {
        throw new DomainError("provider_unavailable", "Fortnox is down");
      }
    }
    const down = new NoChart();
    down.stored = gateway.stored;
    const without = await accountingDayDetail({ ...deps, gateway: down }, accountant, { day: DAY });
    assert.deepEqual(without.accountNames, {});
    assert.equal(without.booked.length, detail.booked.length, "the vouchers are still shown");
  });
});

describe("the day view: what was booked", () => {
  it("posted vouchers with the rows Fortnox holds, booked-by-hand among the booked, refused ones apart, each in voucher order", async () => {
    const { ledger, store, gateway, deps, clock } = setup("2026-11-23");
    gateway.chart = gateway.chart.filter((a) => a.number !== 1930); // the platform payout is refused
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)), eurSale("pi_eur", at(DAY, 2)), platformPayoutEntry({ occurredAt: at(DAY, 6), stripePayoutId: "po_1", amount: sek(5000) }));
    await syncAccounting(deps, { trigger: "schedule" });
    await markVoucherBookedByHand({ store, clock }, accountant, { voucherId: `${DAY}_sales_eur`, voucherNumber: "B-7" });

    const detail = await accountingDayDetail(deps, accountant, { day: DAY });
    assert.equal(detail.day, DAY);
    assert.deepEqual(detail.booked.map((v) => [v.record.id, v.record.state]), [[`${DAY}_sales_eur`, "booked_by_hand"], [`${DAY}_sales_sek`, "posted"]]);
    assert.deepEqual(detail.notPosted.map((v) => [v.record.id, v.record.state]), [[`${DAY}_payouts_sek`, "failed"]]);
    const posted = detail.booked[1]!;
    assert.deepEqual(posted.fortnoxRows, gateway.stored[0]!.rows, "read back from Fortnox");
    assert.deepEqual(posted.fortnoxRows, posted.record.rows);
    assert.equal("fortnoxError" in posted, false);
    // Not in Fortnox: nothing read back, and Fortnox was not asked.
    assert.equal(detail.booked[0]!.fortnoxRows, null);
    assert.equal(detail.notPosted[0]!.fortnoxRows, null);
    assert.deepEqual(gateway.calls.filter((c) => c.startsWith("GET voucher ")), ["GET voucher A-1"]);
    assert.deepEqual(detail.waiting, []);
  });

  it("vouchers come in id order, supplementary ones by their number (#2 before #10)", async () => {
    const { ledger, deps, clock } = setup("2026-11-23", { lateEntryWaitNights: 0 });
    ledger.addRecordedAt(at(DAY, 30), sale("pi_0", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    let night = "2026-11-23";
    for (let i = 2; i <= 10; i++) {
      ledger.addRecordedAt(nightOf(night) + 3600_000, sale(`pi_${i}`, at(DAY, i)));
      night = addDays(night, 1);
      clock.ms = nightOf(night);
      await syncAccounting(deps, { trigger: "schedule" });
    }
    const detail = await accountingDayDetail(deps, accountant, { day: DAY });
    assert.deepEqual(detail.booked.map((v) => v.record.id), [...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `${DAY}_late_sek_${n}`), `${DAY}_sales_sek`]);
  });

  it("a posted voucher Fortnox no longer returns shows no rows and no error", async () => {
    const { ledger, gateway, deps } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    gateway.stored = [];
    const [view] = (await accountingDayDetail(deps, accountant, { day: DAY })).booked;
    assert.equal(view!.record.state, "posted");
    assert.equal(view!.fortnoxRows, null);
    assert.equal("fortnoxError" in view!, false);
  });

  it("when Fortnox cannot be read the view still comes, with the reason in words", async () => {
    for (const [fault, reason] of [
      [new DomainError("provider_unavailable", "Fortnox did not answer (HTTP 503)"), "Fortnox did not answer (HTTP 503)"],
      [new Error("socket hang up"), "Error: socket hang up"],
    ] as const) {
      const { ledger, deps } = setup("2026-11-23");
      ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
      await syncAccounting(deps, { trigger: "schedule" });
      const detail = await accountingDayDetail({ ...deps, gateway: new UnreadableGateway(fault) }, accountant, { day: DAY });
      assert.equal(detail.booked.length, 1);
      assert.equal(detail.booked[0]!.fortnoxRows, null);
      assert.equal(detail.booked[0]!.fortnoxError, reason);
    }
  });

  it("only an accountant or admin may look, and only at a real day", async () => {
    const { deps } = setup("2026-11-23");
    for (const role of ["coach", "customer", null] as const) {
      await assert.rejects(accountingDayDetail(deps, { uid: "u", role, email: null }, { day: DAY }), (e) => isDomainError(e) && e.kind === "permission");
    }
    await assert.rejects(accountingDayDetail(deps, accountant, { day: "22-11-2026" }), (e) => isDomainError(e) && e.kind === "invalid_input" && e.field === "day");
    const empty = await accountingDayDetail(deps, { uid: "adm", role: "admin", email: null }, { day: DAY });
    assert.deepEqual(empty, { day: DAY, booked: [], notPosted: [], waiting: [], accountNames: {} });
  });
});

describe("the day view: what is waiting (more cases)", () => {
  it("a day of more than 300 booked entries has nothing waiting (every booking is looked up)", async () => {
    const { ledger, deps } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 30), ...Array.from({ length: 650 }, (_, i) => sale(`pi_${i}`, at(DAY, 0) + i)));
    await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual(await waitingOfDay(deps, DAY), []);
    ledger.addRecordedAt(at("2026-11-23", 0), sale("pi_late", at(DAY, 60)));
    assert.deepEqual((await waitingOfDay(deps, DAY)).map((w) => w.entryCount), [1], "only the late entry waits");
  });

  it("a late entry in a currency the day has no voucher in goes into that currency's first voucher, the next night", async () => {
    const { ledger, deps } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    ledger.addRecordedAt(at("2026-11-23", 0), eurSale("pi_eur", at(DAY, 2)));
    const waiting = await waitingOfDay(deps, DAY);
    assert.deepEqual(waiting.map((w) => [w.flow, w.currency, w.entryCount, w.into, w.notBefore]), [["sales", "eur", 1, `KASSA ${DAY} sales EUR`, "2026-11-23"]]);
    assert.deepEqual(waiting[0]!.rows.map((r) => [r.account, r.debit, r.credit]), [[1580, 4990, 0], [2890, 0, 3992], [3041, 0, 798], [2611, 0, 200]]);
  });

  it("the next supplementary voucher follows the highest number, counted from the newest voucher's night", async () => {
    const { ledger, deps, clock } = setup("2026-11-23", { lateEntryWaitNights: 2 });
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    ledger.addRecordedAt(at("2026-11-23", 0), sale("pi_2", at(DAY, 2)));
    clock.ms = nightOf("2026-11-25");
    await syncAccounting(deps, { trigger: "schedule" }); // makes late #2, planned 2026-11-25
    ledger.addRecordedAt(at("2026-11-25", 0), sale("pi_3", at(DAY, 3)));
    const waiting = await waitingOfDay(deps, DAY);
    assert.deepEqual(waiting.map((w) => [w.into, w.notBefore]), [[`KASSA ${DAY} late SEK #3`, "2026-11-27"]], "two nights after #2, not after the first voucher");
  });

  it("a booking delay moves the first night later, and wins over a shorter late-entry wait", async () => {
    const delayed = setup("2026-11-23");
    delayed.ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    assert.deepEqual((await waitingOfDay({ ...delayed.deps, bookingDelayDays: 3 }, DAY)).map((w) => w.notBefore), ["2026-11-26"]);

    const { ledger, deps } = setup("2026-11-23", { lateEntryWaitNights: 0 });
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    ledger.addRecordedAt(at("2026-11-23", 0), sale("pi_2", at(DAY, 2)));
    assert.deepEqual((await waitingOfDay({ ...deps, bookingDelayDays: 3 }, DAY)).map((w) => [w.into, w.notBefore]), [[`KASSA ${DAY} late SEK #2`, "2026-11-26"]]);
    assert.deepEqual((await waitingOfDay(deps, DAY)).map((w) => w.notBefore), ["2026-11-23"], "no wait: the next run after the day");
  });
});

describe("the day view: the chart cache", () => {
  it("reads the chart once per financial year for many day views, again after the TTL, and forgets a failed read", async () => {
    const { ledger, gateway, deps } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    let now = 1_000_000;
    const cache = new ChartCache(() => now, 60_000);
    const cached = { ...deps, chartCache: cache };
    const chartReads = () => gateway.calls.filter((c) => c === "GET accounts").length;
    gateway.calls.length = 0;

    const first = await accountingDayDetail(cached, accountant, { day: DAY });
    const second = await accountingDayDetail(cached, accountant, { day: DAY });
    assert.equal(chartReads(), 1, "the second view is named from the cache");
    assert.deepEqual(second.accountNames, first.accountNames);
    assert.ok(Object.keys(first.accountNames).length > 0);

    // A renamed account is seen once the entry is older than the TTL.
    const renamed = gateway.chart.find((a) => String(a.number) === Object.keys(first.accountNames)[0])!;
    renamed.description = "Nytt namn";
    now += 59_999;
    assert.notEqual((await accountingDayDetail(cached, accountant, { day: DAY })).accountNames[String(renamed.number)], "Nytt namn");
    now += 1;
    assert.equal((await accountingDayDetail(cached, accountant, { day: DAY })).accountNames[String(renamed.number)], "Nytt namn");
    assert.equal(chartReads(), 2);

    // Fortnox down: no names, and the failure is not kept; the next view asks again and names.
    class Flaky extends FakeAccountingGateway {
      fail = true;
      override async accounts() {
        this.calls.push("GET accounts");
        if (this.fail) throw new DomainError("provider_unavailable", "Fortnox is down");
        return this.chart.map((a) => ({ ...a }));
      }
    }
    const flaky = new Flaky();
    flaky.stored = gateway.stored;
    const fresh = new ChartCache(() => now, 60_000);
    assert.deepEqual((await accountingDayDetail({ ...deps, gateway: flaky, chartCache: fresh }, accountant, { day: DAY })).accountNames, {});
    flaky.fail = false;
    const named = await accountingDayDetail({ ...deps, gateway: flaky, chartCache: fresh }, accountant, { day: DAY });
    assert.deepEqual(Object.keys(named.accountNames).sort(), Object.keys(first.accountNames).sort());
    assert.equal(flaky.calls.filter((c) => c === "GET accounts").length, 2);
  });
});
