/**
 * The three sides of a day, as figures per BAS account, and how they compare. Pure: the use
 * case (reconcile-books.ts) reads the sides and hands them here.
 *
 * Signs: debit positive, minor units of the day's currency, as ledger postings are signed.
 *
 * What Stripe can speak to (the rest of the chart is the ledger's and Fortnox's alone):
 * - the clearing account (1580): money at Stripe moved by the sum of every account's balance
 *   transactions of the day (platform and connected accounts), except payouts, which count
 *   on the day they arrive at the bank, as Kassa books them when Stripe says "paid";
 *   compared with the ledger's platform:stripe_balance and the coaches' paid accounts, i.e.
 *   1580 without funds held for open disputes (a claim on Stripe, not money at Stripe).
 * - the coaches' liability (2890): minus the connected accounts' balance transactions of the
 *   day (payouts again on arrival), compared with held + available + in_payout.
 * - payment fees (6570): Stripe's processing fees in the day's balance transactions.
 */
import { vatPart } from "../../domain/fee-split";
import { parseAccount } from "../../domain/ledger-accounts";
import type { LedgerEntry } from "../../domain/ledger-entries";
import type { Currency } from "../../domain/money";
import type { StripeBalanceTxn, StripePayoutInFlight } from "../../ports/balance-transactions";
import type { BasAccountRow, CheckState } from "../../ports/books-reconciliation-store";

/** Where a ledger account lands in the chart; vatInclusive revenue is split per entry (per sale). */
export type BasTarget = {
  account: number;
  vatInclusive: boolean;
  /** Exchange differences: the sync nets them per voucher (flow) into a gain or a loss, so the day's figure does too. */
  nettedPerVoucher?: boolean;
};

export interface ChartMapping {
  /** `amount` decides gain or loss for exchange differences; other accounts ignore it. */
  target(ledgerAccount: string, amount?: number): BasTarget;
  outputVat: number;
  vatBps: number;
  clearing: number;
  coachLiability: number;
  paymentFees: number;
}

const add = (m: Map<number, number>, account: number, amount: number): void => {
  if (amount !== 0) m.set(account, (m.get(account) ?? 0) + amount);
};

/** The ledger's postings of the day per BAS account, VAT split out of each entry's revenue (rounded per sale, as the receipt shows it). */
export function ledgerByBas(entries: readonly LedgerEntry[], currency: Currency, chart: ChartMapping): Map<number, number> {
  const out = new Map<number, number>();
  const netted = new Map<string, { account: string; amount: number }>();
  for (const e of entries) {
    if (e.currency !== currency) continue;
    for (const p of e.postings) {
      const t = chart.target(p.account, p.amount);
      if (t.nettedPerVoucher) {
        const key = `${e.flow}|${p.account}`;
        netted.set(key, { account: p.account, amount: (netted.get(key)?.amount ?? 0) + p.amount });
        continue;
      }
      if (!t.vatInclusive) {
        add(out, t.account, p.amount);
        continue;
      }
      const split = vatPart({ amount: p.amount, currency }, chart.vatBps);
      add(out, t.account, split.net.amount);
      add(out, chart.outputVat, split.vat.amount);
    }
  }
  for (const n of netted.values()) add(out, chart.target(n.account, n.amount).account, n.amount);
  return out;
}

/** The ledger in the terms Stripe's figures have (see the header). */
export function ledgerForStripe(entries: readonly LedgerEntry[], currency: Currency): { clearing: number; coachLiability: number; paymentFees: number } {
  const out = { clearing: 0, coachLiability: 0, paymentFees: 0 };
  for (const e of entries) {
    if (e.currency !== currency) continue;
    for (const p of e.postings) {
      const a = parseAccount(p.account);
      if (a.kind === "coach") {
        if (a.bucket === "paid") out.clearing += p.amount;
        else out.coachLiability += p.amount;
      } else if (a.account === "platform:stripe_balance") out.clearing += p.amount;
      else if (a.account === "stripe:fees" || a.account === "stripe:dispute_fees") out.paymentFees += p.amount;
    }
  }
  return out;
}

/** Fortnox's rows per BAS account (debit - credit). */
export function fortnoxByBas(rows: readonly { account: number; debit: number; credit: number }[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of rows) add(out, r.account, r.debit - r.credit);
  return out;
}

export const PAYOUT_TXN_TYPES: ReadonlySet<string> = new Set(["payout", "payout_cancel", "payout_failure", "payout_minimum_balance_hold", "payout_minimum_balance_release"]);

export interface StripeDayFigures {
  clearing: number;
  coachLiability: number;
  paymentFees: number;
  transactions: number;
}

