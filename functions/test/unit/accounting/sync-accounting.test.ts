import assert from "node:assert/strict";
import { syncAccounting, syncAccountingNow } from "../../../src/app/accounting/sync-accounting";
import { isDomainError } from "../../../src/domain/errors";
import { RECONNECT_MESSAGE } from "../../../src/ports/accounting-gateway";
import { dayLedger, FLOWS_PER_DAY, setup } from "./sync-fixtures";

const accountant = { uid: "acc", role: "accountant" as const, email: null };

describe("syncAccounting", () => {
  it("posts one balanced voucher per flow and currency, with the right year, and writes references back", async () => {
    const { ledger, store, gateway, deps } = setup();
    ledger.add(...dayLedger("2026-11-22", "a"));
    store.docs.set("payments/pi_a_1", {});
    store.docs.set("payouts/payout_a", {});

    const job = await syncAccounting(deps, { trigger: "schedule" });

    assert.deepEqual(job.days, ["2026-11-22", "2026-11-23"]);
    assert.equal(job.state, "succeeded");
    assert.equal(gateway.stored.length, FLOWS_PER_DAY);
    assert.deepEqual(
      gateway.stored.map((v) => v.description),
      ["sales", "subscriptions", "stripe_fees", "transfers", "payouts"].map((f) => `KASSA 2026-11-22 ${f} SEK`),
    );
    for (const v of gateway.stored) {
      assert.equal(v.financialYearId, 1);
      assert.equal(v.transactionDate, "2026-11-22");
      assert.equal(v.rows.reduce((s, r) => s + r.debit, 0), v.rows.reduce((s, r) => s + r.credit, 0));
    }
    const sales = store.vouchers.get("2026-11-22_sales_sek")!;
    assert.equal(sales.state, "posted");
    assert.equal(sales.reference, "A-1 (2026)");
    assert.equal(sales.totalMinor, 99800);
    assert.equal(store.docs.get("payments/pi_a_1")!.fortnoxReference, "A-1 (2026)", "the sale is the payment's reference");
    assert.deepEqual(
      store.docs.get("payments/pi_a_1")!.fortnoxVouchers!.map((v) => v.reference),
      ["A-1 (2026)", "A-3 (2026)"],
      "the Stripe fee voucher is listed too",
    );
    assert.equal(store.docs.get("payouts/payout_a")!.fortnoxReference, "A-4 (2026)");
    assert.equal(store.days.get("2026-11-22")!.state, "booked");
    assert.equal(store.days.get("2026-11-23")!.state, "nothing_to_book");
    assert.equal(job.counts.posted, FLOWS_PER_DAY);
    assert.equal(job.counts.nothingToBook, 1);
    assert.equal(store.jobs.get(job.id)!.state, "succeeded");
    assert.equal(store.jobs.get(job.id)!.vouchers.length, FLOWS_PER_DAY);
  });

  it("is idempotent: a re-run posts nothing and, for booked days, makes no Fortnox call at all", async () => {
    const { ledger, gateway, deps } = setup();
    ledger.add(...dayLedger("2026-11-22", "a"));
    await syncAccounting(deps, { trigger: "schedule" });
    const calls = gateway.calls.length;

    const nightly = await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual(nightly.days, [], "booked days are not revisited");
    const manual = await syncAccountingNow(deps, accountant, { day: "2026-11-22" });
    assert.equal(manual.counts.alreadyPosted, FLOWS_PER_DAY);
    assert.equal(manual.counts.posted, 0);
    assert.equal(gateway.stored.length, FLOWS_PER_DAY);
    assert.equal(gateway.calls.length, calls, "no call to Fortnox for a booked day");
  });

  it("resolves a timeout after the POST by finding the marker, instead of posting twice", async () => {
    const { ledger, store, gateway, deps } = setup();
    ledger.add(...dayLedger("2026-11-22", "a"));
    gateway.postFaults = ["ambiguous_after", "ambiguous_before"];

    const job = await syncAccountingNow(deps, accountant, { day: "2026-11-22" });

    assert.equal(gateway.stored.length, FLOWS_PER_DAY, "every voucher exactly once");
    assert.equal(new Set(gateway.stored.map((v) => v.description)).size, FLOWS_PER_DAY);
    assert.equal(job.counts.recovered, 1, "the first voucher was found by its marker");
    assert.equal(store.vouchers.get("2026-11-22_sales_sek")!.reference, "A-1 (2026)");
    assert.equal(job.counts.posted, FLOWS_PER_DAY - 1);
    assert.ok(gateway.calls.includes("GET vouchers 2026-11-22"), "looked the day up before posting again");
  });

  it("after a crash mid-POST (reservation left in posting) looks the marker up before posting", async () => {
    const { ledger, store, gateway, deps, clock } = setup();
    ledger.add(...dayLedger("2026-11-22", "a"));
    // Run 1 posts the sales voucher and dies before recording it.
    gateway.postFaults = ["ambiguous_after"];
    gateway.listFails = 10;
    const first = await syncAccountingNow(deps, accountant, { day: "2026-11-22" });
    assert.equal(first.counts.failed, 1, "the lookup failed too: the voucher stays unresolved");
    assert.equal(store.vouchers.get("2026-11-22_sales_sek")!.error!.ambiguous, true);
    gateway.listFails = 0;

    // Another reservation still inside its lease is left alone (another run is posting it).
    store.vouchers.set("2026-11-22_sales_sek", { ...store.vouchers.get("2026-11-22_sales_sek")!, state: "posting", runId: "other", postingUntil: clock.ms + 60_000 });
    const busy = await syncAccountingNow(deps, accountant, { day: "2026-11-22" });
    assert.equal(busy.counts.busy, 1);
    clock.advance(10 * 60_000);

    const second = await syncAccountingNow(deps, accountant, { day: "2026-11-22" });
    assert.equal(second.counts.recovered, 1);
    assert.equal(gateway.stored.filter((v) => v.description === "KASSA 2026-11-22 sales SEK").length, 1);
    assert.equal(store.vouchers.get("2026-11-22_sales_sek")!.state, "posted");
  });

  it("a locked period fails that day's vouchers with Fortnox's reason; later days still book; a retry after unlocking posts them", async () => {
    const { ledger, store, gateway, deps } = setup();
    ledger.add(...dayLedger("2026-11-20", "a"), ...dayLedger("2026-11-21", "b"));
    gateway.lockedThrough = "2026-11-20";

    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.state, "partial");
    assert.equal(job.counts.failed, FLOWS_PER_DAY);
    assert.equal(job.counts.posted, FLOWS_PER_DAY, "2026-11-21 still booked");
    const failed = store.vouchers.get("2026-11-20_sales_sek")!;
    assert.equal(failed.state, "failed");
    assert.equal(failed.error!.code, 2000401);
    assert.match(failed.error!.message, /Perioden är låst/);
    assert.equal(failed.error!.ambiguous, false);
    assert.equal(store.days.get("2026-11-20")!.state, "failed");
    assert.ok(job.errors.some((e) => e.code === 2000401 && e.day === "2026-11-20"));

    gateway.lockedThrough = null;
    const retry = await syncAccounting(deps, { trigger: "schedule" });
    assert.deepEqual(retry.days, ["2026-11-20"], "only the failed day is retried");
    assert.equal(retry.counts.posted, FLOWS_PER_DAY);
    assert.equal(store.vouchers.get("2026-11-20_sales_sek")!.attempts, 2);
    assert.equal(gateway.stored.length, 2 * FLOWS_PER_DAY);
  });

  it("a missing account and a missing financial year are shown with their reasons", async () => {
    const { ledger, store, gateway, deps } = setup();
    ledger.add(...dayLedger("2026-11-22", "a"));
    gateway.chart = gateway.chart.filter((a) => a.number !== 1930);
    await syncAccountingNow(deps, accountant, { day: "2026-11-22" });
    assert.equal(store.vouchers.get("2026-11-22_payouts_sek")!.error!.code, 2001304);
    assert.equal(store.vouchers.get("2026-11-22_sales_sek")!.state, "posted");

    gateway.years = [];
    const job = await syncAccountingNow(deps, accountant, { day: "2026-11-22" });
    assert.equal(store.vouchers.get("2026-11-22_payouts_sek")!.error!.code, 2000595);
    assert.match(job.errors[0]!.message, /no financial year covering 2026-11-22/);
  });

  it("a revoked connection stops the run with 'Reconnect Fortnox' before anything is reserved or posted", async () => {
    const { ledger, store, gateway, deps } = setup();
    ledger.add(...dayLedger("2026-11-21", "a"), ...dayLedger("2026-11-22", "b"));
    gateway.revoked = true;
    const job = await syncAccounting(deps, { trigger: "schedule" });
    assert.equal(job.state, "failed");
    assert.equal(job.stoppedReason, RECONNECT_MESSAGE);
    assert.equal(gateway.posts(), 0);
    assert.equal(store.vouchers.size, 0, "nothing half-posted");
    assert.equal(store.days.size, 0, "the days stay to be booked");
  });

  it("records a day with nothing to book, and refuses days that have not ended", async () => {
    const { store, gateway, deps } = setup();
    const job = await syncAccountingNow(deps, accountant, { day: "2026-11-01" });
    assert.equal(job.counts.nothingToBook, 1);
    assert.equal(store.days.get("2026-11-01")!.state, "nothing_to_book");
    assert.equal(gateway.calls.length, 0);

    for (const day of ["2026-11-24", "2026-12-01"]) {
      await assert.rejects(syncAccountingNow(deps, accountant, { day }), (e: unknown) => isDomainError(e) && e.kind === "invalid_input" && /has not ended yet/.test(e.message));
    }
    await assert.rejects(syncAccountingNow(deps, { uid: "c", role: "coach", email: null }, { day: "2026-11-01" }), (e: unknown) => isDomainError(e) && e.kind === "permission");
  });

  it("a failed write-back keeps the voucher posted and is completed by the next run without calling Fortnox", async () => {
    const { ledger, store, gateway, deps } = setup();
    ledger.add(...dayLedger("2026-11-22", "a"));
    store.docs.set("payments/pi_a_2", {});
    store.failWriteReferences = true;
    const job = await syncAccountingNow(deps, accountant, { day: "2026-11-22" });
    assert.equal(job.counts.posted, FLOWS_PER_DAY);
    assert.equal(store.vouchers.get("2026-11-22_sales_sek")!.referencesWritten, false);
    store.failWriteReferences = false;
    const calls = gateway.calls.length;
    await syncAccountingNow(deps, accountant, { day: "2026-11-22" });
    assert.equal(store.docs.get("payments/pi_a_2")!.fortnoxReference, "A-1 (2026)");
    assert.equal(gateway.calls.length, calls);
  });
});
