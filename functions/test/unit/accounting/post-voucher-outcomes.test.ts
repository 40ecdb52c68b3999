/**
 * Posting one voucher, as the sync's caller sees it: what Fortnox is asked (POSTs, look-ups
 * before a repeat), what the voucher record says afterwards (state, reason, whether a POST may
 * have happened, dates, reference), and the run's outcome.
 */
import assert from "node:assert/strict";
import { postVoucher, type PostContext } from "../../../src/app/accounting/post-voucher";
import { syncAccounting } from "../../../src/app/accounting/sync-accounting";
import { DomainError } from "../../../src/domain/errors";
import { programSaleEntry } from "../../../src/domain/ledger";
import { reconnectError, RECONNECT_MESSAGE, type VoucherToPost } from "../../../src/ports/accounting-gateway";
import type { VoucherRecord } from "../../../src/ports/accounting-store";
import { FakeAccountingGateway } from "../../fakes/fake-accounting-gateway";
import { at, nightOf, setup } from "./sync-fixtures";

const DAY = "2026-11-22";
const ID = `${DAY}_sales_sek`;
const sek = (amount: number) => ({ amount, currency: "sek" as const });
const sale = (id: string, occurredAt: number) => programSaleEntry({ occurredAt, paymentId: id, coachId: "coach1", gross: sek(49900), fee: sek(9980) });

/** Fortnox that answers the next POSTs (or year look-ups) with the given errors, and lets a test look at Kassa while a POST is in flight. */
class ScriptedGateway extends FakeAccountingGateway {
  postThrows: unknown[] = [];
  yearThrows: unknown[] = [];
  duringPost: (() => Promise<void>) | null = null;
  override async postVoucher(financialYearId: number, v: VoucherToPost) {
    if (this.duringPost) await this.duringPost();
    if (this.postThrows.length > 0) {
      this.calls.push(`POST vouchers ${v.description}`);
      throw this.postThrows.shift();
    }
    return super.postVoucher(financialYearId, v);
  }
  override async financialYearFor(date: string) {
    if (this.yearThrows.length > 0) {
      this.calls.push(`GET financialyears ${date}`);
      throw this.yearThrows.shift();
    }
    return super.financialYearFor(date);
  }
}

function world(now = "2026-11-23") {
  const s = setup(now);
  const gateway = new ScriptedGateway();
  s.deps.gateway = gateway;
  s.ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
  return { ...s, gateway, record: () => s.store.vouchers.get(ID)! };
}
const posts = (g: FakeAccountingGateway) => g.calls.filter((c) => c.startsWith("POST"));
const lookups = (g: FakeAccountingGateway) => g.calls.filter((c) => c.startsWith("GET vouchers"));

