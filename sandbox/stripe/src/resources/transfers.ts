import type Stripe from "stripe";
import { addTxn, availableAmount } from "../balance.js";
import { ApiError, invalid, noSuch } from "../errors.js";
import { validate } from "../form.js";
import { newId } from "../ids.js";
import { listFields, paginate } from "../list.js";
import { newTransfer } from "../payments.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import type { Sandbox } from "../sandbox.js";
import { getAccount } from "./accounts.js";
import { mergeMetadata } from "./customers.js";

export function insufficientFunds(param = "amount"): ApiError {
  return new ApiError(400, {
    type: "invalid_request_error",
    code: "balance_insufficient",
    message: "You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance",
    param,
  });
}

/** Moves money back from the connected account: both sides book it now, not at available_on. */
export function reverseTransfer(sb: Sandbox, transfer: Stripe.Transfer, amount: number, opts: { source_refund?: string; metadata?: Stripe.Metadata; description?: string | null } = {}): Stripe.TransferReversal {
  const id = newId("trr");
  const destination = transfer.destination as string;
  const txn = addTxn(sb, { account: sb.platform, amount, currency: transfer.currency, type: "transfer_refund", source: id, reporting_category: "transfer_reversal", description: opts.description ?? null });
  const pyr = newId("pyr");
  addTxn(sb, { account: destination, amount: -amount, currency: transfer.currency, type: "payment_refund", source: pyr, reporting_category: "refund" });
  const reversal: Stripe.TransferReversal = {
    id,
    object: "transfer_reversal",
    amount,
    balance_transaction: txn.id,
    created: sb.now(),
    currency: transfer.currency,
    destination_payment_refund: pyr,
    metadata: opts.metadata ?? {},
    source_refund: opts.source_refund ?? null,
    transfer: transfer.id,
  };
  sb.put("transferReversals", reversal, sb.platform);
  const previous = { amount_reversed: transfer.amount_reversed, reversed: transfer.reversed };
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed >= transfer.amount;
  transfer.reversals.data.unshift(reversal);
  transfer.reversals.url = `/v1/transfers/${transfer.id}/reversals`;
  sb.emit("transfer.reversed", transfer, { previous });
  sb.emit("transfer.updated", transfer, { previous });
  sb.changed();
  return reversal;
}

function create(ctx: Ctx): Stripe.Transfer {
  const p = validate<Stripe.TransferCreateParams & { amount: number }>(ctx.params, {
    "amount!": "amount",
    "currency!": "currency",
    "destination!": "id",
    source_transaction: "id",
    transfer_group: "string",
    description: "string",
    metadata: "metadata",
  });
  const { sb } = ctx;
  if (ctx.connected) throw new ApiError(403, { type: "invalid_request_error", code: "permission_denied", message: "Transfers must be created by the platform." });
  const dest = getAccount(sb, p.destination, "destination");
  if (dest.capabilities?.transfers !== "active") {
    throw invalid("Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments", "destination", "insufficient_capabilities_for_transfer");
  }
  let availableOn = sb.now();
  if (p.source_transaction) {
    const charge = sb.ref("charges", p.source_transaction, sb.platform, "charge", "source_transaction");
    if (charge.currency !== p.currency) throw invalid(`The currency of source_transaction's balance transaction (${charge.currency}) must be the same as the transfer currency (${p.currency})`, "currency");
    const already = sb.rows("transfers", sb.platform).filter((t) => t.source_transaction === charge.id).reduce((s, t) => s + t.amount - t.amount_reversed, 0);
    if (p.amount > charge.amount - charge.amount_refunded - already) throw insufficientFunds("amount");
    const txn = sb.find("balanceTransactions", charge.balance_transaction as string);
    availableOn = Math.max(availableOn, txn?.available_on ?? availableOn);
  } else if (p.amount > availableAmount(sb, sb.platform, p.currency)) {
    throw insufficientFunds("amount");
  }
  return newTransfer(sb, { amount: p.amount, currency: p.currency, destination: dest.id, source_transaction: p.source_transaction ?? null, transfer_group: p.transfer_group ?? null, description: p.description ?? null, metadata: p.metadata as Record<string, string> | undefined }, availableOn);
}

function retrieve(ctx: Ctx): Stripe.Transfer {
  validate(ctx.params, {});
  return ctx.sb.get("transfers", ctx.args[0], ctx.account, "transfer");
}

function update(ctx: Ctx): Stripe.Transfer {
  const p = validate<Stripe.TransferUpdateParams>(ctx.params, { metadata: "metadata", description: "string" });
  const t = ctx.sb.get("transfers", ctx.args[0], ctx.account, "transfer");
  if (p.metadata !== undefined) t.metadata = mergeMetadata(t.metadata, p.metadata);
  if (p.description !== undefined) t.description = p.description || null;
  ctx.sb.emit("transfer.updated", t);
  return t;
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Transfer> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, destination: "string", transfer_group: "string" });
  const rows = ctx.sb.rows("transfers", ctx.account).filter((t) => (p.destination === undefined || t.destination === p.destination) && (p.transfer_group === undefined || t.transfer_group === p.transfer_group));
  return paginate(rows, p, "/v1/transfers");
}

function createReversal(ctx: Ctx): Stripe.TransferReversal {
  const p = validate<Stripe.TransferCreateReversalParams>(ctx.params, { amount: "amount", description: "string", metadata: "metadata", refund_application_fee: "bool" });
  const t = ctx.sb.get("transfers", ctx.args[0], ctx.account, "transfer");
  const remaining = t.amount - t.amount_reversed;
  const amount = p.amount ?? remaining;
  if (remaining <= 0) throw invalid(`Transfer ${t.id} has already been fully reversed.`, "amount", "transfer_already_reversed");
  if (amount > remaining) throw invalid(`Amount (${amount}) is greater than the unreversed amount on the transfer (${remaining}).`, "amount", "amount_too_large");
  return reverseTransfer(ctx.sb, t, amount, { metadata: p.metadata as Record<string, string> | undefined, description: p.description ?? null });
}

function listReversals(ctx: Ctx): Stripe.ApiList<Stripe.TransferReversal> {
  const p = validate<Record<string, unknown>>(ctx.params, listFields);
  const t = ctx.sb.get("transfers", ctx.args[0], ctx.account, "transfer");
  return paginate(t.reversals.data, p, `/v1/transfers/${t.id}/reversals`);
}

function retrieveReversal(ctx: Ctx): Stripe.TransferReversal {
  validate(ctx.params, {});
  const t = ctx.sb.get("transfers", ctx.args[0], ctx.account, "transfer");
  const r = t.reversals.data.find((x) => x.id === ctx.args[1]);
  if (!r) throw noSuch("transfer reversal", ctx.args[1] ?? "");
  return r;
}

export const transferRoutes = [
  route("POST", "/v1/transfers", create),
  route("GET", "/v1/transfers", list),
  route("GET", "/v1/transfers/:id", retrieve),
  route("POST", "/v1/transfers/:id", update),
  route("POST", "/v1/transfers/:id/reversals", createReversal),
  route("GET", "/v1/transfers/:id/reversals", listReversals),
  route("GET", "/v1/transfers/:id/reversals/:rid", retrieveReversal),
];
