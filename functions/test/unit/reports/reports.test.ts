import assert from "node:assert/strict";
import fc from "fast-check";
import { amount, instant, kronor, ledgerCsv, paymentsCsv, payoutsCsv, timeColumn, toCsv } from "../../../src/app/reports/csv";
import { exportCsv, monthlyReport, revenueReport } from "../../../src/app/reports/reports";
import { daysBack, daysBetween, summarizeLedger } from "../../../src/app/reports/revenue";
import { DomainError } from "../../../src/domain/errors";
import {
  payoutPaidEntry,
  programSaleEntry,
  refundEntry,
  stripeFeeEntry,
  subscriptionPaymentEntry,
} from "../../../src/domain/ledger";
import type { LedgerEntry } from "../../../src/domain/ledger-entries";
import { rollupDeltas } from "../../../src/domain/rollups";
import type { DatedEntry, PayoutExportRow, ReportStore } from "../../../src/ports/report-store";
import { InMemoryRollupStore } from "../../fakes/in-memory-rollup-store";

const admin = { uid: "admin-1", role: "admin" as const, email: "a@kassa.test" };
const coach = { uid: "c1", role: "coach" as const, email: "c@kassa.test" };
const at = (day: string) => Date.parse(`${day}T10:00:00Z`);
const dated = (e: LedgerEntry | null, day: string): DatedEntry => ({ ...e!, day });

function sale(id: string, coachId: string, day: string, gross = 49900, fee = 9980, currency = "sek") {
  return dated(
    programSaleEntry({
      paymentId: id,
      coachId,
      gross: { amount: gross, currency: currency as "sek" },
      fee: { amount: fee, currency: currency as "sek" },
      occurredAt: at(day),
    }),
    day,
  );
}

const ledger: DatedEntry[] = [
  sale("pi_1", "c1", "2025-03-01"),
  sale("pi_2", "c2", "2025-03-02"),
  sale("pi_3", "c1", "2025-03-03"),
  sale("pi_4", "c1", "2025-03-03", 1000, 200, "eur"),
  dated(stripeFeeEntry({ sourceId: "txn_1", fee: { amount: 1010, currency: "sek" }, occurredAt: at("2025-03-01") }), "2025-03-01"),
  dated(subscriptionPaymentEntry({ paymentId: "in_1", gross: { amount: 9900, currency: "sek" }, occurredAt: at("2025-03-02") }), "2025-03-02"),
  dated(
    refundEntry({
      refundId: "re_1",
      amount: { amount: 49900, currency: "sek" },
      occurredAt: at("2025-03-03"),
      position: {
        paymentId: "pi_2",
        coachId: "c2",
        kind: "program",
        currency: "sek",
        gross: 49900,
        platformPart: 9980,
        coachShare: 39920,
        heldCoach: 39920,
        reversedGross: 0,
        reversedPlatform: 0,
        reversedCoach: 0,
      } as never,
    }),
    "2025-03-03",
  ),
  dated(payoutPaidEntry({ payoutId: "po_k1", coachId: "c1", amount: { amount: 39920, currency: "sek" }, occurredAt: at("2025-03-03") } as never), "2025-03-03"),
  // Outside the range: ignored.
  sale("pi_old", "c1", "2025-02-27"),
];

class FakeReports implements ReportStore {
  calls: string[] = [];
  payouts: PayoutExportRow[] = [];
  constructor(private readonly entries: DatedEntry[]) {}
  async ledgerBetween(from: string, to: string, limit: number) {
    this.calls.push(`ledger ${from}..${to}`);
    return this.entries.filter((e) => e.day >= from && e.day <= to).slice(0, limit);
  }
  async paymentsBetween(fromMs: number, toMs: number) {
    this.calls.push(`payments ${fromMs}..${toMs}`);
    return [];
  }
  async payoutsBetween(fromMs: number, toMs: number) {
    this.calls.push(`payouts ${fromMs}..${toMs}`);
    return this.payouts.filter((p) => p.date >= fromMs && p.date < toMs);
  }
  async activeConnectedAccounts() {
    return 3;
  }
  async userLabels(uids: string[]) {
    return Object.fromEntries(uids.map((u) => [u, `${u}@kassa.test`]));
  }
}