describe("posting a voucher: a fresh one", () => {
  it("is reserved while the POST is in flight, posted once without a look-up, with Kassa's comment", async () => {
    const { gateway, store, deps, clock, record } = world();
    let during: VoucherRecord | undefined;
    gateway.duringPost = async () => {
      during = structuredClone(store.vouchers.get(ID));
    };
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.counts.posted, 1);
    assert.deepEqual([during!.state, during!.postingUntil, during!.attemptedDates, during!.attempts], ["posting", clock.ms + 5 * 60_000, [DAY], 1]);
    assert.deepEqual(lookups(gateway), [], "never posted before: nothing to look up");
    assert.equal(gateway.stored[0]!.comments, `Kassa ${ID}: 1 ledger entries, specification in Kassa under Accounting > ${ID}.`);
    const r = record();
    assert.deepEqual(
      [r.state, r.reference, r.transactionDate, r.movedFromLockedPeriod, r.postingUntil, r.error, r.referencesWritten, r.year],
      ["posted", "A-1 (2026)", DAY, false, 0, null, true, 2026],
    );
  });

  it("a business day in a locked period goes to the first open day, and the comment says why", async () => {
    const { gateway, deps, record } = world("2026-11-25");
    gateway.lockedThrough = "2026-11-23";
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(gateway.stored[0]!.transactionDate, "2026-11-24");
    assert.equal(
      gateway.stored[0]!.comments,
      `Kassa ${ID}: 1 ledger entries, specification in Kassa under Accounting > ${ID}. Business day ${DAY}: its period was locked through 2026-11-23, so it is booked in the first open period and refers to ${DAY}.`,
    );
    assert.deepEqual([record().transactionDate, record().movedFromLockedPeriod], ["2026-11-24", true]);
  });

  it("the reference names the fiscal year it was booked in, also when that year is not a calendar year", async () => {
    const s = setup("2027-01-16");
    s.gateway.years = [{ id: 9, fromDate: "2026-07-01", toDate: "2027-06-30" }];
    s.ledger.addRecordedAt(at("2027-01-15", 30), sale("pi_1", at("2027-01-15", 1)));
    await syncAccounting(s.deps, { trigger: "schedule" });
    const r = s.store.vouchers.get("2027-01-15_sales_sek")!;
    assert.deepEqual([r.reference, r.year, r.financialYearId], ["A-1 (2026)", 2026, 9]);
  });

  it("supplementary vouchers say so in the comment, old per-flow ones as well", async () => {
    const s = setup("2026-11-23", { lateEntryWaitNights: 0 });
    s.ledger.addRecordedAt(at(DAY, 30), sale("pi_1", at(DAY, 1)));
    await syncAccounting(s.deps, { trigger: "schedule" });
    s.ledger.addRecordedAt(nightOf("2026-11-23") + 3600_000, sale("pi_2", at(DAY, 2)));
    s.clock.ms = nightOf("2026-11-24");
    await syncAccounting(s.deps, { trigger: "schedule" });
    assert.equal(
      s.gateway.stored[1]!.comments,
      `Kassa ${DAY}_late_sek_2: 1 ledger entries, specification in Kassa under Accounting > ${DAY}_late_sek_2. Supplementary voucher #2 for ${DAY}: entries of that day, of every flow (each row names its flow), that reached Kassa after the day's earlier vouchers were made.`,
    );
    // A supplementary voucher of one flow, as stored before they mixed flows, is still posted as one.
    const first = s.store.vouchers.get(ID)!;
    const old: VoucherRecord = { ...first, id: `${ID}_3`, sequence: 3, marker: `KASSA ${DAY} sales SEK #3`, state: "ready", attempts: 0, attemptedDates: [], error: null };
    for (const k of ["reference", "number", "series", "financialYearId", "transactionDate", "postedAt", "year"] as const) delete old[k];
    await s.store.planVoucher(old, s.store.chunks.get(ID)!);
    await s.store.updateVoucher(old.id, { state: "ready" });
    await syncAccounting(s.deps, { trigger: "schedule" });
    assert.equal(
      s.gateway.stored[2]!.comments,
      `Kassa ${ID}_3: 1 ledger entries, specification in Kassa under Accounting > ${ID}_3. Supplementary voucher #3 for ${DAY}: entries that reached Kassa after its earlier vouchers were posted.`,
    );
  });
});

describe("posting a voucher: when Fortnox does not answer", () => {
  const unavailable = () => new DomainError("provider_unavailable", "Fortnox did not answer (HTTP 503)", undefined, { ambiguous: true, status: 503 });

  it("tries three times in a run, looking up its marker before each repeat", async () => {
    const { gateway, deps, record } = world();
    gateway.postThrows = [unavailable(), unavailable()];
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.counts.posted, 1);
    assert.equal(posts(gateway).length, 3);
    assert.deepEqual(lookups(gateway), [`GET vouchers ${DAY}`, `GET vouchers ${DAY}`]);
    assert.equal(record().state, "posted");
  });

  it("after three unanswered POSTs it fails for this run, marked as possibly posted", async () => {
    const { gateway, deps, record, clock } = world();
    gateway.postThrows = [unavailable(), unavailable(), unavailable(), unavailable()];
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.state, "partial");
    assert.equal(posts(gateway).length, 3);
    assert.deepEqual(record().error, { message: "Fortnox did not answer (HTTP 503)", kind: "provider_unavailable", ambiguous: true, at: clock.ms });
    assert.equal(record().state, "failed");
  });

  it("a refusal is final for the run: one POST, and it is not taken for a possible post", async () => {
    const { gateway, deps, record, clock } = world();
    gateway.chart = gateway.chart.filter((a) => a.number !== 2611);
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(posts(gateway).length, 1);
    assert.deepEqual(record().error, { message: "Fortnox refused: Kontot 2611 finns inte", code: 2001304, kind: "provider_rejected", ambiguous: false, at: clock.ms });
    gateway.chart.push({ number: 2611, description: "VAT", active: true });
    clock.advance(24 * 3600_000);
    await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual(lookups(gateway), [], "never posted: the retry needs no look-up");
    assert.equal(record().state, "posted");
  });

  for (const [what, error] of [
    ["an unavailable answer that says no POST happened", new DomainError("provider_unavailable", "Fortnox is down for maintenance", undefined, { ambiguous: false })],
    ["an unavailable answer without details", new DomainError("provider_unavailable", "Fortnox is down for maintenance")],
    ["a refusal flagged ambiguous", new DomainError("provider_rejected", "Fortnox is down for maintenance", undefined, { ambiguous: true })],
    ["a refusal without details", new DomainError("provider_rejected", "Fortnox is down for maintenance")],
  ] as const) {
    it(`${what} is not repeated in the run; the run goes on`, async () => {
      const { gateway, deps, record } = world();
      gateway.postThrows = [error, error, error];
      const job = await syncAccounting(deps, { trigger: "schedule" });
      assert.equal(job.state, "partial");
      assert.equal(posts(gateway).length, 1);
      assert.equal(record().state, "failed");
      assert.equal(record().error!.message, "Fortnox is down for maintenance");
      assert.equal(record().error!.kind, error.kind);
      assert.equal("code" in record().error!, false, "no Fortnox code given, none recorded");
    });
  }

  it("an unexpected error is recorded in words and taken as a possible post: the next run looks before posting", async () => {
    for (const [thrown, message] of [[new Error("socket hang up"), "socket hang up"], ["boom", "boom"]] as const) {
      const { gateway, deps, record, clock } = world();
      gateway.postThrows = [thrown];
      const job = await syncAccounting(deps, { trigger: "schedule" });
      assert.equal(job.state, "partial");
      assert.deepEqual(record().error, { message, kind: "internal", ambiguous: true, at: clock.ms });
      clock.advance(24 * 3600_000);
      await syncAccounting(deps, { trigger: "schedule" });
      assert.deepEqual(lookups(gateway), [`GET vouchers ${DAY}`]);
      assert.equal(posts(gateway).length, 2);
      assert.equal(record().state, "posted");
    }
  });

  it("a revoked connection at the POST stops the run and leaves the voucher failed with the reason", async () => {
    const { gateway, deps, record } = world();
    gateway.postThrows = [reconnectError("invalid_grant")];
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.state, "failed");
    assert.equal(job.stoppedReason, RECONNECT_MESSAGE);
    assert.equal(record().state, "failed");
    assert.equal(record().error!.kind, "precondition");
  });
});

