import type Stripe from "stripe";
import { noSuch } from "../errors.js";
import { validate } from "../form.js";
import { listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import { mergeMetadata } from "./customers.js";

function retrieve(ctx: Ctx): Stripe.Charge {
  validate(ctx.params, {});
  return ctx.sb.get("charges", ctx.args[0], ctx.account, "charge");
}

function update(ctx: Ctx): Stripe.Charge {
  const p = validate<Stripe.ChargeUpdateParams>(ctx.params, { metadata: "metadata", description: "string" });
  const c = ctx.sb.get("charges", ctx.args[0], ctx.account, "charge");
  const previous: Record<string, unknown> = {};
  if (p.metadata !== undefined) {
    previous.metadata = c.metadata;
    c.metadata = mergeMetadata(c.metadata, p.metadata);
  }
  if (p.description !== undefined) {
    previous.description = c.description;
    c.description = p.description || null;
  }
  ctx.sb.emit("charge.updated", c, { account: ctx.account, previous });
  return c;
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Charge> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, customer: "string", payment_intent: "string", transfer_group: "string" });
  const rows = ctx.sb
    .rows("charges", ctx.account)
    .filter((c) => (p.customer === undefined || c.customer === p.customer) && (p.payment_intent === undefined || c.payment_intent === p.payment_intent) && (p.transfer_group === undefined || c.transfer_group === p.transfer_group));
  return paginate(rows, p, "/v1/charges");
}

function listApplicationFees(ctx: Ctx): Stripe.ApiList<Stripe.ApplicationFee> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, charge: "string" });
  const rows = ctx.sb.rows("applicationFees", ctx.account).filter((f) => p.charge === undefined || f.fee_source?.charge === p.charge || f.originating_transaction === p.charge);
  return paginate(rows, p, "/v1/application_fees");
}

function retrieveApplicationFee(ctx: Ctx): Stripe.ApplicationFee {
  validate(ctx.params, {});
  return ctx.sb.get("applicationFees", ctx.args[0], ctx.account, "application fee");
}

function listFeeRefunds(ctx: Ctx): Stripe.ApiList<Stripe.FeeRefund> {
  const p = validate<Record<string, unknown>>(ctx.params, listFields);
  const fee = ctx.sb.get("applicationFees", ctx.args[0], ctx.account, "application fee");
  return paginate(fee.refunds.data, p, `/v1/application_fees/${fee.id}/refunds`);
}

function retrieveFeeRefund(ctx: Ctx): Stripe.FeeRefund {
  validate(ctx.params, {});
  const fee = ctx.sb.get("applicationFees", ctx.args[0], ctx.account, "application fee");
  const r = fee.refunds.data.find((x) => x.id === ctx.args[1]);
  if (!r) throw noSuch("fee refund", ctx.args[1] ?? "");
  return r;
}

export const chargeRoutes = [
  route("GET", "/v1/charges", list),
  route("GET", "/v1/charges/:id", retrieve),
  route("POST", "/v1/charges/:id", update),
  route("GET", "/v1/application_fees", listApplicationFees),
  route("GET", "/v1/application_fees/:id", retrieveApplicationFee),
  route("GET", "/v1/application_fees/:id/refunds", listFeeRefunds),
  route("GET", "/v1/application_fees/:id/refunds/:rid", retrieveFeeRefund),
];
