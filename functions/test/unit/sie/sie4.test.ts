import { strict as assert } from "node:assert";
import fc from "fast-check";
import { decodeCp437, encodeCp437 } from "../../../src/domain/sie/cp437";
import { parseSieAmount, sieAmount, sieText, withoutControlCharacters } from "../../../src/domain/sie/sie-fields";
import { parseSie4, tokenizeSieLine } from "../../../src/domain/sie/sie4-parser";
import { encodeSie4, SIE_PROGRAM, writeSie4Text, type SieDocument, type SieVoucher } from "../../../src/domain/sie/sie4-writer";
import { DomainError } from "../../../src/domain/errors";

const doc = (vouchers: SieVoucher[], over: Partial<SieDocument> = {}): SieDocument => ({
  program: SIE_PROGRAM,
  generatedOn: "2026-12-01",
  company: { name: "Kassa Sandbox AB", orgNr: "559999-0001" },
  financialYear: { from: "2026-01-01", to: "2026-12-31" },
  accounts: [
    { number: 1580, name: "Fordringar för kontokort och kuponger" },
    { number: 2611, name: "Utgående moms på försäljning inom Sverige, 25 %" },
    { number: 2890, name: "Övriga kortfristiga skulder" },
    { number: 3041, name: "Försäljning tjänster inom Sverige, 25 % moms" },
  ],
  vouchers,
  ...over,
});

const sale: SieVoucher = {
  series: "A",
  number: 12,
  date: "2026-11-22",
  text: "KASSA 2026-11-22 sales SEK",
  registeredOn: "2026-11-23",
  rows: [
    { account: 1580, amountMinor: 49900, text: "Kassa program sales" },
    { account: 2890, amountMinor: -39920, text: "Kassa program sales" },
    { account: 3041, amountMinor: -7984, text: "Kassa program sales" },
    { account: 2611, amountMinor: -1996, text: "Kassa program sales" },
  ],
};

const refusal = (field: string) => (e: unknown) => e instanceof DomainError && e.kind === "invalid_input" && e.field === field;

describe("SIE 4: CP437 encoding", () => {
  it("writes å ä ö Å Ä Ö é as their code page 437 bytes, not UTF-8 or Latin-1", () => {
    assert.deepEqual([...encodeCp437("åäöÅÄÖé")], [0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99, 0x82]);
    assert.deepEqual([...encodeCp437("#KONTO")], [0x23, 0x4b, 0x4f, 0x4e, 0x54, 0x4f]);
  });

  it("decodes every byte back to the character it encodes (a bijection on 0..255)", () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = decodeCp437(all);
    assert.equal([...text].length, 256);
    assert.deepEqual([...encodeCp437(text)], [...all]);
  });

  it("turns characters cp437 lacks into ? and keeps the åäö around them", () => {
    assert.equal(decodeCp437(encodeCp437("5 € för kaffe ☕")), "5 ? för kaffe ?");
  });

  it("the whole file is cp437: the Swedish account names come back from the bytes, and no UTF-8 sequence is in it", () => {
    const bytes = encodeSie4(doc([sale]));
    assert.ok(!Buffer.from(bytes).includes(Buffer.from("ö", "utf8")), "no UTF-8 ö (C3 B6)");
    assert.ok(bytes.includes(0x94), "cp437 ö present");
    assert.equal(parseSie4(bytes).accounts.find((a) => a.number === 2890)?.name, "Övriga kortfristiga skulder");
  });
});

describe("SIE 4: field rules", () => {
  it("quotes text, escapes quotes and backslashes, replaces control characters", () => {
    assert.equal(sieText("Refund"), '"Refund"');
    assert.equal(sieText('Coach "Åsa" Berg'), '"Coach \\"Åsa\\" Berg"');
    assert.equal(sieText("C:\\"), '"C:\\\\"');
    assert.equal(sieText("two\r\nlines\tand tab"), '"two lines and tab"');
  });

  it("tokenizes quoted fields back exactly, including quotes, backslashes and spaces", () => {
    const hostile = 'A "quoted" \\ back\\slash } { # end\\';
    const line = `#VER "A" 3 20261122 ${sieText(hostile)} 20261123`;
    assert.deepEqual(tokenizeSieLine(line), ["#VER", "A", "3", "20261122", hostile, "20261123"]);
    assert.deepEqual(tokenizeSieLine("#TRANS 1580 {} 10.00"), ["#TRANS", "1580", "{}", "10.00"]);
  });

  it("writes amounts as kronor with a dot and two decimals from öre, exactly", () => {
    assert.equal(sieAmount(49900), "499.00");
    assert.equal(sieAmount(-39920), "-399.20");
    assert.equal(sieAmount(5), "0.05");
    assert.equal(sieAmount(-1), "-0.01");
    assert.equal(sieAmount(123456789012), "1234567890.12");
  });

  it("amount text round-trips for any öre integer", () => {
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (minor) => parseSieAmount(sieAmount(minor)) === minor));
  });

  it("the header records come first, in the SIE 4B order, one per CRLF line", () => {
    const lines = writeSie4Text(doc([sale])).split("\r\n");
    assert.deepEqual(lines.slice(0, 9), [
      "#FLAGGA 0",
      '#PROGRAM "Kassa" "1.0"',
      "#FORMAT PC8",
      "#GEN 20261201",
      "#SIETYP 4",
      '#FNAMN "Kassa Sandbox AB"',
      "#ORGNR 559999-0001",
      "#RAR 0 20260101 20261231",
      "#VALUTA SEK",
    ]);
    assert.ok(lines.includes('#VER "A" 12 20261122 "KASSA 2026-11-22 sales SEK" 20261123'));
    assert.ok(lines.includes('   #TRANS 2890 {} -399.20 20261122 "Kassa program sales"'));
    assert.equal(lines.at(-1), "", "the last line ends with CRLF too");
    assert.ok(!writeSie4Text(doc([sale])).replace(/\r\n/g, "").includes("\n"), "no bare LF");
  });

  it("refuses a voucher that does not balance, naming it", () => {
    const bad = { ...sale, rows: [...sale.rows.slice(0, 3), { account: 2611, amountMinor: -1995 }] };
    assert.throws(() => writeSie4Text(doc([bad])), (e: unknown) => refusal("vouchers[0].rows")(e) && String((e as Error).message).includes("A12"));
  });

  it("refuses a row on an account missing from #KONTO, a voucher outside #RAR, a bad org number", () => {
    const unknown = { ...sale, rows: [{ account: 1930, amountMinor: 100 }, { account: 1580, amountMinor: -100 }] };
    assert.throws(() => writeSie4Text(doc([unknown])), refusal("vouchers[0].rows[0].account"));
    assert.throws(() => writeSie4Text(doc([{ ...sale, date: "2027-01-02" }])), refusal("vouchers[0].date"));
    assert.throws(() => writeSie4Text(doc([sale], { company: { name: "X", orgNr: "55-1" } })), refusal("company.orgNr"));
    assert.throws(() => writeSie4Text(doc([{ ...sale, series: "A B" }])), refusal("vouchers[0].series"));
  });

  it("leaves out #ORGNR when the company has none rather than writing an empty one", () => {
    assert.ok(!writeSie4Text(doc([], { company: { name: "X", orgNr: null } })).includes("#ORGNR"));
  });
});

