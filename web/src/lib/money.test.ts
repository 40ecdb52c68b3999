import { describe, expect, it } from "vitest";
import { formatMoney, kronorText, parseKronor } from "./money";

describe("formatMoney", () => {
  it("formats öre as Swedish kronor", () => {
    expect(formatMoney({ amount: 49900, currency: "sek" })).toBe("499,00\u00a0kr");
    expect(formatMoney({ amount: 9900, currency: "SEK" })).toBe("99,00\u00a0kr");
  });
  it("groups thousands and keeps single öre exact", () => {
    expect(formatMoney({ amount: 123456701, currency: "sek" })).toBe("1\u00a0234\u00a0567,01\u00a0kr");
    expect(formatMoney({ amount: 5, currency: "sek" })).toBe("0,05\u00a0kr");
  });
  it("shows negatives and other currencies", () => {
    expect(formatMoney({ amount: -39920, currency: "sek" })).toBe("−399,20\u00a0kr");
    expect(formatMoney({ amount: 2500, currency: "eur" })).toBe("25,00\u00a0€");
  });
  it("refuses fractional amounts", () => {
    expect(() => formatMoney({ amount: 499.5, currency: "sek" })).toThrow(/integer/);
  });
});

describe("parseKronor", () => {
  it("reads kronor with comma or point decimals into öre", () => {
    expect(parseKronor("499")).toBe(49900);
    expect(parseKronor("99,50")).toBe(9950);
    expect(parseKronor("99.5")).toBe(9950);
    expect(parseKronor("1 299,00")).toBe(129900);
    expect(parseKronor("0,05")).toBe(5);
  });
  it("refuses what is not an amount", () => {
    for (const bad of ["", "abc", "-5", "1.234", "1e3", "12,3,4"]) expect(parseKronor(bad)).toBeNull();
  });
});

describe("kronorText", () => {
  it("writes öre the way a person types kronor, and parseKronor reads it back", () => {
    expect(kronorText(39920)).toBe("399,20");
    expect(kronorText(5)).toBe("0,05");
    expect(kronorText(123456789)).toBe("1234567,89");
    for (const amount of [0, 1, 99, 100, 39920, 123456789]) expect(parseKronor(kronorText(amount))).toBe(amount);
  });
});

describe("formatMoney by locale", () => {
  it("writes amounts the English way when English is chosen, exactly", () => {
    expect(formatMoney({ amount: 123456701, currency: "sek" }, "en-GB")).toBe("SEK\u00a01,234,567.01");
    expect(formatMoney({ amount: 2500, currency: "eur" }, "en-GB")).toBe("€25.00");
    expect(formatMoney({ amount: 900719925474099, currency: "sek" }, "en-GB")).toBe("SEK\u00a09,007,199,254,740.99");
  });
});
