import type Stripe from "stripe";
import { balanceOf, refreshStatus } from "../balance.js";
import { invalid } from "../errors.js";
import { validate } from "../form.js";
import { createdFilter, inCreated, listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";

function balance(ctx: Ctx): Stripe.Balance {
  validate(ctx.params, {});
  return balanceOf(ctx.sb, ctx.account);
}

function retrieveTxn(ctx: Ctx): Stripe.BalanceTransaction {
  validate(ctx.params, {});
  return refreshStatus(ctx.sb, ctx.sb.get("balanceTransactions", ctx.args[0], ctx.account, "balance transaction"));
}

function listTxns(ctx: Ctx): Stripe.ApiList<Stripe.BalanceTransaction> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, type: "string", source: "string", payout: "string", currency: "currency", created: createdFilter });
  // The sandbox makes no automatic payouts, and Stripe filters by payout only for those.
  if (p.payout !== undefined) throw invalid("Balance transaction history can only be filtered on automatic transfers, not manual.", "payout");
  const ids = ctx.sb.state.ledger[ctx.account] ?? [];
  const rows: Stripe.BalanceTransaction[] = [];
  for (let i = ids.length - 1; i >= 0; i--) {
    const txn = ctx.sb.state.balanceTransactions[ids[i] ?? ""];
    if (!txn) continue;
    if (p.type !== undefined && txn.type !== p.type) continue;
    if (p.source !== undefined && txn.source !== p.source) continue;
    if (p.currency !== undefined && txn.currency !== p.currency) continue;
    if (!inCreated(txn.created, p.created)) continue;
    rows.push(refreshStatus(ctx.sb, txn));
  }
  return paginate(rows, p, "/v1/balance_transactions");
}

export const balanceRoutes = [
  route("GET", "/v1/balance", balance),
  route("GET", "/v1/balance_transactions", listTxns),
  route("GET", "/v1/balance_transactions/:id", retrieveTxn),
  route("GET", "/v1/balance/history", listTxns),
  route("GET", "/v1/balance/history/:id", retrieveTxn),
];
