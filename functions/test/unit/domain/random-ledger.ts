/**
 * A random but valid ledger history for property tests: fast-check generates commands, and
 * `replay` turns them into entries through the real builders, skipping commands that are not
 * valid in the state reached (refunding a payment that is fully reversed, paying out nothing),
 * the way the app would refuse them.
 */
import fc from "fast-check";
import {
  disputeCreatedEntry,
  disputeLostEntry,
  disputeWonEntry,
  holdReleaseEntry,
  payoutFailedEntry,
  payoutPaidEntry,
  payoutReserveEntry,
  platformPayoutEntry,
  programSaleEntry,
  refundEntry,
  stripeFeeEntry,
  subscriptionPaymentEntry,
  type RefundPolicy,
} from "../../../src/domain/ledger";
import type { LedgerEntry } from "../../../src/domain/ledger-entries";
import { applyEntry, emptyCoachBalance, type CoachBalance } from "../../../src/domain/balances";
import { paymentPosition, refundableAmount } from "../../../src/domain/payment-position";
import { splitFee } from "../../../src/domain/fee-split";
import type { Currency } from "../../../src/domain/money";

export const COACHES = ["c1", "c2"] as const;

export type Command =
  | {
      t: "sale";
      coach: number;
      currency: Currency;
      gross: number;
      bps: number;
      subscription: boolean;
    }
  | { t: "fee"; p: number; fee: number }
  | { t: "release"; p: number }
  | { t: "refund"; p: number; pct: number; policy: RefundPolicy["feeReversal"] }
  | { t: "dispute"; p: number; pct: number; fee: number; policy: RefundPolicy["feeReversal"] }
  | { t: "close"; d: number; won: boolean; feeBackPct: number }
  | { t: "reserve"; coach: number; currency: Currency; pct: number }
  | { t: "finish"; o: number; paid: boolean }
  | { t: "platformPayout"; currency: Currency; amount: number };

