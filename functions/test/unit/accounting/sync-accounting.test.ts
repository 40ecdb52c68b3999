import assert from "node:assert/strict";
import { markVoucherBookedByHand } from "../../../src/app/accounting/booked-by-hand";
import { postingOrder, syncAccounting, syncAccountingNow } from "../../../src/app/accounting/sync-accounting";
import { addDays } from "../../../src/domain/accounting-dates";
import { isDomainError } from "../../../src/domain/errors";
import { programSaleEntry, refundEntry } from "../../../src/domain/ledger";
import { paymentPosition } from "../../../src/domain/payment-position";
import { RECONNECT_MESSAGE } from "../../../src/ports/accounting-gateway";
import type { VoucherRecord } from "../../../src/ports/accounting-store";
import { at, dayLedger, FLOWS_PER_DAY, nightOf, setup } from "./sync-fixtures";

const accountant = { uid: "acc", role: "accountant" as const, email: null };
const DAY = "2026-11-22";
const sek = (amount: number) => ({ amount, currency: "sek" as const });
const sale = (id: string, occurredAt: number) => programSaleEntry({ occurredAt, paymentId: id, coachId: "coach1", gross: sek(49900), fee: sek(9980) });

/** Every entry in exactly one voucher, by the booking markers and the spec chunks alike. */
function assertEachEntryOnce(store: ReturnType<typeof setup>["store"], entryIds: string[]): void {
  const inChunks = [...store.chunks.values()].flat().flatMap((c) => c.lines.map((l) => l.entryId));
  assert.equal(new Set(inChunks).size, inChunks.length, "no entry in two vouchers");
  assert.deepEqual([...inChunks].sort(), [...entryIds].sort(), "every entry in a voucher");
  for (const id of entryIds) assert.ok(store.bookings.has(id), `marker for ${id}`);
}