describe("posting a voucher: no financial year, no open day, another currency", () => {
  it("no financial year for the date: refused with Fortnox's code, no POST", async () => {
    const { gateway, deps, record } = world();
    gateway.years = [];
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(posts(gateway).length, 0);
    assert.deepEqual([record().state, record().error!.message, record().error!.code, record().error!.kind], [
      "failed",
      `Fortnox has no financial year covering ${DAY}. Create it in Fortnox; the voucher is retried every run.`,
      2000595,
      "provider_rejected",
    ]);
  });

  it("the year cannot be read: this voucher fails with the reason, alerted once; a revoked connection stops the run", async () => {
    const { gateway, deps, record, alerts, clock } = world();
    gateway.yearThrows = [new DomainError("provider_unavailable", "Fortnox did not answer the year", undefined, { ambiguous: false })];
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.state, "partial");
    assert.deepEqual(job.vouchers.map((v) => [v.id, v.outcome, v.error?.message]), [[ID, "failed", "Fortnox did not answer the year"]]);
    assert.equal(record().error!.message, "Fortnox did not answer the year");
    assert.equal(posts(gateway).length, 0);

    // Alerted on the first such failure only.
    assert.equal(alerts.ofKind("voucher_refused").length, 1);
    const alertedAt = record().alertedAt;
    assert.equal(alertedAt, clock.ms);
    gateway.yearThrows = [new DomainError("provider_unavailable", "Fortnox did not answer the year", undefined, { ambiguous: false })];
    clock.advance(3600_000);
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(record().alertedAt, alertedAt);

    const revoked = world();
    revoked.gateway.yearThrows = [reconnectError("invalid_grant")];
    const stopped = await syncAccounting(revoked.deps, { trigger: "schedule" });
    assert.equal(stopped.stoppedReason, RECONNECT_MESSAGE);
    assert.equal(revoked.record().state, "failed");
  });

  it("a period locked through today: refused with the reason, each run counting a try, no POST", async () => {
    const { gateway, deps, record, clock } = world();
    gateway.lockedThrough = "2026-11-23";
    await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual([record().state, record().attempts, record().error!.code, record().error!.kind, record().error!.ambiguous], ["failed", 1, 2000401, "provider_rejected", false]);
    assert.match(record().error!.message, /locked through 2026-11-23, so there is no open day up to today \(2026-11-23\)/);
    clock.advance(3600_000);
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(record().attempts, 2);
    assert.equal(posts(gateway).length, 0);
  });

  it("a lock after a possible post keeps the voucher marked as possibly posted", async () => {
    const { gateway, deps, record, clock } = world();
    const unavailable = () => new DomainError("provider_unavailable", "no answer", undefined, { ambiguous: true });
    gateway.postThrows = [unavailable(), unavailable(), unavailable()];
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(record().error!.ambiguous, true);
    gateway.lockedThrough = "2026-11-23";
    clock.advance(3600_000);
    await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual([record().error!.code, record().error!.ambiguous], [2000401, true]);
  });

  it("a run that crashed mid-POST leaves it posting: a lock then keeps it marked as possibly posted", async () => {
    const { store, gateway, deps, clock, record } = world();
    gateway.years = [];
    await syncAccounting(deps, { trigger: "schedule" });
    await store.updateVoucher(ID, { state: "posting", postingUntil: clock.ms, error: null });
    gateway.lockedThrough = "2026-11-23";
    clock.advance(3600_000);
    await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual([record().state, record().error!.ambiguous], ["failed", true]);
  });

  it("a voucher in EUR is refused before Fortnox, as a try and not as a possible post", async () => {
    const s = setup("2026-11-23");
    s.ledger.addRecordedAt(at(DAY, 30), programSaleEntry({ occurredAt: at(DAY, 1), paymentId: "pi_e", coachId: "c", gross: { amount: 4990, currency: "eur" }, fee: { amount: 998, currency: "eur" } }));
    await syncAccounting(s.deps, { trigger: "schedule" });
    const r = s.store.vouchers.get(`${DAY}_sales_eur`)!;
    assert.deepEqual([r.state, r.attempts, r.error!.kind, r.error!.ambiguous], ["failed", 1, "precondition", false]);
    assert.equal(s.gateway.calls.length, 0);
  });
});

