import assert from "node:assert/strict";
import { saveProgram } from "../../../src/app/catalogue/save-program";
import { DomainError } from "../../../src/domain/errors";
import { FakePaymentsGateway } from "../../fakes/fake-payments-gateway";
import { InMemoryCatalogue } from "../../fakes/in-memory-payment-stores";

function setup() {
  const catalogue = new InMemoryCatalogue();
  const gateway = new FakePaymentsGateway();
  let n = 0;
  return {
    catalogue,
    gateway,
    deps: {
      catalogue,
      gateway,
      ids: { next: (p: string) => `${p}_${++n}` },
      coachName: async () => "Corinna",
    },
  };
}
const coach = { uid: "coach-1", role: "coach" as const, email: null };
const base = {
  title: "Mindful Mornings",
  description: "",
  price: { amount: 49900, currency: "sek" },
  active: true,
};

describe("saveProgram", () => {
  it("creates a program and mirrors its price to Stripe at once", async () => {
    const s = setup();
    const r = await saveProgram(s.deps, coach, base);
    const p = s.catalogue.programs.get(r.programId)!;
    assert.equal(p.coachId, "coach-1");
    assert.equal(p.coachName, "Corinna");
    assert.equal(p.stripePriceId, r.stripePriceId);
    assert.equal(p.stripePriceVersion, 1);
    assert.equal(s.gateway.count("createProductWithPrice"), 1);
  });

  it("a price change makes a new price version and a new Stripe price; a title change does not", async () => {
    const s = setup();
    const { programId } = await saveProgram(s.deps, coach, base);
    await saveProgram(s.deps, coach, { ...base, programId, title: "Mindful Mornings 2" });
    assert.equal(s.catalogue.programs.get(programId)?.priceVersion, 1);
    const r = await saveProgram(s.deps, coach, {
      ...base,
      programId,
      price: { amount: 59900, currency: "sek" },
    });
    assert.equal(r.priceVersion, 2);
    assert.equal(s.gateway.count("createProductWithPrice"), 2);
    assert.equal(s.catalogue.programs.get(programId)?.stripePriceVersion, 2);
  });

  it("keeps coaches to their own programs and customers out", async () => {
    const s = setup();
    const { programId } = await saveProgram(s.deps, coach, base);
    await assert.rejects(
      saveProgram(s.deps, { uid: "coach-2", role: "coach", email: null }, { ...base, programId }),
      (e: unknown) => e instanceof DomainError && e.kind === "permission",
    );
    await assert.rejects(
      saveProgram(s.deps, { uid: "u", role: "customer", email: null }, base),
      (e: unknown) => e instanceof DomainError && e.kind === "permission",
    );
    await assert.rejects(
      saveProgram(s.deps, coach, { ...base, coachId: "coach-2" }),
      (e: unknown) => e instanceof DomainError && e.field === "coachId",
    );
  });

  it("refuses fractional, tiny or unknown-currency prices, naming the field, and writes nothing", async () => {
    const s = setup();
    for (const price of [
      { amount: 499.5, currency: "sek" },
      { amount: 100, currency: "sek" },
      { amount: 49900, currency: "xyz" },
    ]) {
      await assert.rejects(
        saveProgram(s.deps, coach, { ...base, price }),
        (e: unknown) =>
          e instanceof DomainError &&
          e.kind === "invalid_input" &&
          /price|currency/.test(e.field ?? ""),
      );
    }
    assert.equal(s.catalogue.programs.size, 0);
    assert.equal(s.gateway.calls.length, 0);
  });

  it("holds each currency to Stripe's own minimum: 3.00 SEK, 0.50 EUR, 2.50 DKK, exactly at it accepted", async () => {
    const s = setup();
    const cases: [number, string, boolean][] = [
      [299, "sek", false],
      [300, "sek", true],
      [49, "eur", false],
      [50, "eur", true],
      [249, "dkk", false],
      [250, "dkk", true],
    ];
    for (const [amount, currency, ok] of cases) {
      const attempt = saveProgram(s.deps, coach, { ...base, price: { amount, currency } });
      if (ok) await attempt;
      else
        await assert.rejects(attempt, (e: unknown) => {
          assert.ok(e instanceof DomainError);
          assert.equal(e.field, "price.amount");
          assert.match(e.message, new RegExp(`at least \\d+\\.\\d\\d ${currency.toUpperCase()}`));
          return true;
        });
    }
    assert.equal(s.catalogue.programs.size, 3);
  });
});