const currency = fc.constantFrom<Currency>("sek", "eur");
const policy = fc.constantFrom<RefundPolicy["feeReversal"]>("proportional", "none");
const index = fc.nat({ max: 50 });
const pct = fc.integer({ min: 1, max: 100 });

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant("sale" as const),
      coach: fc.nat({ max: 1 }),
      currency,
      gross: fc.integer({ min: 1, max: 200_000 }),
      bps: fc.integer({ min: 0, max: 10_000 }),
      subscription: fc.boolean(),
    }),
    weight: 4,
  },
  fc.record({ t: fc.constant("fee" as const), p: index, fee: fc.nat({ max: 900 }) }),
  { arbitrary: fc.record({ t: fc.constant("release" as const), p: index }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant("refund" as const), p: index, pct, policy }), weight: 2 },
  fc.record({
    t: fc.constant("dispute" as const),
    p: index,
    pct,
    fee: fc.nat({ max: 2_000 }),
    policy,
  }),
  {
    arbitrary: fc.record({
      t: fc.constant("close" as const),
      d: index,
      won: fc.boolean(),
      feeBackPct: fc.nat({ max: 100 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      t: fc.constant("reserve" as const),
      coach: fc.nat({ max: 1 }),
      currency,
      pct,
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ t: fc.constant("finish" as const), o: index, paid: fc.boolean() }),
    weight: 3,
  },
  fc.record({
    t: fc.constant("platformPayout" as const),
    currency,
    amount: fc.integer({ min: 1, max: 5_000 }),
  }),
);

/** Histories long enough to reach payouts and dispute outcomes, not just first sales. */
export const historyArb = fc.array(commandArb, { minLength: 1, maxLength: 60, size: "max" });

export interface Replayed {
  entries: LedgerEntry[];
  /** Balances kept incrementally, as the balance documents are. */
  balances: Map<string, CoachBalance>;
  paymentIds: string[];
}

const pick = <T>(list: readonly T[], i: number): T | undefined =>
  list.length === 0 ? undefined : list[i % list.length];
const part = (amount: number, percent: number): number =>
  Math.max(1, Math.floor((amount * percent) / 100));

/** Replays commands; `timeOf(i)` gives each entry's occurredAt. */
export function replay(
  commands: readonly Command[],
  timeOf: (i: number) => number = (i) => 1_700_000_000_000 + i * 1000,
): Replayed {
  const entries: LedgerEntry[] = [];
  const balances = new Map<string, CoachBalance>();
  const byPayment = new Map<string, LedgerEntry[]>();
  const paymentIds: string[] = [];
  const openDisputes: LedgerEntry[] = [];
  const openPayouts: { payoutId: string; coachId: string; amount: number; currency: Currency }[] =
    [];
  const balanceOf = (coachId: string, c: Currency): CoachBalance =>
    balances.get(`${coachId}|${c}`) ?? emptyCoachBalance(coachId, c);

  const push = (e: LedgerEntry | null): void => {
    if (!e) return;
    entries.push(e);
    if (e.refs.paymentId) byPayment.get(e.refs.paymentId)?.push(e);
    for (const coachId of COACHES) {
      balances.set(`${coachId}|${e.currency}`, applyEntry(balanceOf(coachId, e.currency), e));
    }
  };

  commands.forEach((cmd, i) => {
    const occurredAt = timeOf(i);
    switch (cmd.t) {
      case "sale": {
        const paymentId = `pi_${i}`;
        const gross = { amount: cmd.gross, currency: cmd.currency };
        byPayment.set(paymentId, []);
        paymentIds.push(paymentId);
        push(
          cmd.subscription
            ? subscriptionPaymentEntry({ paymentId, gross, occurredAt })
            : programSaleEntry({
                paymentId,
                coachId: COACHES[cmd.coach] ?? "c1",
                gross,
                fee: splitFee(gross, cmd.bps).fee,
                occurredAt,
              }),
        );
        break;
      }
      case "fee": {
        const id = pick(paymentIds, cmd.p);
        if (!id) return;
        const currencyOf = byPayment.get(id)?.[0]?.currency ?? "sek";
        push(
          stripeFeeEntry({
            sourceId: `txn_${i}`,
            paymentId: id,
            fee: { amount: cmd.fee, currency: currencyOf },
            occurredAt,
          }),
        );
        break;
      }
      case "release": {
        const id = pick(paymentIds, cmd.p);
        if (!id) return;
        push(holdReleaseEntry({ position: paymentPosition(byPayment.get(id) ?? []), occurredAt }));
        break;
      }
      case "refund":
      case "dispute": {
        const id = pick(paymentIds, cmd.p);
        if (!id) return;
        const position = paymentPosition(byPayment.get(id) ?? []);
        const left = refundableAmount(position);
        if (left <= 0) return;
        const amount = { amount: part(left, cmd.pct), currency: position.currency };
        if (cmd.t === "refund") {
          push(
            refundEntry({
              refundId: `re_${i}`,
              position,
              amount,
              policy: { feeReversal: cmd.policy },
              occurredAt,
            }),
          );
        } else {
          const created = disputeCreatedEntry({
            disputeId: `dp_${i}`,
            position,
            amount,
            disputeFee: { amount: cmd.fee, currency: position.currency },
            policy: { feeReversal: cmd.policy },
            occurredAt,
          });
          push(created);
          openDisputes.push(created);
        }
        break;
      }
      case "close": {
        if (openDisputes.length === 0) return;
        const [created] = openDisputes.splice(cmd.d % openDisputes.length, 1);
        if (!created) return;
        if (cmd.won) {
          const fee =
            created.postings.find((p) => p.account === "stripe:dispute_fees")?.amount ?? 0;
          push(
            disputeWonEntry({
              created,
              feeReturned: {
                amount: Math.floor((fee * cmd.feeBackPct) / 100),
                currency: created.currency,
              },
              occurredAt,
            }),
          );
        } else {
          push(disputeLostEntry({ created, occurredAt }));
        }
        break;
      }
      case "reserve": {
        const coachId = COACHES[cmd.coach] ?? "c1";
        const balance = balanceOf(coachId, cmd.currency);
        if (balance.available <= 0) return;
        const payoutId = `pay_${i}`;
        const amount = part(balance.available, cmd.pct);
        push(
          payoutReserveEntry({
            payoutId,
            coachId,
            amount: { amount, currency: cmd.currency },
            balance,
            occurredAt,
          }),
        );
        openPayouts.push({ payoutId, coachId, amount, currency: cmd.currency });
        break;
      }
      case "finish": {
        if (openPayouts.length === 0) return;
        const [p] = openPayouts.splice(cmd.o % openPayouts.length, 1);
        if (!p) return;
        const input = {
          payoutId: p.payoutId,
          coachId: p.coachId,
          amount: { amount: p.amount, currency: p.currency },
          stripePayoutId: `po_${i}`,
          occurredAt,
        };
        push(cmd.paid ? payoutPaidEntry(input) : payoutFailedEntry(input));
        break;
      }
      case "platformPayout":
        push(
          platformPayoutEntry({
            stripePayoutId: `po_platform_${i}`,
            amount: { amount: cmd.amount, currency: cmd.currency },
            occurredAt,
          }),
        );
        break;
    }
  });
  return { entries, balances, paymentIds };
}