describe("posting a voucher: never twice", () => {
  it("a run that crashed after POSTing: the next run finds it by its marker and does not post again", async () => {
    const { store, gateway, deps, clock, record } = world();
    gateway.years = [];
    await syncAccounting(deps, { trigger: "schedule" }); // plans it; nothing posted yet
    gateway.years = [{ id: 1, fromDate: "2026-01-01", toDate: "2026-12-31" }];
    // The crashed run had reserved it and its POST reached Fortnox.
    await store.updateVoucher(ID, { state: "posting", postingUntil: clock.ms, error: null });
    await gateway.postVoucher(1, { description: `KASSA ${DAY} sales SEK`, transactionDate: DAY, series: "A", rows: record().rows });
    clock.advance(3600_000);
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.counts.recovered, 1);
    assert.equal(gateway.stored.length, 1, "posted once");
    assert.deepEqual([record().state, record().reference], ["posted", "A-1 (2026)"]);
  });

  it("a run that crashed before POSTing: the look-up finds nothing and it is posted once", async () => {
    const { store, gateway, deps, clock, record } = world();
    gateway.years = [];
    await syncAccounting(deps, { trigger: "schedule" });
    gateway.years = [{ id: 1, fromDate: "2026-01-01", toDate: "2026-12-31" }];
    await store.updateVoucher(ID, { state: "posting", postingUntil: clock.ms, error: null });
    clock.advance(3600_000);
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.counts.posted, 1);
    assert.deepEqual(lookups(gateway), [`GET vouchers ${DAY}`]);
    assert.equal(record().state, "posted");
  });

  it("looks on every date it was tried with, in date order, and keeps the date Fortnox has", async () => {
    const { gateway, deps, clock, record } = world("2026-11-25");
    gateway.postFaults = ["ambiguous_after"];
    gateway.listFails = 1; // the look-up after the timeout fails: the run gives up on it
    await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual([record().state, record().error!.ambiguous, record().attemptedDates], ["failed", true, [DAY]]);
    gateway.lockedThrough = DAY; // now it would go to 2026-11-23
    clock.advance(3600_000);
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.counts.recovered, 1);
    assert.equal(gateway.stored.length, 1);
    assert.deepEqual([record().transactionDate, record().reference, record().attemptedDates], [DAY, "A-1 (2026)", [DAY, "2026-11-23"]]);
  });

  it("dates tried are kept in date order and looked up in it, even when a later try uses an earlier date", async () => {
    const { gateway, deps, clock, record } = world("2026-11-25");
    const unavailable = () => new DomainError("provider_unavailable", "no answer", undefined, { ambiguous: true });
    gateway.lockedThrough = DAY;
    gateway.postThrows = [unavailable(), unavailable(), unavailable()];
    await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual(record().attemptedDates, ["2026-11-23"]);
    gateway.lockedThrough = null; // reopened: back on its business day
    gateway.calls = [];
    clock.advance(3600_000);
    await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual(record().attemptedDates, [DAY, "2026-11-23"]);
    assert.deepEqual(lookups(gateway), [`GET vouchers ${DAY}`, "GET vouchers 2026-11-23"]);
    assert.equal(record().transactionDate, DAY);
  });

  it("a date tried in a year Fortnox does not have is skipped in the look-up", async () => {
    const s = setup("2027-01-05");
    const gateway = new ScriptedGateway();
    s.deps.gateway = gateway;
    const day = "2026-12-30";
    s.ledger.addRecordedAt(at(day, 30), sale("pi_1", at(day, 1)));
    gateway.lockedThrough = "2026-12-31"; // to 2027-01-01, a year not created yet
    await syncAccounting(s.deps, { trigger: "schedule" });
    const id = `${day}_sales_sek`;
    assert.match(s.store.vouchers.get(id)!.error!.message, /no financial year covering 2027-01-01/);
    gateway.lockedThrough = null;
    gateway.postThrows = [new DomainError("provider_unavailable", "no answer", undefined, { ambiguous: true })];
    s.clock.advance(3600_000);
    const job = await syncAccounting(s.deps, { trigger: "schedule" });
    assert.equal(job.counts.posted, 1);
    assert.deepEqual(lookups(gateway), [`GET vouchers ${day}`]);
    assert.equal(s.store.vouchers.get(id)!.transactionDate, day);
  });

  it("found under a date of the previous fiscal year, its reference names that year", async () => {
    const s = setup("2027-01-03");
    s.gateway.years.push({ id: 2, fromDate: "2027-01-01", toDate: "2027-12-31" });
    const day = "2026-12-31";
    s.ledger.addRecordedAt(at(day, 30), sale("pi_1", at(day, 1)));
    s.gateway.postFaults = ["ambiguous_after"];
    s.gateway.listFails = 1;
    await syncAccounting(s.deps, { trigger: "schedule" });
    s.gateway.lockedThrough = day; // would now go to 2027-01-01
    s.clock.advance(3600_000);
    const job = await syncAccounting(s.deps, { trigger: "schedule" });
    assert.equal(job.counts.recovered, 1);
    const r = s.store.vouchers.get(`${day}_sales_sek`)!;
    assert.deepEqual([r.transactionDate, r.reference, r.year, r.financialYearId], [day, "A-1 (2026)", 2026, 1]);
  });

  it("a voucher already posted or being posted by another run is left alone", async () => {
    const { store, gateway, deps, clock } = world();
    await syncAccounting(deps, { trigger: "schedule" });
    const ctx: PostContext = {
      store,
      gateway,
      now: () => clock.ms,
      runId: "run-late",
      series: "A",
      leaseMs: 60_000,
      lockedThrough: null,
      today: "2026-11-23",
      yearFor: (d) => gateway.financialYearFor(d),
    };
    const stale = { ...store.vouchers.get(ID)!, state: "failed" as const };
    assert.deepEqual(await postVoucher(ctx, stale), { outcome: "done" });
    await store.updateVoucher(ID, { state: "posting", runId: "run-other", postingUntil: clock.ms + 60_000 });
    assert.deepEqual(await postVoucher(ctx, stale), { outcome: "busy", message: "Another sync (run run-other) is posting this voucher right now." });
    assert.equal(posts(gateway).length, 1, "only the first run's POST");
  });
});

