import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  add,
  isCurrency,
  isZero,
  minorToDecimalString,
  money,
  negate,
  parseCurrency,
  subtract,
  sum,
} from "../../../src/domain/money";
import { DomainError } from "../../../src/domain/errors";

const rejectsField = (fn: () => unknown, field: string) =>
  assert.throws(
    fn,
    (e: unknown) => e instanceof DomainError && e.kind === "invalid_input" && e.field === field,
  );

describe("money", () => {
  it("accepts the supported lower-case currencies and parses upper case", () => {
    for (const c of ["sek", "eur", "usd", "nok", "dkk"]) assert.ok(isCurrency(c));
    assert.equal(isCurrency("SEK"), false);
    assert.equal(isCurrency("gbp"), false);
    assert.equal(parseCurrency("SEK"), "sek");
    rejectsField(() => parseCurrency("gbp"), "currency");
  });

  it("refuses fractions, NaN and unsafe integers, naming the field", () => {
    rejectsField(() => money(499.5, "sek"), "amount");
    rejectsField(() => money(Number.NaN, "sek"), "amount");
    rejectsField(() => money(2 ** 53, "sek"), "amount");
    rejectsField(() => money(1.5, "sek", "price"), "price");
    assert.deepEqual(money(49900, "SEK"), { amount: 49900, currency: "sek" });
  });

  it("adds, subtracts and negates within one currency", () => {
    const a = money(49900, "sek");
    const b = money(9900, "sek");
    assert.deepEqual(add(a, b), { amount: 59800, currency: "sek" });
    assert.deepEqual(subtract(b, a), { amount: -40000, currency: "sek" });
    assert.deepEqual(negate(a), { amount: -49900, currency: "sek" });
    assert.ok(Object.is(negate(money(0, "sek")).amount, 0));
    assert.ok(isZero(subtract(a, a)));
  });

  it("never mixes currencies", () => {
    rejectsField(() => add(money(1, "sek"), money(1, "eur")), "currency");
    rejectsField(() => sum([money(1, "sek"), money(1, "eur")], "sek"), "currency");
    rejectsField(() => sum([money(1, "eur")], "sek"), "currency");
    assert.deepEqual(sum([], "eur"), { amount: 0, currency: "eur" });
    assert.deepEqual(sum([money(1, "eur"), money(2, "eur")], "eur"), {
      amount: 3,
      currency: "eur",
    });
  });

  it("refuses a sum that would leave the safe integer range", () => {
    rejectsField(() => add(money(Number.MAX_SAFE_INTEGER, "sek"), money(1, "sek")), "amount");
  });

  it("writes minor units as exact decimals", () => {
    assert.equal(minorToDecimalString(49900), "499.00");
    assert.equal(minorToDecimalString(39920), "399.20");
    assert.equal(minorToDecimalString(-5), "-0.05");
    assert.equal(minorToDecimalString(0), "0.00");
    assert.equal(minorToDecimalString(7), "0.07");
    assert.equal(minorToDecimalString(-123456), "-1234.56");
    assert.equal(minorToDecimalString(Number.MAX_SAFE_INTEGER), "90071992547409.91");
    rejectsField(() => minorToDecimalString(1.5), "amount");
  });

  it("decimal strings round-trip to the same minor units", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const text = minorToDecimalString(n);
        assert.match(text, /^-?\d+\.\d{2}$/);
        assert.equal(BigInt(text.replace(".", "")), BigInt(n));
      }),
    );
  });
});
