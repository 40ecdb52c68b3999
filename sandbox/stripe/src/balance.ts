import type Stripe from "stripe";
import { convert, settlementCurrency } from "./fx.js";
import { newId } from "./ids.js";
import type { Sandbox } from "./sandbox.js";

/** Stripe's processing fee: percentage rounded half up to the minor unit, plus a fixed part. */
export function stripeFee(sb: Sandbox, amount: number, currency: string): number {
  const pct = Math.floor((amount * sb.config.feePercentBps + 5000) / 10000);
  return pct + (sb.config.feeFixed[currency] ?? 0);
}

export interface TxnInput {
  account: string;
  /** In the currency of the object that moved the money (the presentment currency). */
  amount: number;
  currency: string;
  type: Stripe.BalanceTransaction.Type;
  source: string | null;
  description?: string | null;
  /** Fees taken out of `amount`, in `currency` unless they name their own (already settled) currency. */
  fees?: Array<{ amount: number; type: "stripe_fee" | "application_fee"; description: string; currency?: string }>;
  /** Add Stripe's processing fee, computed on the settled amount in the settlement currency. */
  stripeFee?: boolean;
  available_on?: number;
  reporting_category: string;
}

/**
 * Appends a balance transaction. Balances are never stored: they are the sum of these rows
 * split by `available_on`, which is what keeps "sum of transactions == balance" true.
 * The row is in the account's settlement currency: money in another currency is converted
 * (Connect: to the account's default currency) and the rate kept in `exchange_rate`.
 */
export function addTxn(sb: Sandbox, input: TxnInput): Stripe.BalanceTransaction {
  const now = sb.now();
  const currency = settlementCurrency(sb, input.account, input.currency);
  const settled = convert(sb, input.amount, input.currency, currency);
  const fees = (input.fees ?? []).map((f) => ({ ...f, amount: convert(sb, f.amount, f.currency ?? input.currency, currency).amount }));
  if (input.stripeFee) fees.unshift({ amount: stripeFee(sb, settled.amount, currency), type: "stripe_fee", description: "Stripe processing fees" });
  const fee = fees.reduce((s, f) => s + f.amount, 0);
  const availableOn = input.available_on ?? now;
  const txn: Stripe.BalanceTransaction = {
    id: newId("txn"),
    object: "balance_transaction",
    amount: settled.amount,
    available_on: availableOn,
    balance_type: "payments",
    created: now,
    currency,
    description: input.description ?? null,
    exchange_rate: settled.rate,
    fee,
    fee_details: fees.map((f) => ({
      amount: f.amount,
      application: f.type === "application_fee" ? "ca_kassa_sandbox" : null,
      currency,
      description: f.description,
      type: f.type,
    })),
    net: settled.amount - fee,
    reporting_category: input.reporting_category,
    source: input.source,
    status: availableOn <= now ? "available" : "pending",
    type: input.type,
  };
  sb.put("balanceTransactions", txn, input.account);
  (sb.state.ledger[input.account] ??= []).push(txn.id);
  return txn;
}

export function refreshStatus(sb: Sandbox, txn: Stripe.BalanceTransaction): Stripe.BalanceTransaction {
  txn.status = txn.available_on <= sb.now() ? "available" : "pending";
  return txn;
}

export function balanceOf(sb: Sandbox, account: string): Stripe.Balance {
  const now = sb.now();
  const available = new Map<string, number>();
  const pending = new Map<string, number>();
  for (const id of sb.state.ledger[account] ?? []) {
    const txn = sb.state.balanceTransactions[id];
    if (!txn) continue;
    available.set(txn.currency, available.get(txn.currency) ?? 0);
    pending.set(txn.currency, pending.get(txn.currency) ?? 0);
    const bucket = txn.available_on <= now ? available : pending;
    bucket.set(txn.currency, (bucket.get(txn.currency) ?? 0) + txn.net);
  }
  if (available.size === 0) {
    const acct = sb.state.accounts[account];
    const currency = acct?.default_currency ?? "sek";
    available.set(currency, 0);
    pending.set(currency, 0);
  }
  return {
    object: "balance",
    available: [...available].map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } })),
    livemode: false,
    pending: [...pending].map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } })),
  };
}

export function availableAmount(sb: Sandbox, account: string, currency: string): number {
  return balanceOf(sb, account).available.find((b) => b.currency === currency)?.amount ?? 0;
}