const clock = (day: string) => ({ now: () => new Date(at(day)) });

/** The rollups the bookings of `entries` leave (what bookEntries adds in each transaction). */
function rollupsOf(entries: readonly DatedEntry[]): InMemoryRollupStore {
  const store = new InMemoryRollupStore();
  for (const e of entries) store.apply(rollupDeltas([e]));
  return store;
}

describe("reports: revenue figures from the ledger", () => {
  it("days of a range include both ends, and N days back includes today", () => {
    assert.deepEqual(daysBetween("2025-02-27", "2025-03-02"), ["2025-02-27", "2025-02-28", "2025-03-01", "2025-03-02"]);
    assert.equal(daysBack("2025-03-07", 7), "2025-03-01");
    assert.equal(daysBack("2024-03-01", 2), "2024-02-29");
  });

  it("sums gross, fees, subscriptions, refunds, payouts and Stripe fees per currency, never across", () => {
    const [eur, sek] = summarizeLedger(ledger, "2025-03-01", "2025-03-03");
    assert.equal(eur!.currency, "eur");
    assert.equal(eur!.totals.gross, 1000);
    assert.equal(eur!.totals.platformFees, 200);
    assert.equal(sek!.currency, "sek");
    assert.equal(sek!.totals.gross, 3 * 49900 + 9900);
    assert.equal(sek!.totals.payments, 4);
    // Fees are net: the refund of pi_2 gave back its fee in proportion (the default policy).
    assert.equal(sek!.totals.platformFees, 2 * 9980);
    assert.equal(sek!.totals.subscriptions, 9900);
    assert.equal(sek!.totals.refunds, 49900);
    assert.equal(sek!.totals.refundCount, 1);
    assert.equal(sek!.totals.payouts, 39920);
    assert.equal(sek!.totals.payoutCount, 1);
    assert.equal(sek!.totals.stripeFees, 1010);
  });

  it("keeps a point for every day, empty days as zeros, and ranks coaches by gross", () => {
    const [, sek] = summarizeLedger(ledger, "2025-03-01", "2025-03-05");
    assert.deepEqual(sek!.series.map((p) => p.day), daysBetween("2025-03-01", "2025-03-05"));
    assert.deepEqual(sek!.series.map((p) => p.gross), [49900, 49900 + 9900, 49900, 0, 0]);
    assert.deepEqual(sek!.topCoaches.map((c) => [c.coachId, c.gross, c.sales]), [["c1", 99800, 2], ["c2", 49900, 1]]);
  });

  it("revenueReport reads only the range ending today and labels the top coaches", async () => {
    const reports = new FakeReports(ledger);
    const rollups = rollupsOf(ledger);
    const r = await revenueReport({ reports, rollups, clock: clock("2025-03-07") }, admin, { days: 7 });
    // The rollups of March's shards only; not a single ledger entry.
    assert.deepEqual(reports.calls, []);
    assert.equal(rollups.reads, [...rollups.docs.values()].filter((d) => d.month === "2025-03").length);
    assert.ok(rollups.reads < ledger.length);
    assert.equal(r.entriesRead, 8);
    assert.deepEqual(r.currencies, summarizeLedger(ledger, "2025-03-01", "2025-03-07"));
    assert.equal(r.coachLabels["c1"], "c1@kassa.test");
  });

  it("revenueReport is for admins and for the offered periods only", async () => {
    const deps = { reports: new FakeReports(ledger), rollups: rollupsOf(ledger), clock: clock("2025-03-07") };
    await assert.rejects(revenueReport(deps, coach, { days: 7 }), (e: unknown) => e instanceof DomainError && e.kind === "permission");
    await assert.rejects(revenueReport(deps, admin, { days: 8 }), (e: unknown) => e instanceof DomainError && e.field === "days");
  });
});

