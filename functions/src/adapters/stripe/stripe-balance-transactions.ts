/**
 * BalanceTransactionReader over the Stripe SDK: the platform's own records (no Stripe-Account
 * header) and each connected account's (header set). Lists are read newest first, page by page
 * (100 a page, Stripe's maximum), until a page reaches back past the start: the `created`
 * filter would do the same on Stripe but the local sandbox does not model it.
 */
import type Stripe from "stripe";
import { isCurrency, type Currency } from "../../domain/money";
import type { BalanceTransactionReader, StripeBalanceTxn, StripePayoutInFlight } from "../../ports/balance-transactions";
import { stripeCall } from "./stripe-errors";

const PAGE = 100;

const on = (accountId: string | null): Stripe.RequestOptions => (accountId ? { stripeAccount: accountId } : {});

export function balanceTxnOf(t: Stripe.BalanceTransaction, accountId: string | null): StripeBalanceTxn | null {
  const currency = t.currency.toLowerCase();
  if (!isCurrency(currency)) return null;
  return {
    id: t.id,
    accountId,
    type: t.type,
    currency,
    amount: t.amount,
    net: t.net,
    stripeFee: t.fee_details.filter((f) => f.type === "stripe_fee").reduce((s, f) => s + f.amount, 0),
    createdMs: t.created * 1000,
  };
}

export function payoutOf(p: Stripe.Payout, accountId: string | null): StripePayoutInFlight | null {
  const currency = p.currency.toLowerCase();
  if (!isCurrency(currency)) return null;
  return { id: p.id, accountId, currency, amount: p.amount, createdMs: p.created * 1000, status: p.status, arrivalMs: p.arrival_date * 1000 };
}

export class StripeBalanceTransactions implements BalanceTransactionReader {
  constructor(private readonly stripe: Stripe) {}

  async transactionsSince(accountId: string | null, sinceMs: number): Promise<StripeBalanceTxn[]> {
    const out: StripeBalanceTxn[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await stripeCall("list balance transactions", () =>
        this.stripe.balanceTransactions.list({ limit: PAGE, ...(after ? { starting_after: after } : {}) }, on(accountId)),
      );
      let reachedStart = false;
      for (const t of page.data) {
        if (t.created * 1000 < sinceMs) {
          reachedStart = true;
          break;
        }
        const txn = balanceTxnOf(t, accountId);
        if (txn) out.push(txn);
      }
      after = page.data.at(-1)?.id;
      if (reachedStart || !page.has_more || !after) return out;
    }
  }

  async balance(accountId: string | null): Promise<Partial<Record<Currency, number>>> {
    const b = await stripeCall("retrieve balance", () => this.stripe.balance.retrieve({}, on(accountId)));
    const out: Partial<Record<Currency, number>> = {};
    for (const part of [...b.available, ...b.pending]) {
      const currency = part.currency.toLowerCase();
      if (isCurrency(currency)) out[currency] = (out[currency] ?? 0) + part.amount;
    }
    return out;
  }

  async recentPayouts(accountId: string | null, sinceMs: number): Promise<StripePayoutInFlight[]> {
    const found = new Map<string, StripePayoutInFlight>();
    const keep = (p: Stripe.Payout) => {
      const mapped = payoutOf(p, accountId);
      if (mapped) found.set(mapped.id, mapped);
    };
    let after: string | undefined;
    for (;;) {
      const page = await stripeCall("list payouts", () => this.stripe.payouts.list({ limit: PAGE, ...(after ? { starting_after: after } : {}) }, on(accountId)));
      let reachedStart = false;
      for (const p of page.data) {
        if (p.created * 1000 < sinceMs) {
          reachedStart = true;
          break;
        }
        keep(p);
      }
      after = page.data.at(-1)?.id;
      if (reachedStart || !page.has_more || !after) break;
    }
    // Older payouts still on their way count too: a slow bank can take longer than the lookback.
    for (const status of ["pending", "in_transit"] as const) {
      let cursor: string | undefined;
      for (;;) {
        const page = await stripeCall("list payouts in flight", () => this.stripe.payouts.list({ limit: PAGE, status, ...(cursor ? { starting_after: cursor } : {}) }, on(accountId)));
        page.data.forEach(keep);
        cursor = page.data.at(-1)?.id;
        if (!page.has_more || !cursor) break;
      }
    }
    return [...found.values()];
  }
}