describe("syncAccounting: the entry is the unit of booking", () => {
  it("posts one balanced voucher per day, flow and currency, dated on the business day, with references", async () => {
    const { ledger, store, gateway, deps, clock } = setup();
    clock.ms = nightOf("2026-11-23");
    ledger.addRecordedAt(at(DAY, 30), ...dayLedger(DAY, "a"));
    store.docs.set("payments/pi_a_1", {});
    store.docs.set("payouts/payout_a", {});

    const job = await syncAccounting(deps, { trigger: "schedule" });

    assert.equal(job.state, "succeeded");
    assert.deepEqual(job.days, [DAY], "the answer names the day it booked");
    assert.deepEqual(
      gateway.stored.map((v) => v.description),
      ["sales", "subscriptions", "stripe_fees", "transfers", "payouts"].map((f) => `KASSA ${DAY} ${f} SEK`),
    );
    for (const v of gateway.stored) {
      assert.equal(v.transactionDate, DAY);
      assert.equal(v.rows.reduce((s, r) => s + r.debit, 0), v.rows.reduce((s, r) => s + r.credit, 0));
      assert.ok(v.rows.every((r) => r.info && r.info.startsWith(`${r.info.split(" ")[0]}`) && r.info.includes(DAY)), "each row says what it is");
    }
    const sales = store.vouchers.get(`${DAY}_sales_sek`)!;
    assert.equal(sales.state, "posted");
    assert.equal(sales.reference, "A-1 (2026)");
    assert.equal(sales.entryCount, 2);
    assert.equal(store.docs.get("payments/pi_a_1")!.fortnoxReference, "A-1 (2026)");
    assert.equal(store.docs.get("payouts/payout_a")!.fortnoxReference, "A-4 (2026)");
    assertEachEntryOnce(store, ledger.all().map((e) => e.id));
    assert.equal(job.counts.posted, FLOWS_PER_DAY);
  });

  it("a re-run books nothing twice and makes no Fortnox call", async () => {
    const { ledger, gateway, deps, clock } = setup();
    ledger.addRecordedAt(at(DAY, 30), ...dayLedger(DAY, "a"));
    await syncAccounting(deps, { trigger: "schedule" });
    const calls = gateway.calls.length;
    clock.advance(3600_000);
    const again = await syncAccountingNow(deps, accountant, {});
    assert.equal(again.counts.posted, 0);
    assert.equal(again.counts.vouchersPlanned, 0);
    assert.equal(gateway.calls.length, calls, "nothing to post: not even the locked period is read");
    assert.equal(gateway.stored.length, FLOWS_PER_DAY);
  });

  it("late entries of every flow collect for a week, then go into one supplementary voucher #2 dated on their business day; #1 is never changed", async () => {
    const { ledger, store, gateway, deps, clock } = setup("2026-11-23");
    const first = sale("pi_1", at(DAY, 1));
    ledger.addRecordedAt(at(DAY, 2), first);
    await syncAccounting(deps, { trigger: "schedule" });
    const posted1 = structuredClone(gateway.stored[0]!);

    // A refund of that day's sale, and a webhook retried past midnight, arrive days later.
    const late = sale("pi_2", at(DAY, 50));
    const refund = refundEntry({ occurredAt: at(DAY, 55), refundId: "re_1", position: paymentPosition([first]), amount: sek(10000) });
    ledger.addRecordedAt(at("2026-11-25", 0), late, refund);
    store.docs.set("payments/pi_2", {});
    for (const night of ["2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"]) {
      clock.ms = nightOf(night);
      const waiting = await syncAccounting(deps, { trigger: "schedule" });
      assert.equal(waiting.state, "succeeded");
      assert.equal(waiting.counts.waiting, 2, `${night}: collecting, the day's first vouchers were made on 2026-11-23`);
      assert.equal(waiting.counts.vouchersPlanned, 0);
      assert.equal(store.bookings.has(late.id), false);
    }
    assert.equal(gateway.stored.length, 1);
    assert.ok(store.watermark! < at("2026-11-25", 0), "the waiting entries are read again, not lost behind the watermark");

    clock.ms = nightOf("2026-11-30"); // seven nights after the first vouchers
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.state, "succeeded");
    assert.equal(job.counts.waiting, 0);
    assert.deepEqual(gateway.stored.map((v) => v.description), [`KASSA ${DAY} sales SEK`, `KASSA ${DAY} late SEK #2`], "one supplementary voucher for both flows");
    const supplementary = gateway.stored[1]!;
    assert.equal(supplementary.transactionDate, DAY, "open period: its own business day");
    assert.match(supplementary.comments ?? "", /Supplementary voucher #2 for 2026-11-22: entries of that day, of every flow/);
    assert.equal(supplementary.rows.reduce((n, r) => n + r.debit, 0), supplementary.rows.reduce((n, r) => n + r.credit, 0), "balanced");
    // Rows per flow, each naming its flow: the sale's, then the refund's.
    assert.deepEqual(supplementary.rows.map((r) => r.info!.split(":")[0]), [...Array(4).fill("Programförsäljning 2026-11-22 #2"), ...Array(4).fill("Återbetalningar 2026-11-22 #2")]);
    // VAT per sale: the late sale's own VAT (99.80 fee -> 19.96) and the refund's own share back.
    const saleVat = supplementary.rows.find((r) => r.account === 2611 && r.info!.startsWith("Programförsäljning"))!;
    assert.equal(saleVat.credit, 1996);
    assert.equal(store.vouchers.get(`${DAY}_late_sek_2`)!.vatMinor, 1996 - 400);
    assert.deepEqual(gateway.stored[0], posted1, "the posted voucher is untouched");
    assert.equal(store.vouchers.get(`${DAY}_late_sek_2`)!.entryCount, 2);
    assert.equal(store.vouchers.get(`${DAY}_sales_sek`)!.entryCount, 1, "#1 still holds only what it held");
    assert.deepEqual([late.id, refund.id].map((id) => store.bookings.get(id)), [
      { entryId: late.id, voucherId: `${DAY}_late_sek_2`, day: DAY, flow: "sales", currency: "sek", at: clock.ms },
      { entryId: refund.id, voucherId: `${DAY}_late_sek_2`, day: DAY, flow: "refunds", currency: "sek", at: clock.ms },
    ], "each marker keeps its entry's own flow");
    assert.equal(store.docs.get("payments/pi_2")!.fortnoxReference, store.vouchers.get(`${DAY}_late_sek_2`)!.reference, "the late sale's payment points at its voucher");
    assertEachEntryOnce(store, [first.id, late.id, refund.id]);
  });

  it("with no wait (the local stack) a late entry is booked the next night; one arriving after #2 was made goes into #3, a wait later", async () => {
    const { ledger, store, deps, clock } = setup("2026-11-23", { lateEntryWaitNights: 0 });
    ledger.addRecordedAt(at(DAY, 2), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    const late = sale("pi_2", at(DAY, 50));
    ledger.addRecordedAt(at("2026-11-23", 60), late);
    clock.ms = nightOf("2026-11-24");
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(store.bookings.get(late.id)?.voucherId, `${DAY}_late_sek_2`, "the next night");

    const waits = setup("2026-11-23", { lateEntryWaitNights: 3 });
    waits.ledger.addRecordedAt(at(DAY, 2), sale("pi_1", at(DAY, 1)));
    await syncAccounting(waits.deps, { trigger: "schedule" });
    waits.ledger.addRecordedAt(at("2026-11-23", 60), sale("pi_2", at(DAY, 50)));
    const nights: Record<string, string[]> = {};
    for (let night = "2026-11-24"; night <= "2026-12-01"; night = addDays(night, 1)) {
      // Another late entry arrives the day after #2 is made.
      if (night === "2026-11-28") waits.ledger.addRecordedAt(at("2026-11-27", 60), sale("pi_3", at(DAY, 70)));
      waits.clock.ms = nightOf(night);
      const job = await syncAccounting(waits.deps, { trigger: "schedule" });
      nights[night] = job.vouchers.map((v) => v.id);
    }
    assert.deepEqual(nights, {
      "2026-11-24": [],
      "2026-11-25": [],
      "2026-11-26": [`${DAY}_late_sek_2`],
      "2026-11-27": [],
      "2026-11-28": [],
      "2026-11-29": [`${DAY}_late_sek_3`],
      "2026-11-30": [],
      "2026-12-01": [],
    }, "a day gets a new voucher at most every 3 nights");
    assert.deepEqual(waits.gateway.stored.map((v) => v.description), [`KASSA ${DAY} sales SEK`, `KASSA ${DAY} late SEK #2`, `KASSA ${DAY} late SEK #3`]);
    assert.equal(waits.store.vouchers.get(`${DAY}_late_sek_2`)!.entryCount, 1, "#2 is never reopened");
    assert.equal(waits.store.bookings.get("pi_3:capture")?.voucherId, `${DAY}_late_sek_3`);
  });

  it("a per-flow supplementary voucher from before (2026-11-22_sales_sek_2) stays valid and counts in the day's numbering", async () => {
    const { ledger, store, gateway, deps, clock } = setup("2026-11-23", { lateEntryWaitNights: 0 });
    ledger.addRecordedAt(at(DAY, 2), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    const first = store.vouchers.get(`${DAY}_sales_sek`)!;
    store.vouchers.set(`${DAY}_sales_sek_2`, { ...first, id: `${DAY}_sales_sek_2`, sequence: 2, marker: `KASSA ${DAY} sales SEK #2`, plannedAt: at("2026-11-23", 60) });
    store.chunks.set(`${DAY}_sales_sek_2`, []);
    ledger.addRecordedAt(at("2026-11-23", 90), sale("pi_2", at(DAY, 50)));
    clock.ms = nightOf("2026-11-24");
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(store.bookings.get("pi_2:capture")?.voucherId, `${DAY}_late_sek_3`);
    assert.equal(gateway.stored.at(-1)!.description, `KASSA ${DAY} late SEK #3`);
  });

  it("a late entry for a day without vouchers in its currency starts that currency's first vouchers at once", async () => {
    const { ledger, store, deps, clock } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 2), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    const eur = programSaleEntry({ occurredAt: at(DAY, 5), paymentId: "pi_eur", coachId: "coach1", gross: { amount: 4990, currency: "eur" }, fee: { amount: 998, currency: "eur" } });
    ledger.addRecordedAt(at("2026-11-23", 60), eur);
    clock.ms = nightOf("2026-11-24");
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.counts.waiting, 0);
    assert.equal(store.bookings.get(eur.id)?.voucherId, `${DAY}_sales_eur`);
  });

  it("a supplementary voucher whose day is locked goes to the first open day, referring to its day", async () => {
    const { ledger, store, gateway, deps, clock } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 2), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    const refund = refundEntry({ occurredAt: at(DAY, 55), refundId: "re_1", position: paymentPosition([sale("pi_1", at(DAY, 1))]), amount: sek(10000) });
    ledger.addRecordedAt(at("2026-11-24", 0), sale("pi_2", at(DAY, 50)), refund);
    gateway.lockedThrough = "2026-11-29"; // November closed early
    clock.ms = nightOf("2026-11-30");
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.state, "succeeded");
    const v = gateway.stored.find((x) => x.description === `KASSA ${DAY} late SEK #2`)!;
    assert.equal(v.transactionDate, "2026-11-30", "the first open day");
    assert.match(v.comments ?? "", /locked through 2026-11-29.*refers to 2026-11-22/);
    assert.equal(store.vouchers.get(`${DAY}_late_sek_2`)!.movedFromLockedPeriod, true);
  });

  it("a transaction that commits after the cutoff is read by the next run, not lost behind the watermark", async () => {
    const { ledger, store, gateway, deps, clock } = setup("2026-11-23", { lateEntryWaitNights: 0 });
    store.watermark = at("2026-11-01"); // steady state: earlier runs happened
    ledger.addRecordedAt(at(DAY, 2), sale("pi_1", at(DAY, 1)));
    // Began before 02:00 but committed at 01:58: after the run's cutoff (settle 10 min).
    const slow = sale("pi_slow", at(DAY, 3));
    ledger.addRecordedAt(nightOf("2026-11-23") - 2 * 60_000, slow);
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(store.bookings.has(slow.id), false);
    clock.ms = nightOf("2026-11-24");
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(store.bookings.get(slow.id)?.voucherId, `${DAY}_late_sek_2`);
    assert.equal(gateway.stored.length, 2);
  });

  it("entries of a day that has not ended wait for it, and are not lost behind the watermark", async () => {
    const { ledger, store, gateway, deps, clock } = setup("2026-11-23");
    clock.ms = at("2026-11-23", 120); // 14:00: "sync now" during the day
    const yesterday = sale("pi_y", at(DAY, 1));
    const today = sale("pi_t", at("2026-11-23", 1));
    ledger.addRecordedAt(at(DAY, 2), yesterday);
    ledger.addRecordedAt(at("2026-11-23", 2), today);
    const later = sale("pi_y2", at(DAY, 3));
    ledger.addRecordedAt(at("2026-11-23", 5), later); // late for 22 Nov, committed after today's entry
    await syncAccountingNow(deps, accountant, {});
    assert.deepEqual(gateway.stored.map((v) => v.description), [`KASSA ${DAY} sales SEK`]);
    assert.equal(store.bookings.has(today.id), false, "today is not over");
    assert.equal(store.watermark, at("2026-11-23", 2) - 1, "stops just before the first entry left waiting");
    clock.ms = nightOf("2026-11-24");
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(store.bookings.get(today.id)?.voucherId, "2026-11-23_sales_sek");
    assert.equal(store.bookings.get(later.id)?.voucherId, `${DAY}_sales_sek`, "read with the first run already");
    assert.equal(gateway.stored.length, 2);
  });

  it("a locked business day goes to the first open day, with a reference to the original day", async () => {
    const { ledger, gateway, deps, store } = setup("2026-11-24");
    gateway.lockedThrough = "2026-11-22";
    ledger.addRecordedAt(at("2026-11-23", 0), sale("pi_1", at(DAY, 1)));
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.state, "succeeded");
    const v = gateway.stored[0]!;
    assert.equal(v.description, `KASSA ${DAY} sales SEK`, "the marker keeps the business day");
    assert.equal(v.transactionDate, "2026-11-23", "the first open day");
    assert.match(v.comments ?? "", /locked through 2026-11-22.*refers to 2026-11-22/);
    assert.equal(store.vouchers.get(`${DAY}_sales_sek`)!.movedFromLockedPeriod, true);
  });

  it("a lock reaching today fails the voucher with the reason; once opened, the next run posts it", async () => {
    const { ledger, gateway, deps, store, clock } = setup("2026-11-24");
    gateway.lockedThrough = "2026-11-30";
    ledger.addRecordedAt(at("2026-11-23", 0), sale("pi_1", at(DAY, 1)));
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.state, "partial");
    assert.match(store.vouchers.get(`${DAY}_sales_sek`)!.error!.message, /locked through 2026-11-30/);
    assert.equal(gateway.posts(), 0);
    gateway.lockedThrough = null;
    clock.ms = nightOf("2026-11-25");
    await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(store.vouchers.get(`${DAY}_sales_sek`)!.state, "posted");
    assert.equal(gateway.stored[0]!.transactionDate, DAY);
  });
});

