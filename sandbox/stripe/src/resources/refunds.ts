import type Stripe from "stripe";
import { addTxn } from "../balance.js";
import { ApiError, invalid } from "../errors.js";
import { oneOf, requireOneOf, validate } from "../form.js";
import { newId } from "../ids.js";
import { listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import type { Sandbox } from "../sandbox.js";
import { mergeMetadata } from "./customers.js";
import type { TestMethod } from "../cards.js";
import { testMethod } from "../cards.js";
import { reverseTransfer } from "./transfers.js";

/** Share of `part` that `whole` maps to, rounded half up: Stripe's proportional reversal. */
const proportional = (amount: number, part: number, whole: number): number => Math.floor((amount * part * 2 + whole) / (2 * whole));

function refundApplicationFee(sb: Sandbox, feeId: string, amount: number): void {
  const fee = sb.find("applicationFees", feeId);
  if (!fee || amount <= 0) return;
  const account = fee.account as string;
  const id = newId("fr");
  const txn = addTxn(sb, { account: sb.platform, amount: -amount, currency: fee.currency, type: "application_fee_refund", source: id, reporting_category: "platform_earning_refund" });
  addTxn(sb, { account, amount, currency: fee.currency, type: "application_fee_refund", source: id, reporting_category: "platform_earning_refund" });
  const feeRefund: Stripe.FeeRefund = { id, object: "fee_refund", amount, balance_transaction: txn.id, created: sb.now(), currency: fee.currency, fee: fee.id, metadata: {} };
  sb.put("feeRefunds", feeRefund, sb.platform);
  fee.refunds.data.unshift(feeRefund);
  fee.amount_refunded += amount;
  fee.refunded = fee.amount_refunded >= fee.amount;
  sb.emit("application_fee.refunded", fee);
}

/** The test card a charge was paid with decides how its refunds behave (Stripe's refund test cards). */
const refundBehaviour = (sb: Sandbox, charge: Stripe.Charge): TestMethod["refunds"] => {
  const card = sb.state.cards[charge.id]?.card;
  return card ? testMethod(card).refunds : undefined;
};

function create(ctx: Ctx): Stripe.Refund {
  const p = validate<Stripe.RefundCreateParams>(ctx.params, {
    charge: "id",
    payment_intent: "id",
    amount: "amount",
    reason: oneOf("duplicate", "fraudulent", "requested_by_customer"),
    metadata: "metadata",
    reverse_transfer: "bool",
    refund_application_fee: "bool",
  });
  requireOneOf(p as Record<string, unknown>, ["charge", "payment_intent"]);
  const { sb, account } = ctx;
  let charge: Stripe.Charge;
  if (p.charge) {
    charge = sb.ref("charges", p.charge, account, "charge", "charge");
  } else {
    const pi = sb.ref("paymentIntents", p.payment_intent, account, "payment_intent", "payment_intent");
    if (!pi.latest_charge || pi.status !== "succeeded") throw invalid(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, "payment_intent");
    charge = sb.ref("charges", pi.latest_charge as string, account, "charge", "payment_intent");
  }
  if (charge.status !== "succeeded") throw invalid(`Charge ${charge.id} has not succeeded and cannot be refunded.`, "charge");
  const dispute = sb.rows("disputes", account).find((d) => d.charge === charge.id);
  if (dispute && !dispute.is_charge_refundable) {
    throw new ApiError(400, { type: "invalid_request_error", code: "charge_disputed", message: `Charge ${charge.id} has been charged back; cannot issue a refund.`, param: "charge" });
  }
  const remaining = charge.amount - charge.amount_refunded;
  const amount = p.amount ?? remaining;
  if (remaining <= 0) throw new ApiError(400, { type: "invalid_request_error", code: "charge_already_refunded", message: `Charge ${charge.id} has already been refunded.`, param: "charge" });
  if (amount > remaining) {
    throw new ApiError(400, { type: "invalid_request_error", code: "amount_too_large", message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, param: "amount" });
  }
  if (p.reverse_transfer && !charge.transfer) throw invalid("This charge has no transfer to reverse.", "reverse_transfer");
  if (p.refund_application_fee && !charge.application_fee) throw invalid("This charge has no application fee to refund.", "refund_application_fee");

  const id = newId("re");
  const behaviour = refundBehaviour(sb, charge);
  // Stripe takes a refund from the balance when it is created, pending or not.
  const txn = addTxn(sb, { account, amount: -amount, currency: charge.currency, type: "refund", source: id, reporting_category: "refund", description: null });
  const refund: Stripe.Refund = {
    id,
    object: "refund",
    amount,
    balance_transaction: txn.id,
    charge: charge.id,
    created: sb.now(),
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details: { type: "card", card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" } },
    metadata: (p.metadata as Record<string, string> | undefined) ?? {},
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: p.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: behaviour === "pending_then_succeeds" ? "pending" : "succeeded",
    transfer_reversal: null,
  };
  if (refund.status === "pending") refund.pending_reason = "processing";
  if (behaviour) sb.state.timers[id] = { kind: "refund", due: sb.now() + sb.config.asyncSettleSeconds };
  if (p.reverse_transfer && charge.transfer) {
    const transfer = sb.find("transfers", charge.transfer as string);
    if (transfer) {
      const share = Math.min(proportional(amount, transfer.amount, charge.amount), transfer.amount - transfer.amount_reversed);
      if (share > 0) refund.transfer_reversal = reverseTransfer(sb, transfer, share, { source_refund: id }).id;
    }
  }
  if (p.refund_application_fee && charge.application_fee) {
    const fee = sb.find("applicationFees", charge.application_fee as string);
    if (fee) refundApplicationFee(sb, fee.id, Math.min(proportional(amount, fee.amount, charge.amount), fee.amount - fee.amount_refunded));
  }
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  sb.put("refunds", refund, account);
  charge.refunds?.data.unshift(refund);
  sb.emit("refund.created", refund, { account });
  sb.emit("charge.refunded", charge, { account, previous });
  sb.changed();
  return refund;
}

/**
 * Later, on its own: a pending refund succeeds (refund.updated, charge.refund.updated), or a
 * refund of a `refundFail` card fails (refund.failed too) and its money comes back to the
 * balance with a refund_failure transaction. A transfer reversal made with it stays.
 */
export function settleRefund(sb: Sandbox, id: string, outcome?: "succeeded" | "failed"): Stripe.Refund {
  const refund = sb.find("refunds", id);
  if (!refund) throw new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such refund: '${id}'`, param: "id" });
  const account = sb.ownerOf(id) ?? sb.platform;
  const charge = sb.find("charges", refund.charge as string);
  const behaviour = charge ? refundBehaviour(sb, charge) : undefined;
  const fails = outcome ? outcome === "failed" : behaviour === "fails_later";
  delete sb.state.timers[id];
  if (refund.status !== "pending" && !(refund.status === "succeeded" && fails)) throw invalid(`Refund ${id} is ${refund.status ?? "settled"}; only a pending refund, or a succeeded one that fails later, can change.`, "id");
  const previous: Record<string, unknown> = { status: refund.status };
  if (refund.pending_reason !== undefined) {
    previous.pending_reason = refund.pending_reason;
    delete refund.pending_reason;
  }
  if (!fails) {
    refund.status = "succeeded";
    sb.emit("refund.updated", refund, { account, previous });
    sb.emit("charge.refund.updated", refund, { account, previous });
    sb.changed();
    return refund;
  }
  const txn = addTxn(sb, { account, amount: refund.amount, currency: refund.currency, type: "refund_failure", source: id, reporting_category: "refund_failure", description: "Refund failure" });
  refund.status = "failed";
  refund.failure_reason = "lost_or_stolen_card";
  refund.failure_balance_transaction = txn.id;
  if (charge) {
    charge.amount_refunded -= refund.amount;
    charge.refunded = charge.amount_refunded >= charge.amount;
  }
  sb.emit("refund.failed", refund, { account, previous });
  sb.emit("refund.updated", refund, { account, previous });
  sb.emit("charge.refund.updated", refund, { account, previous });
  sb.changed();
  return refund;
}

function retrieve(ctx: Ctx): Stripe.Refund {
  validate(ctx.params, {});
  return ctx.sb.get("refunds", ctx.args[0], ctx.account, "refund");
}

function update(ctx: Ctx): Stripe.Refund {
  const p = validate<Stripe.RefundUpdateParams>(ctx.params, { metadata: "metadata" });
  const r = ctx.sb.get("refunds", ctx.args[0], ctx.account, "refund");
  if (p.metadata !== undefined) r.metadata = mergeMetadata(r.metadata ?? {}, p.metadata);
  ctx.sb.changed();
  return r;
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Refund> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, charge: "string", payment_intent: "string" });
  const rows = ctx.sb.rows("refunds", ctx.account).filter((r) => (p.charge === undefined || r.charge === p.charge) && (p.payment_intent === undefined || r.payment_intent === p.payment_intent));
  return paginate(rows, p, "/v1/refunds");
}

export const refundRoutes = [
  route("POST", "/v1/refunds", create),
  route("GET", "/v1/refunds", list),
  route("GET", "/v1/refunds/:id", retrieve),
  route("POST", "/v1/refunds/:id", update),
];