describe("posting a voucher: alerts and references", () => {
  it("a voucher refused run after run is alerted once: its alert time stays the first", async () => {
    const { gateway, deps, clock, record, notifications } = world();
    gateway.chart = gateway.chart.filter((a) => a.number !== 2611);
    await syncAccounting(deps, { trigger: "schedule" });
    const first = clock.ms;
    clock.advance(24 * 3600_000);
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.counts.failed, 1);
    assert.equal(record().alertedAt, first);
    assert.equal(notifications.items.size, 1);
  });

  it("references that could not be written are written by a later run, without Fortnox", async () => {
    const { store, gateway, deps, clock, record } = world();
    store.docs.set("payments/pi_1", {});
    store.failWriteReferences = true;
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.counts.posted, 1, "posted even though the references failed");
    assert.equal(record().referencesWritten, false);
    assert.equal(store.docs.get("payments/pi_1")!.fortnoxReference, undefined);
    store.failWriteReferences = false;
    const calls = gateway.calls.length;
    clock.advance(3600_000);
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(store.docs.get("payments/pi_1")!.fortnoxReference, "A-1 (2026)");
    assert.equal(record().referencesWritten, true);
    assert.equal(posts(gateway).length, 1);
    assert.ok(gateway.calls.length === calls, "no Fortnox call at all");
  });
});