describe("syncAccounting: never twice", () => {
  it("an ambiguous failure after the POST is resolved by the marker lookup, for a supplementary voucher too", async () => {
    const { ledger, gateway, deps, clock, store } = setup("2026-11-23", { lateEntryWaitNights: 1 });
    ledger.addRecordedAt(at(DAY, 2), sale("pi_1", at(DAY, 1)));
    gateway.postFaults = ["ambiguous_after"];
    const first = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(first.counts.recovered, 1);
    ledger.addRecordedAt(at("2026-11-23", 3 * 60), sale("pi_2", at(DAY, 9)));
    clock.ms = nightOf("2026-11-24");
    gateway.postFaults = ["ambiguous_after", "ambiguous_after"];
    const second = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(second.counts.recovered, 1);
    assert.deepEqual(gateway.stored.map((v) => v.description), [`KASSA ${DAY} sales SEK`, `KASSA ${DAY} late SEK #2`], "each exactly once");
    assert.equal(store.vouchers.get(`${DAY}_late_sek_2`)!.state, "posted");
  });

  it("a run that crashed after POST (posting lease expired) is looked up before posting again", async () => {
    const { ledger, gateway, deps, clock, store } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 2), sale("pi_1", at(DAY, 1)));
    gateway.postFaults = ["ambiguous_after", "ambiguous_before", "ambiguous_before"];
    gateway.listFails = 5;
    const crashed = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(crashed.counts.failed, 1, "lookup failed: the voucher waits, marked ambiguous");
    assert.equal(store.vouchers.get(`${DAY}_sales_sek`)!.error!.ambiguous, true);
    gateway.listFails = 0;
    clock.advance(24 * 3600_000);
    const next = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(next.counts.recovered, 1);
    assert.equal(gateway.stored.length, 1);
  });

  it("a crash while writing booking markers leaves no entry in two vouchers", async () => {
    const { ledger, store, deps, clock, gateway } = setup("2026-11-23");
    const entries = Array.from({ length: 30 }, (_, i) => sale(`pi_${i}`, at(DAY, i)));
    ledger.addRecordedAt(at(DAY, 40), ...entries);
    store.crashAfterBookings = 12;
    const crashed = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(crashed.state, "failed");
    assert.equal(store.watermark, null, "the watermark did not move");
    clock.advance(3600_000);
    const next = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(next.state, "succeeded");
    assertEachEntryOnce(store, entries.map((e) => e.id));
    assert.equal(gateway.stored.length, 1);
  });

  it("two syncs at once: the second does nothing", async () => {
    const { ledger, store, deps } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 2), sale("pi_1", at(DAY, 1)));
    await store.acquireRunLease("other-run", nightOf("2026-11-23") + 600_000, nightOf("2026-11-23"));
    const job = await syncAccounting(deps, { trigger: "manual" });
    assert.equal(job.state, "failed");
    assert.match(job.stoppedReason!, /other-run/);
    assert.equal(store.vouchers.size, 0);
  });
});

