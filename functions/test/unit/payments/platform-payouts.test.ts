/**
 * The platform's own Stripe payouts to its bank (events without `account`): what the ledger
 * books for paid, failed and cancelled payouts, the note each event leaves, and that payout
 * events from a coach's account go to the coach handler instead.
 */
import assert from "node:assert/strict";
import { withPlatformPayouts } from "../../../src/app/payments/platform-payouts";
import type { EventHandlers } from "../../../src/app/stripe-events/event";
import { DomainError } from "../../../src/domain/errors";
import type { StripeEventRecord } from "../../../src/ports/event-store";
import { InMemoryMoneyStore } from "../../fakes/in-memory-money-store";

const payout = (
  type: string,
  object: Record<string, unknown>,
  extra: Partial<StripeEventRecord> = {},
): StripeEventRecord => ({
  id: `evt_${type}`,
  type,
  account: null,
  created: 1_795_000_000,
  livemode: false,
  data: { object },
  ...extra,
});

function setup(coach: EventHandlers = {}) {
  const money = new InMemoryMoneyStore();
  const handlers = withPlatformPayouts(
    { "other.event": async () => ({ result: "processed", note: "other" }), ...coach },
    money,
  );
  const handle = (e: StripeEventRecord) => handlers[e.type]!(e);
  return { money, handlers, handle };
}

const po = { id: "po_1", amount: 120000, currency: "SEK" };

describe("withPlatformPayouts: the platform's payouts to its bank", () => {
  it("payout.paid books bank/Stripe balance once, dated by the event", async () => {
    const s = setup();
    assert.deepEqual(await s.handle(payout("payout.paid", po)), {
      result: "processed",
      note: "booked platform payout po_1 to the bank",
    });
    const e = s.money.entries.get("po_1:platform_paid")!;
    assert.equal(e.currency, "sek");
    assert.equal(e.occurredAt, 1_795_000_000_000);
    assert.deepEqual(
      e.postings.map((p) => [p.account, p.amount]),
      [
        ["platform:bank", 120000],
        ["platform:stripe_balance", -120000],
      ],
    );
    assert.deepEqual(await s.handle(payout("payout.paid", po)), {
      result: "processed",
      note: "platform payout po_1 already booked",
    });
    assert.equal(s.money.entries.size, 1);
  });

  for (const type of ["payout.failed", "payout.canceled"]) {
    const word = type.slice(7);
    it(`${type} before it was paid books nothing`, async () => {
      const s = setup();
      assert.deepEqual(await s.handle(payout(type, po)), {
        result: "processed",
        note: `platform payout po_1 ${word} before it was paid: nothing to book`,
      });
      assert.equal(s.money.entries.size, 0);
    });

    it(`${type} after it was paid puts the money back on the Stripe balance, once`, async () => {
      const s = setup();
      await s.handle(payout("payout.paid", po));
      assert.deepEqual(await s.handle(payout(type, po, { created: 1_795_100_000 })), {
        result: "processed",
        note: "platform payout po_1 came back from the bank",
      });
      const back = s.money.entries.get("po_1:platform_failed")!;
      assert.equal(back.occurredAt, 1_795_100_000_000);
      assert.deepEqual(
        back.postings.map((p) => [p.account, p.amount]),
        [
          ["platform:stripe_balance", 120000],
          ["platform:bank", -120000],
        ],
      );
      assert.deepEqual(await s.handle(payout(type, po)), {
        result: "processed",
        note: "platform payout po_1 return already booked",
      });
      assert.equal(s.money.entries.size, 2);
    });
  }

  it("ignores a payout without an id or a positive amount", async () => {
    const s = setup();
    for (const o of [
      { amount: 100, currency: "sek" },
      { id: "po_1", currency: "sek" },
      { ...po, amount: 0 },
      { ...po, amount: -5 },
    ])
      assert.deepEqual(await s.handle(payout("payout.paid", o)), {
        result: "ignored",
        note: "payout.paid without a payout id or amount",
      });
    assert.equal(s.money.entries.size, 0);
  });

  it("a one-minor-unit payout is booked", async () => {
    const s = setup();
    await s.handle(payout("payout.paid", { ...po, amount: 1 }));
    assert.equal(s.money.entries.size, 1);
  });

  it("refuses a currency Kassa does not book, naming the field", async () => {
    const s = setup();
    await assert.rejects(
      s.handle(payout("payout.paid", { ...po, currency: "xyz" })),
      (e: unknown) =>
        e instanceof DomainError && e.kind === "invalid_input" && e.field === "currency",
    );
    assert.equal(s.money.entries.size, 0);
  });

  it("a coach account's payout events go to the coach handlers, or are ignored without one", async () => {
    const seen: string[] = [];
    const s = setup({
      "payout.paid": async (e) => {
        seen.push(`${e.type}@${e.account}`);
        return { result: "processed", note: "coach payout" };
      },
    });
    assert.deepEqual(await s.handle(payout("payout.paid", po, { account: "acct_coach" })), {
      result: "processed",
      note: "coach payout",
    });
    assert.deepEqual(await s.handle(payout("payout.failed", po, { account: "acct_coach" })), {
      result: "ignored",
      note: "no handler for coach payout.failed",
    });
    assert.deepEqual(await s.handle(payout("payout.canceled", po, { account: "acct_coach" })), {
      result: "ignored",
      note: "no handler for coach payout.canceled",
    });
    assert.deepEqual(seen, ["payout.paid@acct_coach"]);
    assert.equal(s.money.entries.size, 0);
  });

  it("an event without the account field at all is the platform's; other handlers stay", async () => {
    const s = setup({ "payout.paid": async () => ({ result: "processed", note: "coach payout" }) });
    const e = payout("payout.paid", po);
    delete (e as Partial<StripeEventRecord>).account;
    assert.equal((await s.handle(e)).note, "booked platform payout po_1 to the bank");
    assert.deepEqual(await s.handlers["other.event"]!(e), { result: "processed", note: "other" });
  });
});
