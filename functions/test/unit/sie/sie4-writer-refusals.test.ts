import { strict as assert } from "node:assert";
import { SIE_PROGRAM, writeSie4Text, type SieDocument, type SieVoucher } from "../../../src/domain/sie/sie4-writer";
import { DomainError } from "../../../src/domain/errors";

// Everything the SIE export refuses before writing a byte, each refusal naming the field
// (and the voucher) at fault; and the order records come out in.

const doc = (vouchers: SieVoucher[], over: Partial<SieDocument> = {}): SieDocument => ({
  program: SIE_PROGRAM,
  generatedOn: "2026-12-01",
  company: { name: "Kassa Sandbox AB", orgNr: "559999-0001" },
  financialYear: { from: "2026-01-01", to: "2026-12-31" },
  accounts: [
    { number: 1580, name: "Fordringar för kontokort och kuponger" },
    { number: 2890, name: "Övriga kortfristiga skulder" },
  ],
  vouchers,
  ...over,
});
const voucher = (over: Partial<SieVoucher> = {}): SieVoucher => ({
  series: "A",
  number: 7,
  date: "2026-11-22",
  text: "KASSA 2026-11-22 transfers SEK",
  rows: [
    { account: 1580, amountMinor: 100 },
    { account: 2890, amountMinor: -100 },
  ],
  ...over,
});
const refuses = (d: SieDocument, field: string, message: RegExp) =>
  assert.throws(
    () => writeSie4Text(d),
    (e: unknown) => e instanceof DomainError && e.kind === "invalid_input" && e.field === field && message.test(e.message),
  );

describe("SIE 4 writer: refusals", () => {
  it("refuses dates that are not YYYY-MM-DD, naming which", () => {
    refuses(doc([], { generatedOn: "2026-12-1" }), "generatedOn", /YYYY-MM-DD/);
    refuses(doc([], { financialYear: { from: "20260101", to: "2026-12-31" } }), "financialYear.from", /YYYY-MM-DD/);
    refuses(doc([], { financialYear: { from: "2026-01-01", to: "" } }), "financialYear.to", /YYYY-MM-DD/);
    refuses(doc([voucher({ date: "2026-11-31x" })]), "vouchers[0].date", /YYYY-MM-DD/);
    refuses(doc([voucher({ registeredOn: "tomorrow" })]), "vouchers[0].registeredOn", /YYYY-MM-DD/);
  });

  it("refuses a financial year that ends before it starts; a one-day year is fine", () => {
    refuses(doc([], { financialYear: { from: "2026-12-31", to: "2026-01-01" } }), "financialYear.to", /ends before the financial year starts/);
    assert.doesNotThrow(() => writeSie4Text(doc([], { financialYear: { from: "2026-06-01", to: "2026-06-01" } })));
  });

  it("says what org number it got", () => {
    refuses(doc([], { company: { name: "X", orgNr: "55-1" } }), "company.orgNr", /like 556677-8899, got "55-1"/);
  });

  it("refuses accounts outside 1000-9999, fractional or listed twice, naming the entry", () => {
    const chart = (number: number) => [{ number: 1580, name: "a" }, { number, name: "b" }];
    for (const n of [999, 10000, 1580.5]) refuses(doc([], { accounts: chart(n) }), "accounts[1].number", new RegExp(`must be a four-digit BAS account, got ${n}`));
    refuses(doc([], { accounts: chart(1580) }), "accounts[1].number", /account 1580 is listed twice/);
    assert.doesNotThrow(() => writeSie4Text(doc([], { accounts: [{ number: 1000, name: "a" }, { number: 9999, name: "b" }] })));
  });

  it("refuses a voucher number that is not a positive whole number", () => {
    for (const number of [0, -3, 1.5]) refuses(doc([voucher({ number })]), "vouchers[0].number", new RegExp(`positive voucher number, got ${number}`));
  });

  it("says which series it got", () => {
    refuses(doc([voucher({ series: "A B" })]), "vouchers[0].series", /letters and digits, got "A B"/);
  });

  it("refuses a voucher dated after the financial year, naming it and the year; the last day is inside", () => {
    refuses(doc([voucher({ date: "2027-01-01" })]), "vouchers[0].date", /A7 is dated 2027-01-01, outside the financial year 2026-01-01..2026-12-31/);
    refuses(doc([voucher({ date: "2025-12-31" })]), "vouchers[0].date", /outside the financial year/);
    assert.doesNotThrow(() => writeSie4Text(doc([voucher({ date: "2026-12-31" }), voucher({ number: 8, date: "2026-01-01" })])));
  });

  it("refuses a voucher of fewer than two rows, fractional öre, or rows that do not balance", () => {
    refuses(doc([voucher({ rows: [{ account: 1580, amountMinor: 0 }] })]), "vouchers[0].rows", /A7 needs at least two rows/);
    refuses(
      doc([voucher({ rows: [{ account: 1580, amountMinor: 0.5 }, { account: 2890, amountMinor: -0.5 }] })]),
      "vouchers[0].rows[0].amountMinor",
      /must be whole öre/,
    );
    refuses(doc([voucher({ rows: [{ account: 1580, amountMinor: 100 }, { account: 2890, amountMinor: 100 }] })]), "vouchers[0].rows", /does not balance: rows sum to 2.00/);
    refuses(
      doc([voucher({ rows: [{ account: 1580, amountMinor: 100 }, { account: 1930, amountMinor: -100 }] })]),
      "vouchers[0].rows[1].account",
      /A7 books to 1930, which is not in the chart/,
    );
  });
});

describe("SIE 4 writer: record order", () => {
  it("lists the chart by account number whatever order it is given in, and names who generated the file", () => {
    const text = writeSie4Text(
      doc([], {
        generatedBy: "Anna Admin",
        accounts: [{ number: 2890, name: "Skulder" }, { number: 1580, name: "Fordringar" }, { number: 1930, name: "Bank" }],
      }),
    );
    const lines = text.split("\r\n");
    assert.ok(lines.includes('#GEN 20261201 "Anna Admin"'));
    assert.deepEqual(lines.filter((l) => l.startsWith("#KONTO")), ['#KONTO 1580 "Fordringar"', '#KONTO 1930 "Bank"', '#KONTO 2890 "Skulder"']);
    assert.ok(lines.includes("#GEN 20261201") === false);
  });

  it("writes #GEN with the date alone when nobody is named, and #ORGNR only when there is one", () => {
    assert.equal(
      writeSie4Text(doc([], { company: { name: "X", orgNr: null }, accounts: [] })),
      ['#FLAGGA 0', '#PROGRAM "Kassa" "1.0"', "#FORMAT PC8", "#GEN 20261201", "#SIETYP 4", '#FNAMN "X"', "#RAR 0 20260101 20261231", "#VALUTA SEK", ""].join("\r\n"),
    );
  });
});
