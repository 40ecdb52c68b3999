import type Stripe from "stripe";
import { addTxn, availableAmount } from "../balance.js";
import { ApiError, invalid } from "../errors.js";
import { settlementCurrency } from "../fx.js";
import { oneOf, validate } from "../form.js";
import { newId } from "../ids.js";
import { listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import type { Sandbox } from "../sandbox.js";
import { mergeMetadata } from "./customers.js";
import { insufficientFunds } from "./transfers.js";

const failureMessages: Record<string, string> = {
  account_closed: "The bank account has been closed.",
  account_frozen: "The bank account has been frozen.",
  bank_account_restricted: "The bank account has restrictions on either the type, or the number, of payouts allowed.",
  could_not_process: "The bank could not process this payout.",
  insufficient_funds: "Your Stripe account has insufficient funds to cover the payout.",
  invalid_account_number: "The bank account number appears to be invalid.",
  no_account: "The bank account details on file are probably incorrect.",
};

function create(ctx: Ctx): Stripe.Payout {
  const p = validate<Stripe.PayoutCreateParams>(ctx.params, {
    "amount!": "amount",
    "currency!": "currency",
    description: "string",
    metadata: "metadata",
    statement_descriptor: "string",
    method: oneOf("standard", "instant"),
    destination: "string",
    source_type: oneOf("card", "bank_account", "fpx"),
  });
  const { sb, account } = ctx;
  const acct = sb.state.accounts[account];
  if (acct && !acct.payouts_enabled) {
    throw new ApiError(400, { type: "invalid_request_error", code: "payouts_not_allowed", message: "Payouts are not enabled for this account. The account must complete onboarding before it can receive payouts." });
  }
  if (p.method === "instant") throw invalid("Instant payouts are not supported for this account.", "method", "instant_payouts_unsupported");
  // A payout leaves the balance in the currency the account holds (its settlement currency).
  if (settlementCurrency(sb, account, p.currency) !== p.currency) throw invalid(`You don't have any external accounts in that currency (${p.currency}).`, "currency");
  if (p.amount > availableAmount(sb, account, p.currency)) throw insufficientFunds("amount");
  const id = newId("po");
  const now = sb.now();
  const txn = addTxn(sb, { account, amount: -p.amount, currency: p.currency, type: "payout", source: id, description: p.description ?? "STRIPE PAYOUT", reporting_category: "payout" });
  const bank = acct?.external_accounts?.data[0]?.id ?? null;
  const payout: Stripe.Payout = {
    id,
    object: "payout",
    amount: p.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: now + 2 * 86400,
    automatic: false,
    balance_transaction: txn.id,
    created: now,
    currency: p.currency,
    description: p.description ?? "STRIPE PAYOUT",
    destination: p.destination ?? bank,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: (p.metadata as Record<string, string> | undefined) ?? {},
    method: "standard",
    original_payout: null,
    payout_method: null,
    reconciliation_status: "not_applicable",
    reversed_by: null,
    source_type: "card",
    statement_descriptor: p.statement_descriptor ?? null,
    // Stripe: a payout is pending until it is submitted to the bank, then in_transit.
    status: "pending",
    trace_id: { status: "pending", value: null },
    type: "bank_account",
  };
  sb.put("payouts", payout, account);
  sb.emit("payout.created", payout, { account });
  sb.changed();
  return payout;
}

const isFinal = (p: Stripe.Payout): boolean => p.status === "paid" || p.status === "failed" || p.status === "canceled";

function findPayout(sb: Sandbox, id: string, allowPaid = false): Stripe.Payout {
  const payout = sb.find("payouts", id);
  if (!payout) throw new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such payout: '${id}'`, param: "id" });
  if (isFinal(payout) && !(allowPaid && payout.status === "paid")) throw invalid(`Payout ${id} is already ${payout.status}.`, "id");
  return payout;
}

/** The bank accepted the payout: pending -> in_transit, announced with payout.updated. */
export function markPayoutInTransit(sb: Sandbox, id: string): Stripe.Payout {
  const payout = findPayout(sb, id);
  if (payout.status !== "pending") throw invalid(`Payout ${id} is ${payout.status}, not pending.`, "id");
  const owner = sb.ownerOf(id) ?? sb.platform;
  payout.status = "in_transit";
  sb.emit("payout.updated", payout, { account: owner, previous: { status: "pending" } });
  sb.changed();
  return payout;
}

export function markPayoutPaid(sb: Sandbox, id: string): Stripe.Payout {
  const payout = findPayout(sb, id);
  if (payout.status === "pending") markPayoutInTransit(sb, id);
  const owner = sb.ownerOf(id) ?? sb.platform;
  const previous = { status: payout.status };
  payout.status = "paid";
  payout.arrival_date = Math.min(payout.arrival_date, sb.now());
  payout.trace_id = { status: "supported", value: `SBX${id.slice(-10).toUpperCase()}` };
  payout.reconciliation_status = "completed";
  sb.emit("payout.updated", payout, { account: owner, previous });
  sb.emit("payout.paid", payout, { account: owner, previous });
  sb.changed();
  return payout;
}

/**
 * With `payoutsArriveOnTheirOwn`, what Stripe does without being asked: every pending or
 * in-transit payout whose arrival date the clock has passed is paid, oldest first.
 */
export function arriveDuePayouts(sb: Sandbox): string[] {
  if (!sb.config.payoutsArriveOnTheirOwn) return [];
  const due = Object.values(sb.state.payouts)
    .filter((p) => (p.status === "pending" || p.status === "in_transit") && p.arrival_date <= sb.now())
    .sort((a, b) => a.arrival_date - b.arrival_date || a.created - b.created);
  for (const p of due) markPayoutPaid(sb, p.id);
  return due.map((p) => p.id);
}

/** The bank bounced it (also after `paid`: a returned payout): Stripe returns the money to the available balance. */
export function markPayoutFailed(sb: Sandbox, id: string, failureCode = "account_closed"): Stripe.Payout {
  const payout = findPayout(sb, id, true);
  const owner = sb.ownerOf(id) ?? sb.platform;
  const txn = addTxn(sb, { account: owner, amount: payout.amount, currency: payout.currency, type: "payout_failure", source: id, description: `Payout failure (${failureCode})`, reporting_category: "payout_reversal" });
  const previous = { status: payout.status, failure_code: null, failure_message: null };
  payout.status = "failed";
  payout.failure_code = failureCode;
  payout.failure_message = failureMessages[failureCode] ?? "The payout failed.";
  payout.failure_balance_transaction = txn.id;
  sb.emit("payout.updated", payout, { account: owner, previous });
  sb.emit("payout.failed", payout, { account: owner, previous });
  sb.changed();
  return payout;
}

/** Stripe cancels only payouts not yet sent to the bank; the funds return at once. */
function cancel(ctx: Ctx): Stripe.Payout {
  validate(ctx.params, {});
  const { sb, account } = ctx;
  const payout = sb.get("payouts", ctx.args[0], account, "payout");
  if (payout.status !== "pending") throw invalid(`Payouts can only be canceled while they are pending. This payout is ${payout.status}.`);
  const txn = addTxn(sb, { account, amount: payout.amount, currency: payout.currency, type: "payout_cancel", source: payout.id, description: "Payout cancellation", reporting_category: "payout_reversal" });
  payout.status = "canceled";
  payout.failure_balance_transaction = txn.id;
  sb.emit("payout.canceled", payout, { account, previous: { status: "pending", failure_balance_transaction: null } });
  sb.emit("payout.updated", payout, { account, previous: { status: "pending", failure_balance_transaction: null } });
  sb.changed();
  return payout;
}

function retrieve(ctx: Ctx): Stripe.Payout {
  validate(ctx.params, {});
  return ctx.sb.get("payouts", ctx.args[0], ctx.account, "payout");
}

function update(ctx: Ctx): Stripe.Payout {
  const p = validate<Stripe.PayoutUpdateParams>(ctx.params, { metadata: "metadata" });
  const payout = ctx.sb.get("payouts", ctx.args[0], ctx.account, "payout");
  if (p.metadata !== undefined) payout.metadata = mergeMetadata(payout.metadata ?? {}, p.metadata);
  ctx.sb.changed();
  return payout;
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Payout> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, status: "string" });
  return paginate(ctx.sb.rows("payouts", ctx.account).filter((x) => p.status === undefined || x.status === p.status), p, "/v1/payouts");
}

export const payoutRoutes = [
  route("POST", "/v1/payouts", create),
  route("GET", "/v1/payouts", list),
  route("GET", "/v1/payouts/:id", retrieve),
  route("POST", "/v1/payouts/:id", update),
  route("POST", "/v1/payouts/:id/cancel", cancel),
];
