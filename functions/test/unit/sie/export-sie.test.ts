import { strict as assert } from "node:assert";
import { exportSie, type ExportSieDeps } from "../../../src/app/sie/export-sie";
import type { Caller } from "../../../src/app/caller";
import type { VoucherRow } from "../../../src/domain/accounting";
import { dayBounds } from "../../../src/domain/calendar-day";
import { DomainError } from "../../../src/domain/errors";
import { parseSie4 } from "../../../src/domain/sie/sie4-parser";
import type { BookedVoucher, BookedVoucherReader } from "../../../src/ports/booked-vouchers";
import { FakeAccountingGateway } from "../../fakes/fake-accounting-gateway";
import { FixedClock } from "../../fakes/fixed-clock";

const accountant: Caller = { uid: "acc-1", role: "accountant", email: "acc@kassa.test" };

class InMemoryBooked implements Pick<BookedVoucherReader, "bookedBetween"> {
  vouchers: BookedVoucher[] = [];
  async bookedBetween(from: string, to: string) {
    return this.vouchers.filter((v) => v.transactionDate >= from && v.transactionDate <= to);
  }
}

/** A day's sale (and on days ending in 2 a refund), posted through the fake Fortnox and recorded as the sync records it. */
async function bookDay(gateway: FakeAccountingGateway, booked: InMemoryBooked, day: string, feeMinor: number): Promise<void> {
  const at = dayBounds(day).fromMs + 10 * 3_600_000;
  const vat = Math.round(feeMinor / 5);
  const sale: VoucherRow[] = [
    { account: 1580, debit: 49900, credit: 0, info: "Kassa program sales" },
    { account: 2890, debit: 0, credit: 49900 - feeMinor, info: "Coach share, coach \"Åsa\"" },
    { account: 3041, debit: 0, credit: feeMinor - vat },
    { account: 2611, debit: 0, credit: vat },
  ];
  const drafts = [{ flow: "sales", rows: sale }];
  if (day.endsWith("2")) drafts.push({ flow: "refunds", rows: sale.map((r) => ({ ...r, debit: r.credit, credit: r.debit, info: "Refunds" })) });
  for (const draft of drafts) {
    const description = `KASSA ${day} ${draft.flow} SEK`;
    const ref = await gateway.postVoucher(1, { description, transactionDate: day, series: "A", rows: draft.rows });
    booked.vouchers.push({ id: `${day}_${draft.flow}`, day, transactionDate: day, marker: description, currency: "sek", series: "A", number: ref.number, financialYearId: 1, rows: draft.rows, postedAt: at + 86_400_000 });
  }
}

describe("exportSie", () => {
  let gateway: FakeAccountingGateway;
  let booked: InMemoryBooked;
  let deps: ExportSieDeps;
  beforeEach(() => {
    gateway = new FakeAccountingGateway();
    gateway.chart.push({ number: 1234, description: "Inaktivt konto", active: false });
    gateway.chart = gateway.chart.map((a) => (a.number === 2890 ? { ...a, description: "Övriga kortfristiga skulder" } : a));
    booked = new InMemoryBooked();
    deps = { vouchers: booked, gateway, company: { companyInformation: async () => ({ name: "Kassa Sandbox AB", organisationNumber: "559999-0001" }) }, clock: new FixedClock(Date.parse("2026-12-01T09:00:00Z")) };
  });

  it("the file parsed back holds exactly the vouchers Fortnox holds: numbers, dates, rows to the öre", async () => {
    await bookDay(gateway, booked, "2026-11-21", 9980);
    await bookDay(gateway, booked, "2026-11-22", 8733);
    await bookDay(gateway, booked, "2026-11-30", 9980);
    const result = await exportSie(deps, accountant, { from: "2026-11-21", to: "2026-11-22" });
    const parsed = parseSie4(result.bytes);
    const inRange = gateway.stored.filter((s) => s.transactionDate <= "2026-11-22");
    assert.equal(result.vouchers, inRange.length);
    assert.ok(inRange.length >= 3, "a sale day and a sale + refund day");
    assert.deepEqual(
      parsed.vouchers.map((v) => ({ n: v.number, date: v.date, text: v.text, rows: v.rows.map((r) => [r.account, r.amountMinor]) })),
      inRange.map((s) => ({ n: s.number, date: s.transactionDate, text: s.description, rows: s.rows.map((r) => [r.account, r.debit - r.credit]) })),
    );
    assert.deepEqual(parsed.years, [{ index: 0, from: "2026-01-01", to: "2026-12-31" }]);
    assert.equal(parsed.orgNr, "559999-0001");
    assert.equal(parsed.gen, "2026-12-01");
    assert.equal(parsed.accounts.find((a) => a.number === 2890)?.name, "Övriga kortfristiga skulder");
    assert.ok(!parsed.accounts.some((a) => a.number === 1234), "an inactive, unused account is left out");
    assert.equal(parsed.vouchers[0]?.registeredOn, "2026-11-22", "registered the day it was posted");
    assert.equal(result.fileName, "kassa-2026-11-21-2026-11-22.se");
  });

  it("refuses reversed dates, naming to", async () => {
    await assert.rejects(exportSie(deps, accountant, { from: "2026-11-22", to: "2026-11-21" }), (e: unknown) => e instanceof DomainError && e.field === "to" && /reversed/.test(e.message));
  });

  it("refuses a range over more than one financial year, naming to, before reading any voucher", async () => {
    gateway.years.push({ id: 2, fromDate: "2027-01-01", toDate: "2027-12-31" });
    let read = false;
    deps.vouchers = { bookedBetween: async () => ((read = true), []) };
    await assert.rejects(exportSie(deps, accountant, { from: "2026-12-01", to: "2027-01-31" }), (e: unknown) => e instanceof DomainError && e.kind === "invalid_input" && e.field === "to" && /financial year 2026-01-01\.\.2026-12-31/.test(e.message));
    assert.equal(read, false);
  });

  it("refuses a date no financial year holds, naming from, and a malformed date", async () => {
    await assert.rejects(exportSie(deps, accountant, { from: "2025-06-01", to: "2025-06-02" }), (e: unknown) => e instanceof DomainError && e.field === "from");
    await assert.rejects(exportSie(deps, accountant, { from: "2026-02-30", to: "2026-03-01" }), (e: unknown) => e instanceof DomainError && e.field === "from");
  });

  it("is for accountants and admins only", async () => {
    for (const role of ["coach", "customer", null] as const) {
      await assert.rejects(exportSie(deps, { uid: "u", role, email: null }, { from: "2026-11-01", to: "2026-11-30" }), (e: unknown) => e instanceof DomainError && e.kind === "permission");
    }
    await exportSie(deps, { uid: "a", role: "admin", email: null }, { from: "2026-11-01", to: "2026-11-30" });
  });

  it("an empty range is a valid file with the header and chart and no #VER", async () => {
    const parsed = parseSie4((await exportSie(deps, accountant, { from: "2026-03-01", to: "2026-03-31" })).bytes);
    assert.equal(parsed.vouchers.length, 0);
    assert.equal(parsed.sieType, "4");
    assert.ok(parsed.accounts.length >= 6);
  });

  it("two records claiming one voucher number stop the export instead of writing a file an importer refuses", async () => {
    await bookDay(gateway, booked, "2026-11-21", 9980);
    const first = booked.vouchers[0] as BookedVoucher;
    booked.vouchers.push({ ...first, id: "copy" });
    await assert.rejects(exportSie(deps, accountant, { from: "2026-11-01", to: "2026-11-30" }), (e: unknown) => e instanceof DomainError && e.kind === "conflict");
  });
});
