import type Stripe from "stripe";
import { addTxn } from "../balance.js";
import { ApiError, invalid } from "../errors.js";
import { settlementCurrency } from "../fx.js";
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

export interface DisputeOptions {
  /** An inquiry (`warning_needs_response`): a question from the issuer, no money moves. */
  inquiry?: boolean;
  /** Defaults to what is not refunded; a fully refunded charge can still be disputed for its amount. */
  amount?: number;
  reason?: string;
}

const isInquiry = (d: Stripe.Dispute): boolean => d.status.startsWith("warning_");
const isClosed = (d: Stripe.Dispute): boolean => d.status === "won" || d.status === "lost" || d.status === "warning_closed";

/**
 * Stripe withdraws the disputed amount plus its dispute fee from the balance of the account
 * that made the charge: the platform for destination charges. The transfer to the connected
 * account is left alone; taking the coach's share back is the platform's job.
 */
function withdraw(sb: Sandbox, dispute: Stripe.Dispute, owner: string): void {
  const settles = settlementCurrency(sb, owner, dispute.currency);
  const fee = sb.config.disputeFee[settles] ?? 1500;
  const txn = addTxn(sb, {
    account: owner,
    amount: -dispute.amount,
    currency: dispute.currency,
    type: "adjustment",
    source: dispute.id,
    description: `Chargeback withdrawal for ${String(dispute.charge)}`,
    fees: [{ amount: fee, type: "stripe_fee", description: "Dispute fee", currency: settles }],
    reporting_category: "dispute",
  });
  dispute.balance_transactions.push(txn);
  dispute.is_charge_refundable = false;
}

export function openDispute(sb: Sandbox, charge: Stripe.Charge, owner: string, opts: DisputeOptions = {}): Stripe.Dispute {
  if (charge.disputed) throw new ApiError(400, { type: "invalid_request_error", code: "charge_already_disputed", message: `Charge ${charge.id} is already disputed.`, param: "charge" });
  if (charge.status !== "succeeded") throw invalid(`Charge ${charge.id} has not succeeded and cannot be disputed.`, "charge");
  const unrefunded = charge.amount - charge.amount_refunded;
  const amount = opts.amount ?? (unrefunded > 0 ? unrefunded : charge.amount);
  if (!Number.isInteger(amount) || amount < 1 || amount > charge.amount) throw invalid(`The dispute amount (${amount}) must be between 1 and the charge amount (${charge.amount}).`, "amount");
  const now = sb.now();
  const dispute: Stripe.Dispute = {
    id: newId("dp"),
    object: "dispute",
    amount,
    balance_transactions: [],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: { due_by: now + 7 * 86400, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0, submission_method: "manual" },
    intended_submission_method: null,
    is_charge_refundable: true,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: opts.reason ?? "fraudulent",
    status: opts.inquiry ? "warning_needs_response" : "needs_response",
  };
  charge.disputed = true;
  sb.put("disputes", dispute, owner);
  if (!opts.inquiry) withdraw(sb, dispute, owner);
  sb.emit("charge.dispute.created", dispute, { account: owner });
  if (!opts.inquiry) sb.emit("charge.dispute.funds_withdrawn", dispute, { account: owner });
  sb.changed();
  return dispute;
}

/**
 * The issuer decides. Chargeback won: the disputed amount comes back (the dispute fee only if
 * `disputeFeeReturnedOnWin`); lost: the withdrawal stands. Inquiry won: `warning_closed`, no
 * money; inquiry lost: it escalates to a chargeback (`needs_response`, funds withdrawn).
 */
export function closeDispute(sb: Sandbox, dispute: Stripe.Dispute, outcome: "won" | "lost"): Stripe.Dispute {
  if (isClosed(dispute)) {
    throw new ApiError(400, { type: "invalid_request_error", message: `This dispute is already closed (${dispute.status}).` });
  }
  const owner = sb.ownerOf(dispute.id) ?? sb.platform;
  const previous = { status: dispute.status };
  if (isInquiry(dispute)) {
    if (outcome === "won") {
      dispute.status = "warning_closed";
      sb.emit("charge.dispute.closed", dispute, { account: owner, previous });
    } else {
      dispute.status = "needs_response";
      withdraw(sb, dispute, owner);
      sb.emit("charge.dispute.updated", dispute, { account: owner, previous: { ...previous, is_charge_refundable: true, balance_transactions: [] } });
      sb.emit("charge.dispute.funds_withdrawn", dispute, { account: owner });
    }
    sb.changed();
    return dispute;
  }
  dispute.status = outcome;
  if (outcome === "won") {
    const withdrawal = dispute.balance_transactions[0];
    const settles = withdrawal?.currency ?? dispute.currency;
    const fee = withdrawal?.fee ?? 0;
    const txn = addTxn(sb, {
      account: owner,
      amount: dispute.amount,
      currency: dispute.currency,
      type: "adjustment",
      source: dispute.id,
      description: `Chargeback reversal for ${String(dispute.charge)}`,
      ...(sb.config.disputeFeeReturnedOnWin && fee ? { fees: [{ amount: -fee, type: "stripe_fee" as const, description: "Dispute fee refund", currency: settles }] } : {}),
      reporting_category: "dispute_reversal",
    });
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

const evidenceFields = {
  uncategorized_text: "string",
  product_description: "string",
  customer_email_address: "string",
  customer_name: "string",
  refund_policy_disclosure: "string",
  refund_refusal_explanation: "string",
  cancellation_rebuttal: "string",
  service_date: "string",
  access_activity_log: "string",
} as const;

function update(ctx: Ctx): Stripe.Dispute {
  const p = validate<Stripe.DisputeUpdateParams>(ctx.params, { metadata: "metadata", submit: "bool", evidence: obj(evidenceFields) });
  const d = ctx.sb.get("disputes", ctx.args[0], ctx.account, "dispute");
  if (isClosed(d)) throw new ApiError(400, { type: "invalid_request_error", message: `This dispute is already closed (${d.status}) and can no longer be updated.` });
  const underReview = d.status === "under_review" || d.status === "warning_under_review";
  if (underReview && (p.evidence || p.submit)) throw new ApiError(400, { type: "invalid_request_error", message: "Evidence has already been submitted for this dispute and can no longer be changed." });
  const previous: Record<string, unknown> = {};
  if (p.metadata !== undefined) {
    previous.metadata = { ...d.metadata };
    d.metadata = mergeMetadata(d.metadata, p.metadata);
  }
  if (p.evidence) {
    // previous_attributes is a shallow Partial<Dispute>: a changed object is sent whole.
    previous.evidence = structuredClone(d.evidence);
    Object.assign(d.evidence, p.evidence);
    if (!d.evidence_details.has_evidence) previous.evidence_details = { ...d.evidence_details };
    d.evidence_details.has_evidence = true;
  }
  if (p.submit) {
    previous.status = d.status;
    previous.evidence_details ??= { ...d.evidence_details };
    d.status = isInquiry(d) ? "warning_under_review" : "under_review";
    d.evidence_details.submission_count += 1;
  }
  ctx.sb.emit("charge.dispute.updated", d, { account: ctx.account, previous });
  return d;
}

/** Accepting the dispute: a chargeback is lost, an inquiry is closed. */
function close(ctx: Ctx): Stripe.Dispute {
  validate(ctx.params, {});
  const d = ctx.sb.get("disputes", ctx.args[0], ctx.account, "dispute");
  return closeDispute(ctx.sb, d, isInquiry(d) ? "won" : "lost");
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
