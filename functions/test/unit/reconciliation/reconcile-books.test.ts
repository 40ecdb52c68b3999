import { strict as assert } from "node:assert";
import { reconcileBooks, type ReconcileBooksDeps } from "../../../src/app/reconciliation/reconcile-books";
import { ledgerByBas } from "../../../src/app/reconciliation/books-figures";
import { chartMappingOf } from "../../../src/app/reconciliation/chart-mapping";
import { DEFAULT_BAS_MAPPING, type VoucherRow } from "../../../src/domain/accounting";
import { dayBounds } from "../../../src/domain/calendar-day";
import type { EntryKind, LedgerEntry, Posting } from "../../../src/domain/ledger-entries";
import type { CoachLiability, DayReconciliation } from "../../../src/ports/books-reconciliation-store";
import { FakeAccountingGateway } from "../../fakes/fake-accounting-gateway";
import { FixedClock } from "../../fakes/fixed-clock";
import { InMemoryLedgerReader } from "../../fakes/in-memory-ledger-reader";
import { FakeCoachLiabilities, FakeStripeBooks, InMemoryAlertStore, InMemoryBookedVouchers, InMemoryBooksStore } from "./books-fakes";

const DAY = "2026-11-22";
const { fromMs, toMs } = dayBounds(DAY);
const T = fromMs + 10 * 3_600_000;
const H = 3_600_000;

let n = 0;
const entry = (kind: EntryKind, flow: LedgerEntry["flow"], occurredAt: number, legs: [string, number][]): LedgerEntry => ({
  id: `e${++n}:${kind}`,
  kind,
  flow,
  currency: "sek",
  occurredAt,
  refs: {},
  postings: legs.map(([account, amount]): Posting => ({ account, amount })),
});

/** 499 kr program, 20 % fee (99.80 incl. 19.96 VAT), Stripe's fee 10.23, destination charge to acct_c1. */
function sale(ledger: InMemoryLedgerReader, stripe: FakeStripeBooks, at: number, coach = "c1", account = "acct_c1"): void {
  ledger.add(
    entry("program_sale", "sales", at, [["platform:stripe_balance", 49900], ["platform:fees", -9980], [`coach:${coach}:held`, -39920]]),
    entry("stripe_fee", "stripe_fees", at, [["stripe:fees", 1023], ["platform:stripe_balance", -1023]]),
  );
  stripe.txn(null, "charge", 49900, at, 1023).txn(null, "transfer", -39920, at).txn(account, "payment", 39920, at);
}

const SALE_ROWS: VoucherRow[] = [
  { account: 1580, debit: 49900, credit: 0 },
  { account: 2890, debit: 0, credit: 39920 },
  { account: 3041, debit: 0, credit: 7984 },
  { account: 2611, debit: 0, credit: 1996 },
];
const FEE_ROWS: VoucherRow[] = [
  { account: 6570, debit: 1023, credit: 0 },
  { account: 1580, debit: 0, credit: 1023 },
];

