import { strict as assert } from "node:assert";
import {
  disputeCreatedEntry,
  disputeExcessEntry,
  disputeLostEntry,
  disputeWonEntry,
  holdReleaseEntry,
  payoutPaidEntry,
  payoutReserveEntry,
  platformPayoutEntry,
  platformPayoutFailedEntry,
  programSaleEntry,
  refundEntry,
  refundFailedEntry,
  settledRefundEntry,
  stripeFeeEntry,
  subscriptionPaymentEntry,
} from "../../../src/domain/ledger";
import { paymentPosition } from "../../../src/domain/payment-position";
import { emptyCoachBalance } from "../../../src/domain/balances";
import { money } from "../../../src/domain/money";
import { DomainError, type ErrorKind } from "../../../src/domain/errors";

// Every refusal names the input at fault (the callable maps it to the form field) and says
// in words what is wrong; these are what an admin or the payments code sees.

const T = Date.UTC(2026, 10, 22, 10);
const sek = (n: number) => money(n, "sek");
const eur = (n: number) => money(n, "eur");
const sale = programSaleEntry({ paymentId: "pi_1", coachId: "c1", gross: sek(49900), fee: sek(9980), occurredAt: T });
const position = paymentPosition([sale]);
const created = disputeCreatedEntry({ disputeId: "dp_1", position, amount: sek(49900), disputeFee: sek(15000), occurredAt: T });

function refuses(fn: () => unknown, kind: ErrorKind, field: string, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.kind, kind);
    assert.equal(e.field, field);
    assert.match(e.message, message);
    return true;
  });
}

describe("ledger refusals: amounts", () => {
  it("a sale needs a positive gross and a fee between 0 and the gross, in the gross's currency", () => {
    const base = { paymentId: "pi_9", coachId: "c1", occurredAt: T };
    refuses(() => programSaleEntry({ ...base, gross: sek(0), fee: sek(0) }), "invalid_input", "gross", /greater than 0/);
    refuses(() => programSaleEntry({ ...base, gross: sek(100), fee: sek(-1) }), "invalid_input", "fee", /must not be negative/);
    refuses(() => programSaleEntry({ ...base, gross: sek(100), fee: sek(101) }), "invalid_input", "fee", /exceed the gross/);
    refuses(() => programSaleEntry({ ...base, gross: sek(100), fee: eur(1) }), "invalid_input", "fee", /currency eur does not match sek/);
  });

  it("a subscription needs a positive gross; Stripe's fee must not be negative", () => {
    refuses(() => subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(-1), occurredAt: T }), "invalid_input", "gross", /greater than 0/);
    refuses(() => stripeFeeEntry({ sourceId: "txn_1", fee: sek(-1), occurredAt: T }), "invalid_input", "fee", /negative/);
  });

  it("payout steps and the platform's payouts need a positive amount", () => {
    const input = { payoutId: "pay_1", coachId: "c1", amount: sek(0), occurredAt: T };
    refuses(() => payoutPaidEntry(input), "invalid_input", "amount", /greater than 0/);
    refuses(() => platformPayoutEntry({ stripePayoutId: "po_1", amount: sek(0), occurredAt: T }), "invalid_input", "amount", /greater than 0/);
    refuses(() => platformPayoutFailedEntry({ stripePayoutId: "po_1", amount: sek(-5), occurredAt: T }), "invalid_input", "amount", /greater than 0/);
  });
});

describe("ledger refusals: refunds", () => {
  it("a refund beyond what is left of the payment says how much is left", () => {
    refuses(
      () => refundEntry({ refundId: "re_1", position, amount: sek(49901), occurredAt: T }),
      "invalid_input",
      "amount",
      /49901 exceeds what is left to reverse on payment pi_1 \(49900\)/,
    );
  });

  it("a settled refund needs a positive settled amount in the payment's currency and parts that are not negative", () => {
    const base = { refundId: "re_1", position, settled: sek(1000), coach: 800, platform: 200, occurredAt: T };
    refuses(() => settledRefundEntry({ ...base, settled: sek(0) }), "invalid_input", "settled", /greater than 0/);
    refuses(() => settledRefundEntry({ ...base, settled: eur(1000) }), "invalid_input", "settled", /currency eur does not match sek/);
    refuses(() => settledRefundEntry({ ...base, coach: -1 }), "invalid_input", "coach", /negative/);
    refuses(() => settledRefundEntry({ ...base, platform: -1 }), "invalid_input", "platform", /negative/);
  });

  it("a coach part on a payment without a coach is a broken precondition naming the payment", () => {
    const sub = paymentPosition([subscriptionPaymentEntry({ paymentId: "in_1", gross: sek(9900), occurredAt: T })]);
    refuses(
      () => settledRefundEntry({ refundId: "re_1", position: sub, settled: sek(1000), coach: 1, platform: 999, occurredAt: T }),
      "precondition",
      "coachId",
      /payment in_1 has no coach/,
    );
    // A program position that lost its coach (a corrupt document) cannot release a hold to nobody.
    const { coachId: _dropped, ...orphan } = position;
    refuses(() => holdReleaseEntry({ position: orphan, occurredAt: T }), "precondition", "coachId", /payment pi_1 has no coach/);
  });

  it("only a refund entry can fail as a refund", () => {
    refuses(() => refundFailedEntry({ refund: sale, occurredAt: T }), "invalid_input", "refund", /entry pi_1:capture is not a refund/);
  });
});

