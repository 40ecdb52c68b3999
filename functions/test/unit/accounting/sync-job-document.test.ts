/**
 * The sync's job document and counts as the accountant's page reads them, the run lease, the
 * manual "sync now", and how the run reads Fortnox (once per run where it can).
 */
import assert from "node:assert/strict";
import { postingOrder, syncAccounting, syncAccountingNow } from "../../../src/app/accounting/sync-accounting";
import { addDays } from "../../../src/domain/accounting-dates";
import { isDomainError } from "../../../src/domain/errors";
import { holdReleaseEntry, programSaleEntry, subscriptionPaymentEntry } from "../../../src/domain/ledger";
import { paymentPosition } from "../../../src/domain/payment-position";
import { RECONNECT_MESSAGE, reconnectError, type VoucherToPost } from "../../../src/ports/accounting-gateway";
import type { SyncJob, VoucherRecord } from "../../../src/ports/accounting-store";
import { FakeAccountingGateway } from "../../fakes/fake-accounting-gateway";
import { at, dayLedger, FLOWS_PER_DAY, nightOf, setup } from "./sync-fixtures";

const DAY = "2026-11-22";
const sek = (amount: number) => ({ amount, currency: "sek" as const });
const sale = (id: string, occurredAt: number) => programSaleEntry({ occurredAt, paymentId: id, coachId: "coach1", gross: sek(49900), fee: sek(9980) });
const accountant = { uid: "acc", role: "accountant" as const, email: null };

/** Fortnox with a hook at each POST (to look at Kassa mid-run) and scripted locked-period reads. */
class HookedGateway extends FakeAccountingGateway {
  duringPost: (() => void) | null = null;
  lockedThrows: unknown[] = [];
  override async postVoucher(financialYearId: number, v: VoucherToPost) {
    this.duringPost?.();
    return super.postVoucher(financialYearId, v);
  }
  override async lockedPeriodEnd() {
    if (this.lockedThrows.length > 0) {
      this.calls.push("GET lockedperiod");
      throw this.lockedThrows.shift();
    }
    return super.lockedPeriodEnd();
  }
}

function world(now = "2026-11-23") {
  const s = setup(now);
  const gateway = new HookedGateway();
  s.deps.gateway = gateway;
  return { ...s, gateway };
}
const calls = (g: FakeAccountingGateway, prefix: string) => g.calls.filter((c) => c.startsWith(prefix));

