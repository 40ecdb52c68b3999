import { strict as assert } from "node:assert";
import { dayBefore, listBooksReconciliations, reconcileBooksNow } from "../../../src/app/reconciliation/reconciliation-requests";
import type { ReconcileBooksDeps } from "../../../src/app/reconciliation/reconcile-books";
import { DomainError } from "../../../src/domain/errors";
import { FakeAccountingGateway } from "../../fakes/fake-accounting-gateway";
import { FixedClock } from "../../fakes/fixed-clock";
import { InMemoryLedgerReader } from "../../fakes/in-memory-ledger-reader";
import { FakeCoachLiabilities, FakeStripeBooks, InMemoryAlertStore, InMemoryBookedVouchers, InMemoryBooksStore } from "./books-fakes";

describe("reconciliation requests", () => {
  const store = new InMemoryBooksStore();
  const deps = (): ReconcileBooksDeps => ({
    ledger: new InMemoryLedgerReader(),
    settings: { settings: async () => null },
    vouchers: new InMemoryBookedVouchers(),
    fortnox: new FakeAccountingGateway(),
    stripe: new FakeStripeBooks(),
    coaches: new FakeCoachLiabilities(),
    store,
    alerts: new InMemoryAlertStore(),
    clock: new FixedClock(Date.parse("2026-11-23T03:00:00Z")),
  });
  const accountant = { uid: "a1", role: "accountant" as const, email: null };

  it("the nightly run's day is yesterday in Stockholm, also across midnight UTC and DST", () => {
    assert.equal(dayBefore(Date.parse("2026-11-23T03:00:00Z")), "2026-11-22");
    assert.equal(dayBefore(Date.parse("2026-03-29T02:00:00Z")), "2026-03-28", "04:00 CEST on the day clocks go forward");
    assert.equal(dayBefore(Date.parse("2026-10-25T03:00:00Z")), "2026-10-24", "04:00 CET on the day clocks go back");
  });

  it("re-runs a finished day for an accountant and stores it; refuses today and later naming day", async () => {
    const result = await reconcileBooksNow(deps(), accountant, { day: "2026-11-22" });
    assert.equal(result.records[0]?.runBy, "a1");
    assert.ok(await store.get("2026-11-22", "sek"));
    await assert.rejects(reconcileBooksNow(deps(), accountant, { day: "2026-11-23" }), (e: unknown) => e instanceof DomainError && e.field === "day" && /not over/.test(e.message));
    await assert.rejects(reconcileBooksNow(deps(), accountant, { day: "22/11/2026" }), (e: unknown) => e instanceof DomainError && e.field === "day");
  });

  it("an empty day with every source read agrees at zero, and says which sources it read", async () => {
    const r = (await reconcileBooksNow(deps(), accountant, { day: "2026-11-22" })).records[0];
    assert.equal(r?.rows.length, 0);
    assert.equal(r?.sources.fortnox.state, "read");
    assert.equal(r?.sources.stripe.state, "read");
    assert.equal(r?.state, "ok");
  });

  it("is for accountants and admins: coaches and customers are refused", async () => {
    for (const role of ["coach", "customer"] as const) {
      await assert.rejects(reconcileBooksNow(deps(), { uid: "x", role, email: null }, { day: "2026-11-22" }), (e: unknown) => e instanceof DomainError && e.kind === "permission");
      await assert.rejects(listBooksReconciliations({ store }, { uid: "x", role, email: null }, {}), (e: unknown) => e instanceof DomainError && e.kind === "permission");
    }
    assert.ok((await listBooksReconciliations({ store }, { uid: "ad", role: "admin", email: null }, { limit: 5 })).records.length >= 1);
  });

  it("reads one day's records by day, however many newer days there are", async () => {
    await reconcileBooksNow(deps(), accountant, { day: "2026-10-16" });
    for (const day of ["2026-11-01", "2026-11-02", "2026-11-03"]) await reconcileBooksNow(deps(), accountant, { day });
    const newest = await listBooksReconciliations({ store }, accountant, { limit: 2 });
    assert.ok(newest.records.every((r) => r.day !== "2026-10-16"), "the newest two do not reach it");
    const one = await listBooksReconciliations({ store }, accountant, { day: "2026-10-16" });
    assert.deepEqual(one.records.map((r) => r.id), ["2026-10-16_sek"]);
    assert.deepEqual((await listBooksReconciliations({ store }, accountant, { day: "2026-09-01" })).records, [], "a day never reconciled has none");
    await assert.rejects(listBooksReconciliations({ store }, accountant, { day: "16/10/2026" }), (e: unknown) => e instanceof DomainError && e.field === "day");
  });
});