describe("ledger refusals: disputes", () => {
  it("a dispute needs a positive amount and a dispute fee in the payment's currency, and settled figures that are not negative", () => {
    const base = { disputeId: "dp_2", position, amount: sek(1000), disputeFee: sek(1500), occurredAt: T };
    refuses(() => disputeCreatedEntry({ ...base, amount: sek(0) }), "invalid_input", "amount", /greater than 0/);
    refuses(() => disputeCreatedEntry({ ...base, disputeFee: eur(1500) }), "invalid_input", "disputeFee", /currency eur does not match sek/);
    refuses(() => disputeCreatedEntry({ ...base, disputeFee: sek(-1) }), "invalid_input", "disputeFee", /negative/);
    refuses(() => disputeCreatedEntry({ ...base, settled: { withdrawn: -1, coach: 0 } }), "invalid_input", "settled.withdrawn", /negative/);
    refuses(() => disputeCreatedEntry({ ...base, settled: { withdrawn: 1000, coach: -1 } }), "invalid_input", "settled.coach", /negative/);
  });

  it("a dispute excess needs a positive amount in the payment's currency", () => {
    const base = { disputeId: "dp_2", position, returned: false, occurredAt: T };
    refuses(() => disputeExcessEntry({ ...base, amount: sek(0) }), "invalid_input", "amount", /greater than 0/);
    refuses(() => disputeExcessEntry({ ...base, amount: eur(10) }), "invalid_input", "amount", /currency eur does not match sek/);
  });

  it("a dispute can only be won or lost from its dispute_created entry", () => {
    refuses(() => disputeWonEntry({ created: sale, occurredAt: T }), "invalid_input", "created", /entry pi_1:capture is not a dispute_created entry/);
    refuses(() => disputeLostEntry({ created: sale, occurredAt: T }), "invalid_input", "created", /not a dispute_created entry/);
  });

  it("what a won dispute returns must be in the dispute's currency and not negative", () => {
    refuses(() => disputeWonEntry({ created, reinstated: eur(49900), occurredAt: T }), "invalid_input", "reinstated", /currency eur does not match sek/);
    refuses(() => disputeWonEntry({ created, reinstated: sek(-1), occurredAt: T }), "invalid_input", "reinstated", /negative/);
    // Nothing back for the sale's part (a converted charge's reinstatement all beyond the sale) is a loss, not an error.
    assert.equal(disputeWonEntry({ created, reinstated: sek(0), occurredAt: T }).postings.find((p) => p.account === "platform:stripe_balance")?.amount ?? 0, 0);
    refuses(() => disputeWonEntry({ created, coachReturned: -1, occurredAt: T }), "invalid_input", "coachReturned", /negative/);
    refuses(() => disputeWonEntry({ created, feeReturned: sek(-1), occurredAt: T }), "invalid_input", "feeReturned", /negative/);
    refuses(() => disputeWonEntry({ created, feeReturned: eur(100), occurredAt: T }), "invalid_input", "feeReturned", /currency eur does not match sek/);
    refuses(() => disputeWonEntry({ created, feeReturned: sek(15001), occurredAt: T }), "invalid_input", "feeReturned", /exceeds the dispute fee withdrawn \(15000\)/);
  });
});

describe("ledger refusals: payout reserves", () => {
  const balance = { ...emptyCoachBalance("c1", "sek"), available: 20000 };
  const input = { payoutId: "pay_1", coachId: "c1", amount: sek(15000), balance, occurredAt: T };

  it("refuses a balance of another coach or currency", () => {
    refuses(() => payoutReserveEntry({ ...input, coachId: "c2" }), "invalid_input", "balance", /another coach or currency/);
    refuses(() => payoutReserveEntry({ ...input, amount: eur(15000) }), "invalid_input", "balance", /another coach or currency/);
  });

  it("refuses an attempt that is not a whole number from 1", () => {
    for (const attempt of [0, -1, 1.5, Number.NaN]) {
      refuses(() => payoutReserveEntry({ ...input, attempt }), "invalid_input", "attempt", /must be an integer >= 1/);
    }
    assert.equal(payoutReserveEntry({ ...input, attempt: 2 }).id, "pay_1:reserve:2");
  });

  it("says how much is available when the payout is larger", () => {
    refuses(
      () => payoutReserveEntry({ ...input, amount: sek(20001) }),
      "precondition",
      "amount",
      /payout of 20001 exceeds the available balance 20000/,
    );
  });
});