describe("the sync's job document", () => {
  it("says running with its progress while it posts, holds the lease, and ends as the job the run returns", async () => {
    const { ledger, store, gateway, deps, clock } = world();
    ledger.addRecordedAt(at(DAY, 30), ...dayLedger(DAY, "a"));
    const seen: Pick<SyncJob, "state" | "progress" | "type" | "days" | "errors" | "trigger">[] = [];
    let lease: typeof store.lease = null;
    gateway.duringPost = () => {
      const doc = store.jobs.get("run-1")!;
      seen.push(structuredClone({ state: doc.state, progress: doc.progress, type: doc.type, days: doc.days, errors: doc.errors, trigger: doc.trigger }));
      lease = structuredClone(store.lease);
    };
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual(seen[0], { state: "running", progress: { vouchersDone: 0, vouchersTotal: FLOWS_PER_DAY }, type: "accounting_sync", days: [DAY], errors: [], trigger: "schedule" });
    assert.deepEqual(lease, { runId: "run-1", untilMs: clock.ms + 420_000 + 120_000 }, "the run's budget plus two minutes");
    assert.equal(store.lease, null, "released at the end");
    // The document is the job the run returns, days included (the manual sync's answer names them).
    const doc = store.jobs.get("run-1")!;
    assert.deepEqual(doc, job);
    assert.deepEqual(doc.days, [DAY]);
    assert.deepEqual(
      [job.state, job.type, job.trigger, doc.days, job.progress, job.errors, job.startedAt, job.finishedAt, "requestedBy" in job, "stoppedReason" in job],
      ["succeeded", "accounting_sync", "schedule", [DAY], { vouchersDone: FLOWS_PER_DAY, vouchersTotal: FLOWS_PER_DAY }, [], clock.ms, clock.ms, false, false],
    );
    assert.deepEqual(job.vouchers.map((v) => [v.outcome, v.reference]), [1, 2, 3, 4, 5].map((n) => ["posted", `A-${n} (2026)`]));
  });

  it("progress is saved every 25 vouchers while it runs", async () => {
    const { ledger, store, gateway, deps } = world("2026-12-28");
    let day = "2026-11-01";
    for (let i = 0; i < 26; i++, day = addDays(day, 1)) ledger.addRecordedAt(at(day, 30), sale(`pi_${i}`, at(day, 1)));
    const done: number[] = [];
    gateway.duringPost = () => done.push(store.jobs.get("run-1")!.progress.vouchersDone);
    await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual(done, [...Array(25).fill(0), 25]);
  });

  it("a refused voucher's error carries Fortnox's code in the job; a succeeded run raises no partial alert", async () => {
    const { ledger, gateway, deps, alerts } = world();
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    const ok = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(ok.state, "succeeded");
    assert.equal(alerts.ofKind("sync_partial").length, 0);

    const next = world();
    next.gateway.chart = next.gateway.chart.filter((a) => a.number !== 2611);
    next.ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    const job = await syncAccounting(next.deps, { trigger: "schedule" });
    const error = { message: "Fortnox refused: Kontot 2611 finns inte", code: 2001304 };
    assert.deepEqual(job.errors, [{ day: DAY, voucherId: `${DAY}_sales_sek`, ...error }]);
    assert.deepEqual(job.vouchers.map((v) => [v.id, v.outcome, v.error]), [[`${DAY}_sales_sek`, "failed", error]]);
    assert.deepEqual(next.store.jobs.get(job.id)!.errors, job.errors);
    assert.equal(calls(gateway, "POST").length, 1, "the first run posted its voucher");
  });

  it("a voucher the accountant marks booked by hand while the run is posting is skipped, not counted", async () => {
    const { ledger, store, gateway, deps, clock } = world();
    ledger.addRecordedAt(at(DAY, 30), ...dayLedger(DAY, "a"));
    gateway.duringPost = () => {
      gateway.duringPost = null;
      void store.markBookedByHand(`${DAY}_payouts_sek`, { by: "acc", at: clock.ms, voucherNumber: "A-99" }, clock.ms);
    };
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual([job.state, job.counts.posted, job.counts.busy, job.counts.failed], ["succeeded", FLOWS_PER_DAY - 1, 0, 0]);
    assert.equal(store.vouchers.get(`${DAY}_payouts_sek`)!.state, "booked_by_hand");
  });

  it("a voucher another run is posting counts as busy and leaves the run partial", async () => {
    const { ledger, store, gateway, deps, clock } = world();
    gateway.years = [];
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    gateway.years = [{ id: 1, fromDate: "2026-01-01", toDate: "2026-12-31" }];
    clock.advance(60_000);
    await store.updateVoucher(`${DAY}_sales_sek`, { state: "posting", runId: "run-elsewhere", postingUntil: clock.ms + 60_000 });
    const job = await syncAccounting(deps, { trigger: "schedule" });
    const message = "Another sync (run run-elsewhere) is posting this voucher right now.";
    assert.deepEqual([job.state, job.counts.busy, job.counts.failed], ["partial", 1, 0]);
    assert.deepEqual(job.errors, [{ day: DAY, voucherId: `${DAY}_sales_sek`, message }]);
    assert.deepEqual(job.vouchers.map((v) => [v.outcome, v.error]), [["busy", { message }]]);
    assert.equal(calls(gateway, "POST").length, 0);
  });

  it("a voucher of hold releases only is an empty voucher: counted, nothing posted", async () => {
    const { ledger, gateway, deps } = world();
    const first = sale("pi_1", at("2026-11-20", 1));
    ledger.addRecordedAt(
      at(DAY, 30),
      holdReleaseEntry({ position: paymentPosition([first]), occurredAt: at(DAY, 1) })!,
      sale("pi_2", at(DAY, 2)),
      subscriptionPaymentEntry({ occurredAt: at(DAY, 3), paymentId: "in_1", gross: sek(9900) }),
    );
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual([job.counts.vouchersPlanned, job.counts.empty, job.counts.posted, job.state], [3, 1, 2, "succeeded"]);
    assert.deepEqual(calls(gateway, "POST"), [`POST vouchers KASSA ${DAY} sales SEK`, `POST vouchers KASSA ${DAY} subscriptions SEK`], "the empty one does not go to Fortnox");
  });

  it("a run past its time budget defers the rest to the next run; one exactly at it still posts", async () => {
    const { ledger, gateway, deps, clock } = world();
    ledger.addRecordedAt(at(DAY, 30), ...dayLedger(DAY, "a"));
    gateway.duringPost = () => clock.advance(1000);
    const job = await syncAccounting({ ...deps, budgetMs: 1000 }, { trigger: "schedule" });
    assert.deepEqual([job.counts.posted, job.counts.deferred, job.state], [2, FLOWS_PER_DAY - 2, "partial"]);
    assert.deepEqual(job.vouchers.map((v) => v.outcome), ["posted", "posted", "deferred", "deferred", "deferred"]);
    assert.deepEqual(job.progress, { vouchersDone: 2, vouchersTotal: FLOWS_PER_DAY });
  });

  it("keeps the first 300 voucher outcomes, 200 errors and 400 days (sorted) in the document; the counts keep all", async () => {
    const { ledger, store, gateway, deps } = world("2026-11-23");
    gateway.years.unshift({ id: 0, fromDate: "2025-01-01", toDate: "2025-12-31" });
    gateway.chart = gateway.chart.filter((a) => a.number !== 2611); // every sales voucher refused
    const days: string[] = [];
    let day = "2025-10-17";
    for (let i = 0; i < 401; i++, day = addDays(day, 1)) {
      days.push(day);
      ledger.addRecordedAt(at(day, 30), sale(`pi_${i}`, at(day, 1)));
    }
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.counts.failed, 401);
    const doc = store.jobs.get(job.id)!;
    assert.equal(doc.vouchers.length, 300);
    assert.deepEqual(doc.vouchers.map((v) => v.day), days.slice(0, 300));
    assert.equal(doc.errors.length, 200);
    assert.deepEqual(doc.days, days.slice(0, 400));
  });

  it("the days are in date order when a retry of an older day follows a new day", async () => {
    const { ledger, store, gateway, deps, clock } = world();
    gateway.chart = gateway.chart.filter((a) => a.number !== 2611);
    ledger.addRecordedAt(at("2026-11-21", 30), sale("pi_1", at("2026-11-21", 1)));
    clock.ms = nightOf("2026-11-22");
    await syncAccounting(deps, { trigger: "schedule" });
    gateway.chart.push({ number: 2611, description: "VAT", active: true });
    ledger.addRecordedAt(at(DAY, 30), sale("pi_2", at(DAY, 1)));
    clock.ms = nightOf("2026-11-23");
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual(store.jobs.get(job.id)!.days, ["2026-11-21", DAY]);
  });
});

