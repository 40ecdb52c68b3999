import { strict as assert } from "node:assert";
import { accountRole, basAccountFor, DEFAULT_BAS_MAPPING, validateMapping, type BasMapping } from "../../../src/domain/accounting-mapping";
import { DomainError } from "../../../src/domain/errors";

// Where each ledger account is booked in Fortnox, which account numbers a mapping accepts,
// and how a row names its account.

const distinct: BasMapping = {
  clearing: 1580,
  coachLiability: 2890,
  coachPaid: 1581,
  commissionRevenue: 3041,
  subscriptionRevenue: 3042,
  outputVat: 2611,
  vatBps: 2500,
  paymentFees: 6570,
  disputeSuspense: 1582,
  bank: 1930,
  exchangeGain: 3960,
  exchangeLoss: 7960,
};

describe("BAS mapping targets", () => {
  it("books every ledger account to its own mapping field", () => {
    const targets = Object.fromEntries(
      [
        "platform:stripe_balance",
        "platform:fees",
        "platform:subscriptions",
        "platform:disputes",
        "platform:bank",
        "platform:fx",
        "stripe:fees",
        "stripe:dispute_fees",
        "coach:c1:held",
        "coach:c1:available",
        "coach:c1:in_payout",
        "coach:c1:paid",
      ].map((a) => [a, basAccountFor(a, distinct)]),
    );
    assert.deepEqual(targets, {
      "platform:stripe_balance": { kind: "plain", account: 1580 },
      "platform:fees": { kind: "vat_inclusive", account: 3041 },
      "platform:subscriptions": { kind: "vat_inclusive", account: 3042 },
      "platform:disputes": { kind: "plain", account: 1582 },
      "platform:bank": { kind: "plain", account: 1930 },
      "platform:fx": { kind: "fx" },
      "stripe:fees": { kind: "plain", account: 6570 },
      "stripe:dispute_fees": { kind: "plain", account: 6570 },
      "coach:c1:held": { kind: "plain", account: 2890 },
      "coach:c1:available": { kind: "plain", account: 2890 },
      "coach:c1:in_payout": { kind: "plain", account: 2890 },
      "coach:c1:paid": { kind: "plain", account: 1581 },
    });
  });

  it("refuses a ledger account it does not know, naming it", () => {
    assert.throws(() => basAccountFor("platform:cash", distinct), (e: unknown) => e instanceof DomainError && e.field === "account" && /platform:cash/.test(e.message));
  });

  it("accepts four-digit accounts 1000 to 9999 only, saying what it got", () => {
    for (const clearing of [1000, 9999]) assert.doesNotThrow(() => validateMapping({ ...distinct, clearing }));
    for (const clearing of [999, 10000, 1580.5]) {
      assert.throws(
        () => validateMapping({ ...distinct, clearing }),
        (e: unknown) =>
          e instanceof DomainError &&
          e.field === "mapping.clearing" &&
          e.message.includes(`must be a BAS account number between 1000 and 9999, got ${clearing}`),
      );
    }
    assert.throws(
      () => validateMapping({ ...distinct, vatBps: 2000 }),
      (e: unknown) => e instanceof DomainError && /must be a Swedish VAT rate: .*got 2000/.test(e.message),
    );
  });

  it("names each mapped account's role, and an unmapped one by its number", () => {
    assert.deepEqual(
      [1580, 2890, 3041, 3042, 2611, 6570, 1930, 3960, 7960, 1582, 4010].map((a) => accountRole(a, distinct)),
      [
        "kortfordran hos Stripe",
        "skuld till coacher",
        "provision exkl. moms",
        "prenumerationer exkl. moms",
        "utgående moms 25 % per försäljning",
        "Stripe-avgifter",
        "bank",
        "kursvinst",
        "kursförlust",
        "medel i tvist",
        "konto 4010",
      ],
    );
    assert.equal(accountRole(2611, { ...distinct, vatBps: 1200 }), "utgående moms 12 % per försäljning");
  });

  it("the default mapping books subscriptions and commission to one revenue account", () => {
    assert.equal(basAccountFor("platform:subscriptions", DEFAULT_BAS_MAPPING).kind, "vat_inclusive");
    assert.equal(accountRole(3041, DEFAULT_BAS_MAPPING), "provision exkl. moms");
  });
});
