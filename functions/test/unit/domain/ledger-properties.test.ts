import { strict as assert } from "node:assert";
import fc from "fast-check";
import { assertBalanced, type LedgerEntry } from "../../../src/domain/ledger-entries";
import { accountTotals, balanceFromEntries } from "../../../src/domain/balances";
import { paymentPosition, type PaymentPosition } from "../../../src/domain/payment-position";
import type { Currency } from "../../../src/domain/money";
import { COACHES, historyArb, replay } from "./random-ledger";

const RUNS = { numRuns: 200 };
const history = historyArb;

function positions(entries: LedgerEntry[], paymentIds: string[]): PaymentPosition[] {
  return paymentIds.map((id) => paymentPosition(entries.filter((e) => e.refs.paymentId === id)));
}

describe("ledger properties (random histories)", () => {
  it("every entry is balanced and every id is unique", () => {
    fc.assert(
      fc.property(history, (cmds) => {
        const { entries } = replay(cmds);
        for (const e of entries) assertBalanced(e);
        assert.equal(new Set(entries.map((e) => e.id)).size, entries.length);
      }),
      RUNS,
    );
  });

  it("running balance documents equal the balances replayed from scratch", () => {
    fc.assert(
      fc.property(history, (cmds) => {
        const { entries, balances } = replay(cmds);
        for (const b of balances.values()) {
          assert.deepEqual(balanceFromEntries(b.coachId, b.currency, entries), b);
        }
      }),
      RUNS,
    );
  });

  it("refunds and disputes never reverse more than was paid, nor more than each party got", () => {
    fc.assert(
      fc.property(history, (cmds) => {
        const { entries, paymentIds } = replay(cmds);
        for (const p of positions(entries, paymentIds)) {
          assert.ok(p.reversedGross >= 0 && p.reversedGross <= p.gross, `gross ${p.paymentId}`);
          assert.ok(
            p.reversedPlatform >= 0 && p.reversedPlatform <= p.platformPart,
            `platform ${p.paymentId}`,
          );
          assert.ok(
            p.reversedCoach >= 0 && p.reversedCoach <= p.coachShare,
            `coach ${p.paymentId}`,
          );
          assert.equal(p.reversedPlatform + p.reversedCoach, p.reversedGross);
          assert.ok(
            p.heldCoach >= 0 && p.heldCoach <= p.coachShare - p.reversedCoach,
            `held ${p.paymentId}`,
          );
        }
      }),
      RUNS,
    );
  });

  it("no money is created or lost: every account agrees with the payments' own figures", () => {
    fc.assert(
      fc.property(history, (cmds) => {
        const { entries, paymentIds } = replay(cmds);
        const totals = accountTotals(entries);
        const get = (c: Currency, account: string) => totals.get(`${c}|${account}`) ?? 0;
        const ps = positions(entries, paymentIds);
        for (const c of ["sek", "eur"] as const) {
          const mine = ps.filter((p) => p.currency === c);
          // The whole currency nets to zero: double entry.
          let all = 0;
          for (const [key, value] of totals) if (key.startsWith(`${c}|`)) all += value;
          assert.equal(all, 0);
          // Each coach holds exactly their shares minus what was reversed, wherever it sits.
          for (const coachId of COACHES) {
            const b = balanceFromEntries(coachId, c, entries);
            const owed = mine
              .filter((p) => p.coachId === coachId)
              .reduce((s, p) => s + p.coachShare - p.reversedCoach, 0);
            assert.equal(b.held + b.available + b.inPayout + b.paid, owed);
          }
          // The platform keeps its parts minus reversals; open disputes sit in suspense.
          const platformKept = mine.reduce((s, p) => s + p.platformPart - p.reversedPlatform, 0);
          assert.equal(
            0 -
              get(c, "platform:fees") -
              get(c, "platform:subscriptions") -
              get(c, "platform:disputes"),
            platformKept,
          );
          // Stripe holds what was paid minus reversals, fees and the platform's own payouts.
          const netPaid = mine.reduce((s, p) => s + p.gross - p.reversedGross, 0);
          assert.equal(
            get(c, "platform:stripe_balance"),
            netPaid -
              get(c, "stripe:fees") -
              get(c, "stripe:dispute_fees") -
              get(c, "platform:bank"),
          );
        }
      }),
      RUNS,
    );
  });

  it("a fully reversed payment leaves nothing behind for coach or platform", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }),
        (gross, bps, pcts) => {
          const cmds = [
            {
              t: "sale" as const,
              coach: 0,
              currency: "sek" as const,
              gross,
              bps,
              subscription: false,
            },
            ...pcts.map((pct) => ({
              t: "refund" as const,
              p: 0,
              pct,
              policy: "proportional" as const,
            })),
            { t: "refund" as const, p: 0, pct: 100, policy: "proportional" as const },
          ];
          const { entries } = replay(cmds);
          const totals = accountTotals(entries);
          assert.equal(totals.get("sek|platform:fees") ?? 0, 0);
          assert.equal(totals.get("sek|platform:stripe_balance"), 0);
          const b = balanceFromEntries("c1", "sek", entries);
          assert.equal(b.held + b.available, 0);
        },
      ),
      RUNS,
    );
  });
});