describe("reports: CSV", () => {
  it("writes amounts as exact decimal strings from öre, with the currency beside them", () => {
    assert.equal(kronor(49900), "499.00");
    assert.equal(kronor(5), "0.05");
    assert.equal(kronor(-120), "-1.20");
    assert.equal(kronor(9007199254740991), "90071992547409.91");
    const csv = paymentsCsv([
      { id: "pi_1", date: at("2025-03-01"), kind: "program", status: "succeeded", userId: "u1", coachId: "c1", programId: "p1", currency: "sek", amount: 49900, feeAmount: 9980, coachAmount: 39920, stripeFee: 1010, refundedAmount: 0 },
    ]);
    const [header, row] = csv.trimEnd().split("\r\n");
    assert.match(header!, /^payment_id,created_utc,day,kind,status,currency,amount,/);
    assert.equal(row, "pi_1,2025-03-01T10:00:00.000Z,2025-03-01,program,succeeded,SEK,499.00,99.80,399.20,10.10,0.00,u1,,c1,,p1,");
  });

  it("quotes commas, quotes and line breaks, and defuses formula cells", () => {
    assert.equal(toCsv(["a", "b", "c"], [['x,y', 'say "hi"', "=SUM(A1)"], ["-1.00", "@x", null]]), 'a,b,c\r\n"x,y","say ""hi""",\'=SUM(A1)\r\n-1.00,\'@x,\r\n');
  });

  it("defuses a cell that starts with a TAB or a carriage return, and leaves negative amounts as numbers", () => {
    // A spreadsheet skips a leading TAB/CR and runs the formula behind it (OWASP, CSV injection).
    assert.equal(toCsv(["a", "b"], [["\t=1+1", "\r=HYPERLINK(\"x\")"]]), 'a,b\r\n\'\t=1+1,"\'\r=HYPERLINK(""x"")"\r\n');
    assert.equal(toCsv(["a", "b", "c"], [["-12.50", "-7", "x\ty"]]), "a,b,c\r\n-12.50,-7,x\ty\r\n");
  });

  it("ledger CSV has one row per posting; debits and credits of each entry balance", () => {
    const csv = ledgerCsv([ledger[0]!]);
    const rows = csv.trimEnd().split("\r\n").slice(1).map((r) => r.split(","));
    assert.equal(rows.length, 3);
    const toOre = (s: string) => (s ? Number(s.replace(".", "")) : 0);
    assert.equal(rows.reduce((s, r) => s + toOre(r[7]!) - toOre(r[8]!), 0), 0);
  });

  it("Excel (Sweden): semicolons, decimal comma, Stockholm time in a *_stockholm column", () => {
    const row = { id: "pi_1", date: Date.parse("2025-07-01T22:30:00Z"), kind: "program" as const, status: "succeeded", userId: "u1", coachId: "c1", programId: "p1", currency: "sek", amount: 49900, feeAmount: 9980, coachAmount: 39920, stripeFee: null, refundedAmount: 0 };
    const [header, line] = paymentsCsv([row], "excel-sv").trimEnd().split("\r\n");
    assert.match(header!, /^payment_id;created_stockholm;day;kind;status;currency;amount;/);
    // 22:30 UTC on 1 July is 00:30 on 2 July in Stockholm (summer time): the day column agrees.
    assert.equal(line, "pi_1;2025-07-02 00:30:00;2025-07-02;program;succeeded;SEK;499,00;99,80;399,20;;0,00;u1;;c1;;p1;");
    // The standard file is unchanged: what scripts and earlier downloads read.
    assert.match(paymentsCsv([row]).split("\r\n")[1]!, /^pi_1,2025-07-01T22:30:00\.000Z,2025-07-02,program,succeeded,SEK,499\.00,/);
  });

  it("Excel (Sweden): quotes a semicolon, not a comma; negative amounts stay numbers; formulas are defused", () => {
    assert.equal(
      toCsv(["a", "b", "c", timeColumn("at")], [["x;y", "x,y", amount(-1250), instant(Date.parse("2025-01-15T12:00:00Z"))], ["=1+1", amount(5), "-", null]], "excel-sv"),
      'a;b;c;at_stockholm\r\n"x;y";x,y;-12,50;2025-01-15 13:00:00\r\n\'=1+1;0,05;\'-;\r\n',
    );
  });

  it("Excel (Sweden): every amount reads back to the same öre, and a ledger file's debits equal its credits", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -9_999_999_99, max: 9_999_999_99 }), { minLength: 1, maxLength: 20 }), (ores) => {
        const lines = toCsv(["amount"], ores.map((o) => [amount(o)]), "excel-sv").trimEnd().split("\r\n").slice(1);
        const back = lines.map((l) => {
          const m = /^(-?)(\d+),(\d{2})$/.exec(l);
          assert.ok(m, `not a decimal-comma number: ${l}`);
          return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
        });
        assert.deepEqual(back, ores.map((o) => (Object.is(o, -0) ? 0 : o)));
      }),
    );
    const rows = ledgerCsv(ledger, "excel-sv").trimEnd().split("\r\n").slice(1).map((r) => r.split(";"));
    const ore = (s: string) => (s ? Number(s.replace(",", "")) : 0);
    assert.equal(rows.reduce((sum, r) => sum + ore(r[7]!) - ore(r[8]!), 0), 0);
  });

  it("every column of each file, in both formats: payments, payouts and the ledger (empty refs stay empty)", () => {
    const pay = paymentsCsv([{ id: "pi_1", date: Date.parse("2025-01-15T12:00:00Z"), kind: "subscription", status: "refunded", userId: "u9", coachId: null, programId: null, currency: "eur", amount: 990, feeAmount: 990, coachAmount: 0, stripeFee: 59, refundedAmount: 990 }], "excel-sv").split("\r\n");
    assert.equal(pay[0], "payment_id;created_stockholm;day;kind;status;currency;amount;platform_fee;coach_share;stripe_fee;refunded;customer_uid;customer_name;coach_uid;coach_name;program_id;program_title");
    assert.equal(pay[1], "pi_1;2025-01-15 13:00:00;2025-01-15;subscription;refunded;EUR;9,90;9,90;0,00;0,59;9,90;u9;;;;;");
    const payout = { id: "po_1", date: Date.parse("2025-03-30T23:30:00Z"), coachId: "c1", status: "failed", trigger: "schedule", currency: "nok", amount: 123456, stripePayoutId: "po_stripe", failureReason: "account_closed; bank said no" };
    assert.deepEqual(payoutsCsv([payout]).split("\r\n").slice(0, 2), [
      "payout_id,created_utc,day,coach_uid,coach_name,status,trigger,currency,amount,stripe_payout_id,failure_reason",
      "po_1,2025-03-30T23:30:00.000Z,2025-03-31,c1,,failed,schedule,NOK,1234.56,po_stripe,account_closed; bank said no",
    ]);
    // Summer time began at 02:00 that night: 23:30 UTC is 01:30 on the 31st in Stockholm. A ';' in a text is quoted in Excel's file.
    assert.equal(payoutsCsv([payout], "excel-sv").split("\r\n")[1], 'po_1;2025-03-31 01:30:00;2025-03-31;c1;;failed;schedule;NOK;1234,56;po_stripe;"account_closed; bank said no"');
    const rows = ledgerCsv([ledger[0]!]).split("\r\n");
    assert.equal(rows[0], "entry_id,occurred_utc,day,kind,flow,account,currency,debit,credit,payment_id,payout_id,coach_uid,coach_name");
    assert.ok(rows.slice(1, -1).every((r) => r.split(",")[10] === ""), "no payout on a sale: an empty cell, not 'undefined'");
    assert.ok(rows.slice(1, -1).every((r) => r.split(",")[6] === "SEK"));
    assert.ok(rows.slice(1, -1).every((r) => (r.split(",")[7] === "") !== (r.split(",")[8] === "")), "each posting is a debit or a credit, never both, never neither");
  });

  it("exportCsv checks the period and reads payouts of Stockholm days", async () => {
    const reports = new FakeReports(ledger);
    const deps = { reports, rollups: rollupsOf(ledger), clock: clock("2025-03-07") };
    await assert.rejects(exportCsv(deps, admin, { kind: "payments", from: "2025-03-02", to: "2025-03-01" }), (e: unknown) => e instanceof DomainError && e.field === "to");
    await assert.rejects(exportCsv(deps, coach, { kind: "payments", from: "2025-03-01", to: "2025-03-01" }), (e: unknown) => e instanceof DomainError && e.kind === "permission");
    const out = await exportCsv(deps, admin, { kind: "ledger", from: "2025-03-01", to: "2025-03-01" });
    assert.equal(out.filename, "kassa-ledger-2025-03-01-to-2025-03-01.csv");
    assert.equal(out.rows, 2);
    await exportCsv(deps, admin, { kind: "payouts", from: "2025-03-01", to: "2025-03-01" });
    // 2025-03-01 in Stockholm is 2025-02-28T23:00Z .. 2025-03-01T23:00Z (CET).
    assert.equal(reports.calls.at(-1), `payouts ${Date.parse("2025-02-28T23:00:00Z")}..${Date.parse("2025-03-01T23:00:00Z")}`);
  });

  it("the one-shot ledger file names the coaches beside their ids, with one lookup for the file", async () => {
    const asked: (readonly string[])[] = [];
    const names = {
      names: async (ask: { uids: readonly string[]; programIds: readonly string[] }) => {
        asked.push(ask.uids);
        return { people: new Map([["c1", "Lina Berg"]].filter(([u]) => ask.uids.includes(u!)) as [string, string][]), programs: new Map<string, string>() };
      },
    };
    const deps = { reports: new FakeReports(ledger), rollups: rollupsOf(ledger), clock: clock("2025-03-07"), names };
    const out = await exportCsv(deps, admin, { kind: "ledger", from: "2025-03-01", to: "2025-03-03" });
    const [header, ...rows] = out.csv.trimEnd().split("\r\n").map((l) => l.split(","));
    const at = (r: string[], name: string) => r[header!.indexOf(name)];
    const coachRows = rows.filter((r) => at(r, "coach_uid"));
    assert.ok(coachRows.length > 0);
    for (const r of coachRows) assert.equal(at(r, "coach_name"), at(r, "coach_uid") === "c1" ? "Lina Berg" : "", "c2 has no name: an empty cell");
    assert.equal(asked.length, 1);
    assert.deepEqual([...asked[0]!].sort(), ["c1", "c2"]);
  });

  it("the monthly report has revenue, fees, payouts, active accounts and the failed payout rate", async () => {
    const reports = new FakeReports(ledger);
    const payout = (id: string, status: string): PayoutExportRow => ({ id, date: at("2025-03-04"), coachId: "c1", status, trigger: "schedule", currency: "sek", amount: 100, stripePayoutId: null, failureReason: null });
    reports.payouts = [payout("a", "paid"), payout("b", "paid"), payout("c", "paid"), payout("d", "failed"), payout("e", "processing")];
    const rollups = rollupsOf(ledger);
    const r = await monthlyReport({ reports, rollups, clock: clock("2025-04-02") }, admin, { month: "2025-03" });
    assert.ok(!reports.calls.some((c) => c.startsWith("ledger")), "the monthly report reads rollups, not entries");
    assert.equal(r.failedPayoutRateBps, 2500);
    assert.equal(r.activeConnectedAccounts, 3);
    const lines = r.csv.trimEnd().split("\r\n");
    assert.equal(lines.length, 3);
    assert.equal(lines[2], "2025-03,SEK,1596.00,199.60,99.00,298.60,499.00,10.10,399.20,1,1,3,25.00");
    await assert.rejects(monthlyReport({ reports, rollups, clock: clock("2025-04-02") }, admin, { month: "2025-13" }), (e: unknown) => e instanceof DomainError && e.field === "month");
  });
});