describe("syncAccounting: never stalls", () => {
  it("a refused voucher blocks only itself: 70 later days are all booked, alerted once", async () => {
    const { ledger, store, gateway, deps, clock, alerts, notifications } = setup("2026-11-23");
    gateway.years.push({ id: 2, fromDate: "2027-01-01", toDate: "2027-12-31" });
    gateway.chart = gateway.chart.filter((a) => a.number !== 1930); // payouts to the bank refused
    ledger.addRecordedAt(at(DAY, 30), ...dayLedger(DAY, "a"));
    await syncAccounting(deps, { trigger: "schedule" });
    let day = "2026-11-23";
    for (let i = 0; i < 70; i++) {
      ledger.addRecordedAt(at(day, 30), sale(`pi_d${i}`, at(day, 1)));
      day = addDays(day, 1);
      clock.ms = nightOf(day);
      const job = await syncAccounting(deps, { trigger: "schedule" });
      assert.equal(job.state, "partial", "the refused voucher is retried and reported every run");
    }
    const refused = store.vouchers.get(`${DAY}_payouts_sek`)!;
    assert.equal(refused.state, "failed");
    assert.equal(refused.error!.code, 2001304);
    assert.equal(refused.attempts, 71);
    const unposted = [...store.vouchers.values()].filter((v) => v.state !== "posted");
    assert.deepEqual(unposted.map((v) => v.id), [`${DAY}_payouts_sek`], "every other voucher of every day is posted");
    assert.equal(alerts.ofKind("voucher_refused").length, 1, "alerted once");
    assert.equal(notifications.items.size, 1, "one notification to the one accountant");
    assert.match([...notifications.items.values()][0]!.body, /Kontot 1930 finns inte/);
    assert.equal(alerts.ofKind("sync_partial").length, 71, "each partial run raises its alert");
  });

  it("a voucher in EUR is refused with a clear reason and no Fortnox call; the SEK ones go on", async () => {
    const { ledger, store, gateway, deps } = setup("2026-11-23");
    const eur = programSaleEntry({ occurredAt: at(DAY, 1), paymentId: "pi_eur", coachId: "coach1", gross: { amount: 4990, currency: "eur" }, fee: { amount: 998, currency: "eur" } });
    ledger.addRecordedAt(at(DAY, 2), eur, sale("pi_sek", at(DAY, 3)));
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.state, "partial");
    const refused = store.vouchers.get(`${DAY}_sales_eur`)!;
    assert.equal(refused.state, "failed");
    assert.match(refused.error!.message, /in EUR, and Fortnox is booked in SEK/);
    assert.equal(gateway.calls.filter((c) => c.includes("EUR")).length, 0);
    assert.equal(store.vouchers.get(`${DAY}_sales_sek`)!.state, "posted");
  });

  it("booked by hand stops the retries and counts the entries as booked", async () => {
    const { ledger, store, gateway, deps, clock } = setup("2026-11-23");
    const eur = programSaleEntry({ occurredAt: at(DAY, 1), paymentId: "pi_eur", coachId: "coach1", gross: { amount: 4990, currency: "eur" }, fee: { amount: 998, currency: "eur" } });
    ledger.addRecordedAt(at(DAY, 2), eur);
    await syncAccounting(deps, { trigger: "schedule" });
    const id = `${DAY}_sales_eur`;

    await assert.rejects(
      markVoucherBookedByHand(deps, { uid: "coach1", role: "coach", email: null }, { voucherId: id, voucherNumber: "A-7" }),
      (e) => isDomainError(e) && e.kind === "permission",
    );
    await assert.rejects(
      markVoucherBookedByHand(deps, accountant, { voucherId: id, voucherNumber: "" }),
      (e) => isDomainError(e) && e.field === "voucherNumber",
    );
    assert.equal(store.vouchers.get(id)!.state, "failed", "nothing changed by a refused call");

    const { voucher } = await markVoucherBookedByHand(deps, accountant, { voucherId: id, voucherNumber: "a-7", note: "converted at 11.02" });
    assert.equal(voucher.state, "booked_by_hand");
    assert.deepEqual(voucher.bookedByHand, { by: "acc", at: clock.ms, voucherNumber: "A-7", note: "converted at 11.02" });

    clock.advance(24 * 3600_000);
    const next = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(next.state, "succeeded");
    assert.equal(next.counts.failed, 0);
    assert.equal(store.vouchers.get(id)!.attempts, 1, "not retried");
    assert.equal(gateway.posts(), 0);
    await assert.rejects(markVoucherBookedByHand(deps, accountant, { voucherId: id, voucherNumber: "A-8" }), /already marked booked by hand as A-7/);
  });

  it("a posted voucher cannot be marked booked by hand", async () => {
    const { ledger, deps } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 2), sale("pi_1", at(DAY, 1)));
    await syncAccounting(deps, { trigger: "schedule" });
    await assert.rejects(markVoucherBookedByHand(deps, accountant, { voucherId: `${DAY}_sales_sek`, voucherNumber: "A-9" }), /already posted in Fortnox as A-1 \(2026\)/);
  });

  it("a revoked connection stops the run, which says to reconnect", async () => {
    const { ledger, gateway, deps } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 2), ...dayLedger(DAY, "a"));
    gateway.revoked = true;
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.state, "failed");
    assert.equal(job.stoppedReason, RECONNECT_MESSAGE);
  });

  it("out of time, it defers the rest; vouchers never tried go before retries, so retries cannot starve new days", async () => {
    const v = (id: string, day: string, attempts: number, updatedAt: number) => ({ id, day, attempts, updatedAt }) as VoucherRecord;
    const order = postingOrder([v("old-retry", "2026-01-01", 9, 5), v("new-b", "2026-03-02", 0, 9), v("new-a", "2026-03-01", 0, 9), v("retry2", "2026-01-02", 3, 1)]);
    assert.deepEqual(order.map((r) => r.id), ["new-a", "new-b", "retry2", "old-retry"]);

    const { ledger, deps, clock, gateway } = setup("2026-11-23");
    ledger.addRecordedAt(at(DAY, 30), ...dayLedger(DAY, "a"));
    const slow = gateway.postVoucher.bind(gateway);
    gateway.postVoucher = async (...args) => {
      clock.advance(200_000);
      return slow(...args);
    };
    const job = await syncAccounting({ ...deps, budgetMs: 300_000 }, { trigger: "schedule" });
    assert.equal(job.state, "partial");
    assert.equal(job.counts.posted, 2);
    assert.equal(job.counts.deferred, FLOWS_PER_DAY - 2);
  });
});
