import { strict as assert } from "node:assert";
import { encodeCp437 } from "../../../src/domain/sie/cp437";
import { parseSie4, tokenizeSieLine } from "../../../src/domain/sie/sie4-parser";
import { DomainError } from "../../../src/domain/errors";

// The SIE reader is how the tests know what an importer sees in an export: it must split
// fields as SIE 4B does and refuse, naming the line, anything an importer would choke on.

const parse = (lines: string[], eol = "\r\n") => parseSie4(encodeCp437(lines.join(eol) + eol));
const refusesAt = (fn: () => unknown, field: string, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.kind === "invalid_input" && e.field === field && message.test(e.message));

const minimal = ["#FLAGGA 0", "#GEN 20261201", "#VALUTA SEK", '#KONTO 1580 "Fordringar"'];
const ver = ['#VER "A" 1 20261122 "KASSA"', "{", "   #TRANS 1580 {} 1.00", "   #TRANS 2890 {} -1.00", "}"];

describe("SIE 4 reader: fields", () => {
  it("separates fields by spaces or tabs", () => {
    assert.deepEqual(tokenizeSieLine('#KONTO\t1580\t"Bank konto"'), ["#KONTO", "1580", "Bank konto"]);
    assert.deepEqual(tokenizeSieLine("#TRANS  1580 \t {} 1.00"), ["#TRANS", "1580", "{}", "1.00"]);
  });

  it("keeps an object list with spaces inside as one field", () => {
    assert.deepEqual(tokenizeSieLine('#TRANS 3041 {1 "P 7"} -79.84'), ["#TRANS", "3041", '{1 "P 7"}', "-79.84"]);
  });

  it("refuses control characters, an unclosed quote or object list, naming the line", () => {
    refusesAt(() => tokenizeSieLine("#FNAMN \u0001", 4), "line 4", /control character in a field/);
    refusesAt(() => tokenizeSieLine("#FNAMN \u007f", 4), "line 4", /control character in a field/);
    refusesAt(() => tokenizeSieLine('#FNAMN "Kassa', 5), "line 5", /quoted field is not closed/);
    refusesAt(() => tokenizeSieLine('#FNAMN "Kassa\\', 5), "line 5", /quoted field is not closed/);
    refusesAt(() => tokenizeSieLine("#TRANS 1580 {1 2 1.00", 6), "line 6", /object list is not closed/);
  });
});

describe("SIE 4 reader: records", () => {
  it("reads a file with LF line ends, indented braces and unknown records (kept, otherwise ignored)", () => {
    const p = parse([...minimal, "#KSUMMA 12345", '#VER "A" 1 20261122 "KASSA"', "  {  ", "#TRANS 1580 {} 1.00", "#TRANS 2890 {} -1.00", "  }"], "\n");
    assert.equal(p.currency, "SEK");
    assert.equal(p.gen, "2026-12-01");
    assert.deepEqual(p.program, []);
    assert.deepEqual(
      p.records.map((r) => [r.label, r.line]),
      [["FLAGGA", 1], ["GEN", 2], ["VALUTA", 3], ["KONTO", 4], ["KSUMMA", 5], ["VER", 6], ["TRANS", 8], ["TRANS", 9]],
    );
    assert.deepEqual(p.vouchers, [
      {
        series: "A",
        number: 1,
        date: "2026-11-22",
        text: "KASSA",
        registeredOn: null,
        rows: [
          { account: 1580, amountMinor: 100, date: null, text: null },
          { account: 2890, amountMinor: -100, date: null, text: null },
        ],
      },
    ]);
  });

  it("refuses a line that is not a #record", () => {
    refusesAt(() => parse([...minimal, "FNAMN Kassa"]), "line 5", /expected a #record, got "FNAMN"/);
  });

  it("refuses braces and #TRANS outside a #VER, a #VER without its brace or inside another, naming the line", () => {
    refusesAt(() => parse([...minimal, "{"]), "line 5", /\{ without a #VER before it/);
    refusesAt(() => parse([...minimal, "}"]), "line 5", /\} without an open #VER/);
    refusesAt(() => parse([...minimal, '#VER "A" 1 20261122 "KASSA"', "#TRANS 1580 {} 1.00"]), "line 6", /#VER must be followed by \{/);
    refusesAt(() => parse([...minimal, '#VER "A" 1 20261122 "K"', "{", '#VER "A" 2 20261122 "K"']), "line 7", /#VER inside another #VER/);
    refusesAt(() => parse([...minimal, "#TRANS 1580 {} 1.00"]), "line 5", /#TRANS outside a #VER/);
  });

  it("refuses a file that ends inside a #VER, before or after its brace", () => {
    refusesAt(() => parse([...minimal, '#VER "A" 1 20261122 "K"']), "file", /ends inside a #VER/);
    refusesAt(() => parse([...minimal, ...ver.slice(0, 3)]), "file", /ends inside a #VER/);
    assert.equal(parse([...minimal, ...ver]).vouchers.length, 1);
  });

  it("names the line of a bad #GEN date or #TRANS amount", () => {
    refusesAt(() => parse(["#FLAGGA 0", "#GEN 2026-13-01"]), "line 2", /YYYY-MM-DD/);
    refusesAt(() => parse([...minimal, '#VER "A" 1 20261122 "K"', "{", "#TRANS 1580 {} 1,00"]), "line 7", /not a SIE amount/);
  });
});