describe("the sync's runs: lease, stops and settings", () => {
  it("a run refused the lease says which run holds it, in its document", async () => {
    const { store, deps, clock } = world();
    store.lease = { runId: "run-0", untilMs: clock.ms + 60_000 };
    const job = await syncAccounting(deps, { trigger: "schedule" });
    const doc = store.jobs.get(job.id)!;
    assert.deepEqual([doc.state, doc.stoppedReason, doc.finishedAt], ["failed", "Another accounting sync (run-0) is running; this one did nothing.", clock.ms]);
  });

  it("a run whose store fails says why in its document and frees the lease for the next run", async () => {
    const { ledger, store, deps } = world();
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    store.crashAfterBookings = 0;
    const job = await syncAccounting(deps, { trigger: "schedule" });
    const doc = store.jobs.get(job.id)!;
    assert.deepEqual([doc.state, doc.stoppedReason], ["failed", "The sync stopped: crashed while writing booking markers"]);
    assert.equal(typeof doc.finishedAt, "number");
    assert.deepEqual(doc.counts, job.counts);
    assert.deepEqual(doc.progress, { vouchersDone: 0, vouchersTotal: 0 }, "stopped while planning: nothing posted yet");
    assert.equal(store.lease, null);
    const next = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(next.state, "succeeded");
  });

  it("each run moves the ledger watermark to ten minutes before it started; a repeat at the same time leaves it", async () => {
    const { ledger, store, deps, clock } = world();
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    const first = clock.ms - 10 * 60_000;
    assert.equal(store.watermark, first);
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(store.watermark, first);
    clock.advance(3600_000);
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(store.watermark, first + 3600_000);
  });

  it("a booking delay leaves a day unbooked until it has passed", async () => {
    const { ledger, deps, clock } = world();
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    const early = await syncAccounting({ ...deps, bookingDelayDays: 2 }, { trigger: "schedule" });
    assert.equal(early.counts.vouchersPlanned, 0);
    clock.ms = nightOf("2026-11-25");
    const later = await syncAccounting({ ...deps, bookingDelayDays: 2 }, { trigger: "schedule" });
    assert.deepEqual([later.counts.vouchersPlanned, later.counts.posted], [1, 1]);
  });

  it("a late-entry wait that is not a whole number of nights stops the run, naming the setting", async () => {
    for (const wait of [-1, 1.5]) {
      const { ledger, deps } = world();
      ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
      const job = await syncAccounting({ ...deps, lateEntryWaitNights: wait }, { trigger: "schedule" });
      assert.equal(job.state, "failed");
      assert.equal(job.stoppedReason, `The sync stopped: lateEntryWaitNights: must be a whole number of nights, 0 or more, got ${wait}`);
    }
  });

  it("a revoked connection stops the run with the reconnect message among its errors", async () => {
    const { ledger, store, gateway, deps } = world();
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    gateway.lockedThrows = [reconnectError("invalid_grant")];
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual([job.state, job.stoppedReason], ["failed", RECONNECT_MESSAGE]);
    assert.deepEqual(job.errors, [{ day: DAY, voucherId: `${DAY}_sales_sek`, message: RECONNECT_MESSAGE }]);
    assert.equal(store.jobs.get(job.id)!.stoppedReason, RECONNECT_MESSAGE);
  });
});