/** Stripe's side of the day [fromMs, toMs) in `currency`, from every account's transactions and payouts. */
export function stripeDayFigures(
  txns: readonly StripeBalanceTxn[],
  payouts: readonly StripePayoutInFlight[],
  currency: Currency,
  fromMs: number,
  toMs: number,
): StripeDayFigures {
  const out: StripeDayFigures = { clearing: 0, coachLiability: 0, paymentFees: 0, transactions: 0 };
  for (const t of txns) {
    if (t.currency !== currency || t.createdMs < fromMs || t.createdMs >= toMs) continue;
    out.transactions++;
    out.paymentFees += t.stripeFee;
    if (PAYOUT_TXN_TYPES.has(t.type)) continue;
    out.clearing += t.net;
    if (t.accountId !== null) out.coachLiability -= t.net;
  }
  for (const p of payouts) {
    if (p.currency !== currency || p.status !== "paid" || p.arrivalMs < fromMs || p.arrivalMs >= toMs) continue;
    out.clearing -= p.amount;
    if (p.accountId !== null) out.coachLiability += p.amount;
  }
  return out;
}

/** Payouts Stripe had taken out of the balance at `atMs` that had not reached the bank yet. */
export function inTransitAt(payouts: readonly StripePayoutInFlight[], currency: Currency, atMs: number): number {
  let total = 0;
  for (const p of payouts) {
    if (p.currency !== currency || p.createdMs >= atMs) continue;
    const done = p.status === "paid" || p.status === "failed" || p.status === "canceled";
    if (done && p.arrivalMs < atMs) continue;
    total += p.amount;
  }
  return total;
}

const stateOf = (diffs: (number | null)[], expected: boolean[]): CheckState => {
  if (diffs.some((d) => d !== null && d !== 0)) return "difference";
  return diffs.every((d, i) => d !== null || !expected[i]) ? "ok" : "not_checked";
};

/** One row per BAS account any side moved, in account order. */
export function basRows(input: {
  ledger: Map<number, number>;
  fortnox: Map<number, number> | null;
  stripe: StripeDayFigures | null;
  ledgerStripe: { clearing: number; coachLiability: number; paymentFees: number };
  chart: ChartMapping;
}): BasAccountRow[] {
  const { ledger, fortnox, stripe, ledgerStripe, chart } = input;
  const stripeRows = new Map<number, { stripe: number | null; ledger: number; basis: string }>([
    [chart.clearing, { stripe: stripe?.clearing ?? null, ledger: ledgerStripe.clearing, basis: "sum of every account's balance transactions, payouts on arrival" }],
    [chart.coachLiability, { stripe: stripe === null ? null : stripe.coachLiability, ledger: ledgerStripe.coachLiability, basis: "connected accounts' balance transactions, payouts on arrival" }],
    [chart.paymentFees, { stripe: stripe?.paymentFees ?? null, ledger: ledgerStripe.paymentFees, basis: "Stripe's processing fees in the day's transactions" }],
  ]);
  const accounts = new Set<number>([...ledger.keys(), ...(fortnox?.keys() ?? [])]);
  for (const [account, s] of stripeRows) if ((s.stripe ?? 0) !== 0 || s.ledger !== 0) accounts.add(account);
  return [...accounts]
    .sort((a, b) => a - b)
    .map((account): BasAccountRow => {
      const l = ledger.get(account) ?? 0;
      const f = fortnox === null ? null : (fortnox.get(account) ?? 0);
      const s = stripeRows.get(account);
      const fortnoxDifference = f === null ? null : f - l;
      const stripeDifference = s && s.stripe !== null ? s.stripe - s.ledger : null;
      return {
        account,
        ledger: l,
        fortnox: f,
        stripe: s?.stripe ?? null,
        ledgerForStripe: s && s.ledger !== l ? s.ledger : null,
        stripeBasis: s?.basis ?? null,
        fortnoxDifference,
        stripeDifference,
        state: stateOf([fortnoxDifference, stripeDifference], [true, s !== undefined]),
      };
    });
}

/** Σ postings on the coach's held, available and in_payout after `afterMs`: what to take back off a balance read now. */
export function coachMovementAfter(entries: readonly LedgerEntry[], currency: Currency, afterMs: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    if (e.currency !== currency || e.occurredAt < afterMs) continue;
    for (const p of e.postings) {
      const a = parseAccount(p.account);
      if (a.kind === "coach" && a.bucket !== "paid") out.set(a.coachId, (out.get(a.coachId) ?? 0) - p.amount);
    }
  }
  return out;
}
