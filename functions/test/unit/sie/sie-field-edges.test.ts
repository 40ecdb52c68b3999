import { strict as assert } from "node:assert";
import { encodeCp437 } from "../../../src/domain/sie/cp437";
import { parseSieAmount, parseSieDate, sieDate, sieText, withoutControlCharacters } from "../../../src/domain/sie/sie-fields";
import { DomainError } from "../../../src/domain/errors";

// Edges of the SIE field rules: what a description, an amount or a date becomes on a line.

const refuses = (fn: () => unknown, field: string) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.kind === "invalid_input" && e.field === field);

describe("SIE fields: edges", () => {
  it("a control character at the start, or DEL, becomes a space; ordinary spaces stay as they are", () => {
    assert.equal(withoutControlCharacters("\nRefund"), " Refund");
    assert.equal(withoutControlCharacters("a\u007fb"), "a b");
    assert.equal(withoutControlCharacters("a  b"), "a  b");
    assert.equal(sieText("\t\tx"), '" x"');
  });

  it("reads amounts with one, two or no decimals, and refuses anything around them", () => {
    assert.equal(parseSieAmount("12"), 1200);
    assert.equal(parseSieAmount("399.2"), 39920);
    assert.equal(parseSieAmount("-399.20"), -39920);
    assert.ok(Object.is(parseSieAmount("-0.00"), 0), "no negative zero");
    for (const bad of ["x12", "12x", "12.", "12.345", "1 2", ""]) refuses(() => parseSieAmount(bad), "amount");
    refuses(() => parseSieAmount("x", "line 9"), "line 9");
  });

  it("reads and writes dates as YYYYMMDD, refusing anything around them, the field named date unless told", () => {
    assert.equal(parseSieDate("20261122"), "2026-11-22");
    assert.equal(sieDate("2026-11-22"), "20261122");
    for (const bad of ["x20261122", "202611221", "20261322"]) refuses(() => parseSieDate(bad), "date");
    refuses(() => sieDate("22/11/2026"), "date");
  });

  it("writes a C1 control character as ?, not as the cp437 byte of the same number", () => {
    assert.deepEqual([...encodeCp437("\u0080\u007f")], [0x3f, 0x7f]);
  });
});