describe("the sync's reads of Fortnox", () => {
  it("reads the locked period and the financial year once per run", async () => {
    const s = world("2027-01-01");
    s.ledger.addRecordedAt(at("2026-12-30", 30), ...dayLedger("2026-12-30", "a"));
    s.ledger.addRecordedAt(at("2026-12-31", 30), ...dayLedger("2026-12-31", "b"));
    const run = await syncAccounting(s.deps, { trigger: "schedule" });
    assert.equal(run.counts.posted, 2 * FLOWS_PER_DAY);
    assert.deepEqual(calls(s.gateway, "GET lockedperiod"), ["GET lockedperiod"]);
    assert.deepEqual(calls(s.gateway, "GET financialyears"), ["GET financialyears 2026-12-30"], "the year of the 30th covers the 31st");
  });

  it("a missing year is asked for once per date, not per voucher", async () => {
    const { ledger, gateway, deps } = world();
    gateway.years = [];
    ledger.addRecordedAt(at(DAY, 30), ...dayLedger(DAY, "a"));
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.counts.failed, FLOWS_PER_DAY);
    assert.deepEqual(calls(gateway, "GET financialyears"), [`GET financialyears ${DAY}`]);
  });

  it("a locked period that cannot be read fails the voucher with the reason; the next voucher reads it again and posts", async () => {
    const { ledger, gateway, deps } = world();
    ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)), sale("pi_2", at(DAY, 2)));
    ledger.addRecordedAt(at("2026-11-21", 30), sale("pi_0", at("2026-11-21", 1)));
    gateway.lockedThrows = [new Error("HTTP 500")];
    const job = await syncAccounting(deps, { trigger: "schedule" });
    const message = "Could not read Fortnox's locked period: HTTP 500";
    assert.deepEqual([job.state, job.counts.failed, job.counts.posted], ["partial", 1, 1]);
    assert.deepEqual(job.errors, [{ day: "2026-11-21", voucherId: "2026-11-21_sales_sek", message }]);
    assert.deepEqual(job.vouchers.map((v) => [v.id, v.outcome, v.error]), [["2026-11-21_sales_sek", "failed", { message }], [`${DAY}_sales_sek`, "posted", undefined]]);
    assert.equal(calls(gateway, "GET lockedperiod").length, 2);
  });
});

describe("the order vouchers are posted in", () => {
  it("never-tried vouchers of a day go by flow, currency and number, whenever they were written", () => {
    const v = (id: string, flow: VoucherRecord["flow"], currency: "sek" | "eur", sequence: number, updatedAt: number) =>
      ({ id, day: DAY, flow, currency, sequence, attempts: 0, updatedAt }) as VoucherRecord;
    const order = postingOrder([v("transfers", "transfers", "sek", 1, 1), v("sales-sek", "sales", "sek", 1, 5), v("sales-eur", "sales", "eur", 1, 3), v("late-3", "late", "sek", 3, 0), v("late-2", "late", "sek", 2, 9)]);
    assert.deepEqual(order.map((r) => r.id), ["sales-eur", "sales-sek", "transfers", "late-2", "late-3"]);
  });
});

describe("sync now", () => {
  it("an accountant or admin starts a manual run, with their uid on it", async () => {
    for (const caller of [accountant, { uid: "adm", role: "admin" as const, email: null }]) {
      const { deps, store } = world();
      const job = await syncAccountingNow(deps, caller, {});
      assert.deepEqual([job.trigger, job.requestedBy, job.state], ["manual", caller.uid, "succeeded"]);
      assert.equal(store.jobs.get(job.id)!.requestedBy, caller.uid);
    }
  });

  it("a day is only checked: it must have ended in Stockholm", async () => {
    const { deps } = world();
    for (const day of ["2026-11-23", "2026-11-24"]) {
      await assert.rejects(
        syncAccountingNow(deps, accountant, { day }),
        (e) => isDomainError(e) && e.kind === "invalid_input" && e.field === "day" && e.message === `day: ${day} has not ended yet in Stockholm (today is 2026-11-23); days up to 2026-11-22 can be booked`,
      );
    }
    assert.equal((await syncAccountingNow(deps, accountant, { day: DAY })).state, "succeeded");
  });

  it("nobody else may start one", async () => {
    const { deps, store } = world();
    for (const role of ["coach", "customer", null] as const) {
      await assert.rejects(syncAccountingNow(deps, { uid: "u", role, email: null }, {}), (e) => isDomainError(e) && e.kind === "permission");
    }
    assert.equal(store.jobs.size, 0);
  });
});