describe("reconcileBooks: ledger, Fortnox and Stripe per BAS account", () => {
  let ledger: InMemoryLedgerReader;
  let stripe: FakeStripeBooks;
  let gateway: FakeAccountingGateway;
  let booked: InMemoryBookedVouchers;
  let coaches: FakeCoachLiabilities;
  let store: InMemoryBooksStore;
  let alerts: InMemoryAlertStore;
  let deps: ReconcileBooksDeps;

  const post = async (flow: string, rows: VoucherRow[], opts: { record?: boolean } = {}) => {
    const description = `KASSA ${DAY} ${flow} SEK`;
    const ref = await gateway.postVoucher(1, { description, transactionDate: DAY, series: "A", rows });
    if (opts.record !== false) booked.vouchers.push({ id: `${DAY}_${flow}_sek`, day: DAY, transactionDate: DAY, marker: description, currency: "sek", series: "A", number: ref.number, financialYearId: 1, rows, postedAt: toMs + H });
  };
  const liability = (c: Partial<CoachLiability> & { coachId: string }): CoachLiability => ({ stripeAccountId: `acct_${c.coachId}`, currency: "sek", held: 0, available: 0, inPayout: 0, ...c });
  const run = async (): Promise<DayReconciliation> => {
    const result = await reconcileBooks(deps, { day: DAY, runBy: "schedule" });
    const sek = result.records.find((r) => r.currency === "sek");
    assert.ok(sek);
    return sek;
  };
  const row = (r: DayReconciliation, account: number) => {
    const found = r.rows.find((x) => x.account === account);
    assert.ok(found, `row ${account}`);
    return found;
  };

  beforeEach(() => {
    ledger = new InMemoryLedgerReader();
    stripe = new FakeStripeBooks();
    gateway = new FakeAccountingGateway();
    booked = new InMemoryBookedVouchers();
    coaches = new FakeCoachLiabilities();
    store = new InMemoryBooksStore();
    alerts = new InMemoryAlertStore();
    deps = { ledger, settings: { settings: async () => null }, vouchers: booked, fortnox: gateway, stripe, coaches, store, alerts, clock: new FixedClock(toMs + 3 * H) };
  });

  it("a day with a sale agrees three ways: ✓ on every account and both balance checks, no alert", async () => {
    sale(ledger, stripe, T);
    await post("sales", SALE_ROWS);
    await post("stripe_fees", FEE_ROWS);
    // After the day: a later sale already in Kassa's running balance and in Stripe's, which the end-of-day figures take back out.
    sale(ledger, stripe, toMs + H);
    coaches.list = [liability({ coachId: "c1", held: 79840 })];

    const r = await run();
    assert.deepEqual(
      r.rows.map((x) => [x.account, x.ledger, x.fortnox, x.stripe, x.state]),
      [
        [1580, 48877, 48877, 48877, "ok"],
        [2611, -1996, -1996, null, "ok"],
        [2890, -39920, -39920, -39920, "ok"],
        [3041, -7984, -7984, null, "ok"],
        [6570, 1023, 1023, 1023, "ok"],
      ],
    );
    assert.deepEqual(r.checks.map((c) => [c.id, c.ledger, c.stripe, c.state]), [
      ["coach_liabilities", 39920, 39920, "ok"],
      ["platform_balance", 49900 - 1023 - 39920, 49900 - 1023 - 39920, "ok"],
    ]);
    assert.equal(r.state, "ok");
    assert.equal(r.differences, 0);
    assert.equal(alerts.alerts.size, 0);
    assert.deepEqual(await store.get(DAY, "sek"), r, "stored as shown");
    assert.equal(r.sources.fortnox.vouchers, 2);
  });

  it("a voucher missing from Fortnox is a difference on the accounts it books, with one alert however often it runs", async () => {
    sale(ledger, stripe, T);
    await post("sales", SALE_ROWS);
    coaches.list = [liability({ coachId: "c1", held: 39920 })];

    const r = await run();
    assert.equal(row(r, 6570).fortnoxDifference, -1023);
    assert.equal(row(r, 6570).stripeDifference, 0, "Stripe and the ledger still agree");
    assert.equal(row(r, 1580).fortnoxDifference, 1023);
    assert.equal(row(r, 6570).state, "difference");
    assert.equal(row(r, 3041).state, "ok");
    assert.equal(r.state, "difference");
    assert.equal(r.differences, 2);
    assert.deepEqual([...alerts.alerts.keys()], [`books_difference-${DAY}`]);
    assert.equal(alerts.alerts.get(`books_difference-${DAY}`)?.kind, "books_difference");
    await run();
    assert.equal(alerts.alerts.size, 1);
  });

  it("a voucher Fortnox has under the day's marker but Kassa never recorded is read back too (a crash after the POST)", async () => {
    sale(ledger, stripe, T);
    await post("sales", SALE_ROWS);
    await post("stripe_fees", FEE_ROWS, { record: false });
    coaches.list = [liability({ coachId: "c1", held: 39920 })];
    const r = await run();
    assert.equal(row(r, 6570).fortnox, 1023);
    assert.equal(r.state, "ok");
  });

  it("a voucher the accountant booked by hand (own text, no financial year on Kassa's record) is read back by its number", async () => {
    sale(ledger, stripe, T);
    await post("sales", SALE_ROWS);
    const hand = await gateway.postVoucher(1, { description: "Stripe-avgifter 22/11 (manuell)", transactionDate: DAY, series: "A", rows: FEE_ROWS });
    booked.vouchers.push({ id: `${DAY}_stripe_fees_sek`, day: DAY, transactionDate: DAY, marker: `KASSA ${DAY} stripe_fees SEK`, currency: "sek", series: "A", number: hand.number, financialYearId: null, rows: FEE_ROWS, postedAt: toMs });
    coaches.list = [liability({ coachId: "c1", held: 39920 })];
    const r = await run();
    assert.equal(row(r, 6570).fortnox, 1023);
    assert.equal(r.sources.fortnox.vouchers, 2);
    assert.equal(r.state, "ok");
  });

  it("Fortnox not connected: its column is not checked and the day is incomplete, never ✓", async () => {
    sale(ledger, stripe, T);
    coaches.list = [liability({ coachId: "c1", held: 39920 })];
    gateway.revoked = true;
    const r = await run();
    assert.equal(r.sources.fortnox.state, "failed");
    assert.match(r.sources.fortnox.error ?? "", /not connected/);
    assert.equal(row(r, 3041).fortnox, null);
    assert.equal(row(r, 3041).state, "not_checked");
    assert.equal(row(r, 1580).state, "not_checked", "Stripe agreeing is not enough for ✓");
    assert.equal(r.state, "incomplete");
    assert.ok(!r.rows.some((x) => x.state === "ok"));
    assert.equal(alerts.alerts.size, 0);
  });

  it("Stripe down: its figures and both balance checks are not checked", async () => {
    sale(ledger, stripe, T);
    await post("sales", SALE_ROWS);
    await post("stripe_fees", FEE_ROWS);
    coaches.list = [liability({ coachId: "c1", held: 39920 })];
    stripe.failing = true;
    const r = await run();
    assert.equal(r.sources.stripe.state, "failed");
    assert.deepEqual(r.checks.map((c) => c.state), ["not_checked", "not_checked"]);
    assert.equal(row(r, 1580).stripe, null);
    assert.equal(row(r, 3041).state, "ok", "Fortnox and the ledger were compared");
    assert.equal(r.coaches[0]?.state, "not_checked");
    assert.equal(r.state, "incomplete");
  });

  describe("money in payout", () => {
    const earlier = fromMs - 12 * H;
    beforeEach(async () => {
      // Yesterday 200 kr became available to c1; today it is reserved and sent to Stripe.
      ledger.add(entry("program_sale", "sales", earlier, [["platform:stripe_balance", 20000], ["coach:c1:available", -20000]]));
      stripe.txn(null, "charge", 20000, earlier).txn(null, "transfer", -20000, earlier).txn("acct_c1", "payment", 20000, earlier);
      sale(ledger, stripe, T);
      ledger.add(entry("payout_reserve", "transfers", T + 2 * H, [["coach:c1:available", 20000], ["coach:c1:in_payout", -20000]]));
      await post("sales", SALE_ROWS);
      await post("stripe_fees", FEE_ROWS);
      coaches.list = [liability({ coachId: "c1", held: 39920, inPayout: 20000 })];
    });

    it("a payout on its way to the bank is counted with the coach's Stripe balance: 2890 agrees", async () => {
      stripe.payout("acct_c1", 20000, T + 2 * H, "in_transit", toMs + 48 * H);
      const r = await run();
      const c = r.checks.find((x) => x.id === "coach_liabilities");
      assert.deepEqual([c?.ledger, c?.stripe, c?.inTransit, c?.state], [59920, 59920, 20000, "ok"]);
      assert.equal(r.coaches[0]?.inPayout, 20000);
      assert.match(r.coaches[0]?.note ?? "", /200\.00 SEK on its way/);
      assert.equal(r.state, "ok");
    });

    it("a payout Stripe paid whose payout.paid Kassa never processed is a difference, not 0", async () => {
      stripe.payout("acct_c1", 20000, T + 2 * H, "paid", T + 3 * H);
      const r = await run();
      const c = r.checks.find((x) => x.id === "coach_liabilities");
      assert.equal(c?.difference, -20000);
      assert.equal(c?.state, "difference");
      assert.equal(row(r, 2890).stripeDifference, 20000, "Stripe says it left the coaches' money today");
      assert.equal(r.state, "difference");
      assert.equal(alerts.alerts.size, 1);
    });
  });

  it("coaches without a Stripe account are reported, and Kassa owing one money is a difference", async () => {
    sale(ledger, stripe, T);
    await post("sales", SALE_ROWS);
    await post("stripe_fees", FEE_ROWS);
    coaches.list = [liability({ coachId: "c1", held: 39920 }), liability({ coachId: "c0", stripeAccountId: null }), liability({ coachId: "c9", stripeAccountId: null, available: 5000 })];
    const r = await run();
    assert.deepEqual(r.coaches.map((c) => [c.coachId, c.stripeAccountId, c.ledger, c.state]), [
      ["c0", null, 0, "ok"],
      ["c1", "acct_c1", 39920, "ok"],
      ["c9", null, 5000, "difference"],
    ]);
    assert.match(r.coaches[2]?.note ?? "", /no Stripe account/);
    assert.equal(r.checks[0]?.difference, -5000);
    assert.equal(r.state, "difference");
  });

  it("reads the platform's and each connected account's transactions, payouts and balance", async () => {
    sale(ledger, stripe, T, "c1", "acct_c1");
    sale(ledger, stripe, T + 1, "c2", "acct_c2");
    coaches.list = [liability({ coachId: "c1", held: 39920 }), liability({ coachId: "c2", held: 39920 })];
    const r = await run();
    assert.equal(r.sources.stripe.accounts, 3);
    assert.equal(r.sources.stripe.transactions, 6);
    assert.equal(row(r, 1580).stripe, 2 * 48877);
    assert.equal(stripe.calls, 9, "transactions, payouts and balance for platform, acct_c1, acct_c2");
  });
});

describe("ledgerByBas: exchange differences", () => {
  it("nets a flow's exchange differences into one gain or loss, as the sync's voucher does", () => {
    const fx = (flow: LedgerEntry["flow"], amount: number): LedgerEntry => entry("program_sale", flow, T, [["platform:fx", amount], ["coach:c1:held", -amount]]);
    const byBas = ledgerByBas([fx("sales", 500), fx("sales", -300), fx("refunds", -200)], "sek", chartMappingOf(DEFAULT_BAS_MAPPING));
    assert.equal(byBas.get(7960), 200, "sales: a net loss of 2.00");
    assert.equal(byBas.get(3960), -200, "refunds: a gain of 2.00");
    assert.equal(byBas.get(2890), 0 - 500 + 300 + 200);
  });
});