describe("SIE 4: round trip", () => {
  it("parses the export back to the same company, year, chart and vouchers", () => {
    const refund: SieVoucher = { ...sale, number: 13, text: 'KASSA 2026-11-22 refunds SEK #2 (a "late" one)', rows: sale.rows.map((r) => ({ ...r, amountMinor: -r.amountMinor, text: "Refunds" })) };
    const parsed = parseSie4(encodeSie4(doc([refund, sale])));
    assert.equal(parsed.flagga, "0");
    assert.equal(parsed.format, "PC8");
    assert.equal(parsed.sieType, "4");
    assert.deepEqual(parsed.program, ["Kassa", "1.0"]);
    assert.equal(parsed.companyName, "Kassa Sandbox AB");
    assert.equal(parsed.orgNr, "559999-0001");
    assert.deepEqual(parsed.years, [{ index: 0, from: "2026-01-01", to: "2026-12-31" }]);
    assert.deepEqual(parsed.accounts.map((a) => a.number), [1580, 2611, 2890, 3041]);
    assert.deepEqual(parsed.vouchers.map((v) => v.number), [12, 13], "sorted by date, series, number");
    const back = parsed.vouchers[1];
    assert.equal(back?.text, refund.text);
    assert.deepEqual(back?.rows.map((r) => [r.account, r.amountMinor, r.text]), refund.rows.map((r) => [r.account, r.amountMinor, "Refunds"]));
  });

  it("any set of balanced vouchers survives write and parse row for row", () => {
    const accounts = [1580, 1930, 2611, 2890, 3041, 6570];
    const voucher = fc
      .record({
        number: fc.integer({ min: 1, max: 99999 }),
        day: fc.integer({ min: 1, max: 28 }),
        month: fc.integer({ min: 1, max: 12 }),
        text: fc.string({ maxLength: 40 }),
        legs: fc.array(fc.record({ account: fc.constantFrom(...accounts), amountMinor: fc.integer({ min: -10_000_000, max: 10_000_000 }) }), { minLength: 1, maxLength: 6 }),
      })
      .map(({ number, day, month, text, legs }): SieVoucher => {
        const total = legs.reduce((s, l) => s + l.amountMinor, 0);
        return {
          series: "A",
          number,
          date: `2026-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
          text,
          // 0 - total, not -total: legs summing to 0 would make a -0 that deepEqual tells from the parsed 0.
          rows: [...legs, { account: 1580, amountMinor: 0 - total }],
        };
      });
    fc.assert(
      fc.property(fc.uniqueArray(voucher, { selector: (v) => v.number, maxLength: 8 }), (vouchers) => {
        const parsed = parseSie4(encodeSie4({ ...doc(vouchers), accounts: accounts.map((n) => ({ number: n, name: `Konto ${n} åäö` })) }));
        const expected = [...vouchers].sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number);
        assert.equal(parsed.vouchers.length, expected.length);
        expected.forEach((v, i) => {
          const p = parsed.vouchers[i];
          assert.equal(p?.number, v.number);
          assert.equal(p?.date, v.date);
          // Control characters become spaces and cp437-less characters "?": compare through the same rules.
          assert.equal(p?.text, decodeCp437(encodeCp437(withoutControlCharacters(v.text))));
          assert.deepEqual(p?.rows.map((r) => [r.account, r.amountMinor]), v.rows.map((r) => [r.account, r.amountMinor]));
        });
      }),
      { numRuns: 200 },
    );
  });
});
