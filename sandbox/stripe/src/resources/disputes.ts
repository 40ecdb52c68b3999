import type Stripe from "stripe";
import { addTxn } from "../balance.js";
import { ApiError } from "../errors.js";
import { obj, validate } from "../form.js";
import { newId } from "../ids.js";
import { listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import type { Sandbox } from "../sandbox.js";
import { mergeMetadata } from "./customers.js";

const emptyEvidence = (): Stripe.Dispute.Evidence =>
  ({
    access_activity_log: null,
    billing_address: null,
    cancellation_policy: null,
    cancellation_policy_disclosure: null,
    cancellation_rebuttal: null,
    customer_communication: null,
    customer_email_address: null,
    customer_name: null,
    customer_purchase_ip: null,
    customer_signature: null,
    duplicate_charge_documentation: null,
    duplicate_charge_explanation: null,
    duplicate_charge_id: null,
    enhanced_evidence: {},
    product_description: null,
    receipt: null,
    refund_policy: null,
    refund_policy_disclosure: null,
    refund_refusal_explanation: null,
    service_date: null,
    service_documentation: null,
    shipping_address: null,
    shipping_carrier: null,
    shipping_date: null,
    shipping_documentation: null,
    shipping_tracking_number: null,
    uncategorized_file: null,
    uncategorized_text: null,
  }) satisfies Stripe.Dispute.Evidence;

/**
 * A cardholder disputes a charge: Stripe withdraws the amount plus its dispute fee from the
 * balance of the account that made the charge (the platform for destination charges; it
 * may then reverse the transfer itself).
 */
export function openDispute(sb: Sandbox, charge: Stripe.Charge, owner: string): Stripe.Dispute {
  if (charge.disputed) throw new ApiError(400, { type: "invalid_request_error", code: "charge_already_disputed", message: `Charge ${charge.id} is already disputed.`, param: "charge" });
  const now = sb.now();
  const fee = sb.config.disputeFee[charge.currency] ?? 1500;
  const txn = addTxn(sb, {
    account: owner,
    amount: -charge.amount,
    currency: charge.currency,
    type: "adjustment",
    source: null,
    description: `Chargeback withdrawal for ${charge.id}`,
    fees: [{ amount: fee, type: "stripe_fee", description: "Dispute fee" }],
    reporting_category: "dispute",
  });
  const dispute: Stripe.Dispute = {
    id: newId("dp"),
    object: "dispute",
    amount: charge.amount,
    balance_transactions: [txn],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: { due_by: now + 7 * 86400, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0, submission_method: "manual" },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: "fraudulent",
    status: "needs_response",
  };
  txn.source = dispute.id;
  charge.disputed = true;
  sb.put("disputes", dispute, owner);
  sb.emit("charge.dispute.created", dispute, { account: owner });
  sb.emit("charge.dispute.funds_withdrawn", dispute, { account: owner });
  sb.changed();
  return dispute;
}

/** Won: the disputed amount comes back (the fee does not). Lost: the withdrawal stands. */
export function closeDispute(sb: Sandbox, dispute: Stripe.Dispute, outcome: "won" | "lost"): Stripe.Dispute {
  if (dispute.status === "won" || dispute.status === "lost") {
    throw new ApiError(400, { type: "invalid_request_error", code: "dispute_already_closed", message: `Dispute ${dispute.id} is already closed.` });
  }
  const owner = sb.ownerOf(dispute.id) ?? sb.platform;
  const previous = { status: dispute.status };
  dispute.status = outcome;
  if (outcome === "won") {
    const txn = addTxn(sb, { account: owner, amount: dispute.amount, currency: dispute.currency, type: "adjustment", source: dispute.id, description: `Chargeback reversal for ${String(dispute.charge)}`, reporting_category: "dispute_reversal" });
    dispute.balance_transactions.push(txn);
    sb.emit("charge.dispute.funds_reinstated", dispute, { account: owner });
  }
  sb.emit("charge.dispute.closed", dispute, { account: owner, previous });
  sb.changed();
  return dispute;
}

function retrieve(ctx: Ctx): Stripe.Dispute {
  validate(ctx.params, {});
  return ctx.sb.get("disputes", ctx.args[0], ctx.account, "dispute");
}

function update(ctx: Ctx): Stripe.Dispute {
  const p = validate<Stripe.DisputeUpdateParams>(ctx.params, { metadata: "metadata", submit: "bool", evidence: obj({ uncategorized_text: "string", product_description: "string", customer_email_address: "string", customer_name: "string" }) });
  const d = ctx.sb.get("disputes", ctx.args[0], ctx.account, "dispute");
  if (p.metadata !== undefined) d.metadata = mergeMetadata(d.metadata, p.metadata);
  if (p.evidence) {
    Object.assign(d.evidence, p.evidence);
    d.evidence_details.has_evidence = true;
  }
  if (p.submit) {
    d.status = "under_review";
    d.evidence_details.submission_count += 1;
  }
  ctx.sb.emit("charge.dispute.updated", d, { account: ctx.account });
  return d;
}

function close(ctx: Ctx): Stripe.Dispute {
  validate(ctx.params, {});
  const d = ctx.sb.get("disputes", ctx.args[0], ctx.account, "dispute");
  return closeDispute(ctx.sb, d, "lost");
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Dispute> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, charge: "string", payment_intent: "string" });
  const rows = ctx.sb.rows("disputes", ctx.account).filter((d) => (p.charge === undefined || d.charge === p.charge) && (p.payment_intent === undefined || d.payment_intent === p.payment_intent));
  return paginate(rows, p, "/v1/disputes");
}

export const disputeRoutes = [
  route("GET", "/v1/disputes", list),
  route("GET", "/v1/disputes/:id", retrieve),
  route("POST", "/v1/disputes/:id", update),
  route("POST", "/v1/disputes/:id/close", close),
];
