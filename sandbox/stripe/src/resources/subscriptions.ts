import type Stripe from "stripe";
import { ApiError } from "../errors.js";
import { arr, obj, oneOf, validate } from "../form.js";
import { newId } from "../ids.js";
import { listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import type { Sandbox } from "../sandbox.js";
import { mergeMetadata } from "./customers.js";
import { billPeriod } from "./invoices.js";

export function periodEnd(start: number, recurring: Stripe.Price.Recurring): number {
  const n = recurring.interval_count;
  const d = new Date(start * 1000);
  switch (recurring.interval) {
    case "day":
      return start + n * 86400;
    case "week":
      return start + n * 7 * 86400;
    case "month":
      d.setUTCMonth(d.getUTCMonth() + n);
      return Math.floor(d.getTime() / 1000);
    case "year":
      d.setUTCFullYear(d.getUTCFullYear() + n);
      return Math.floor(d.getTime() / 1000);
    default:
      return start + n * 30 * 86400;
  }
}

function planOf(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: null,
    billing_scheme: "per_unit",
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? "month",
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product as string,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: "licensed",
  };
}

export interface NewSubscriptionInput {
  customer: string;
  items: Array<{ price: Stripe.Price; quantity: number }>;
  metadata?: Stripe.Metadata;
  description?: string | null;
  /** The test card that pays each period (remembered for renewals); none for default_incomplete. */
  card: string | null;
  /**
   * payment_behavior=default_incomplete: the subscription starts `incomplete` with its first
   * invoice open until the customer confirms the invoice's PaymentIntent (invoices.ts).
   */
  defaultIncomplete?: boolean;
}

/** Creates an active subscription and bills its first period (invoice + payment). */
export function createSubscription(sb: Sandbox, owner: string, input: NewSubscriptionInput): { subscription: Stripe.Subscription; invoice: Stripe.Invoice } {
  const now = sb.now();
  const id = newId("sub");
  const first = input.items[0];
  if (!first?.price.recurring) throw new ApiError(400, { type: "invalid_request_error", message: "A subscription needs a recurring price.", param: "line_items" });
  const end = periodEnd(now, first.price.recurring);
  const items: Stripe.SubscriptionItem[] = input.items.map((it) => ({
    id: newId("si", 14),
    object: "subscription_item",
    billing_thresholds: null,
    created: now,
    current_period_end: end,
    current_period_start: now,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planOf(it.price),
    price: it.price,
    quantity: it.quantity,
    subscription: id,
    tax_rates: [],
  }));
  const subscription: Stripe.Subscription = {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: now,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: "classic" },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: "charge_automatically",
    created: now,
    currency: first.price.currency,
    customer: input.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: input.description ?? null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: "self" } },
    items: { object: "list", data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata ?? {},
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: "off" },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: input.defaultIncomplete ? "incomplete" : "active",
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: "create_invoice" } },
    trial_start: null,
  };
  sb.put("subscriptions", subscription, owner);
  if (input.card) sb.state.cards[id] = { card: input.card };
  sb.emit("customer.subscription.created", subscription, { account: owner });
  const invoice = billPeriod(sb, owner, subscription, now, end, "subscription_create", { defaultIncomplete: input.defaultIncomplete === true });
  return { subscription, invoice };
}

function endSubscription(sb: Sandbox, sub: Stripe.Subscription, owner: string): void {
  const previous = { status: sub.status };
  sub.status = "canceled";
  sub.canceled_at ??= sb.now();
  sub.ended_at = sb.now();
  sb.emit("customer.subscription.deleted", sub, { account: owner, previous });
}

/**
 * Bills every period that has ended by the sandbox clock's `now`, or ends subscriptions set
 * to cancel at period end. Called after the clock moves.
 */
export function renewDue(sb: Sandbox): number {
  let renewed = 0;
  const now = sb.now();
  for (const sub of Object.values(sb.state.subscriptions)) {
    const owner = sb.ownerOf(sub.id) ?? sb.platform;
    // A safety bound: a jump of years on a daily plan should not run away.
    for (let guard = 0; guard < 400; guard++) {
      if (sub.status === "canceled" || sub.status === "incomplete_expired") break;
      const item = sub.items.data[0];
      if (!item || item.current_period_end > now) break;
      if (sub.cancel_at_period_end || (sub.cancel_at !== null && sub.cancel_at <= item.current_period_end)) {
        endSubscription(sb, sub, owner);
        break;
      }
      const start = item.current_period_end;
      const end = periodEnd(start, item.price.recurring ?? { interval: "month", interval_count: 1, meter: null, trial_period_days: null, usage_type: "licensed" });
      const previous = { items: structuredClone(sub.items) };
      for (const it of sub.items.data) {
        it.current_period_start = start;
        it.current_period_end = end;
      }
      sb.emit("customer.subscription.updated", sub, { account: owner, previous });
      billPeriod(sb, owner, sub, start, end, "subscription_cycle");
      renewed++;
    }
  }
  if (renewed) sb.changed();
  return renewed;
}

const createFields = {
  "customer!": "id",
  "items!": arr(obj({ "price!": "id", quantity: "amount", metadata: "metadata" })),
  payment_behavior: oneOf("allow_incomplete", "default_incomplete", "error_if_incomplete", "pending_if_incomplete"),
  payment_settings: obj({ save_default_payment_method: oneOf("off", "on_subscription"), payment_method_types: arr("string") }),
  metadata: "metadata",
  description: "string",
} as const;

/**
 * POST /v1/subscriptions. Only payment_behavior=default_incomplete is modelled (the in-app card
 * form's way: the first invoice's PaymentIntent is confirmed by the customer); the other
 * behaviours charge a saved payment method, which the sandbox's customers do not have.
 */
function create(ctx: Ctx): Stripe.Subscription {
  const p = validate<Stripe.SubscriptionCreateParams>(ctx.params, createFields);
  const { sb, account } = ctx;
  if (p.payment_behavior !== "default_incomplete") {
    throw new ApiError(400, { type: "invalid_request_error", code: "resource_missing", message: "This customer has no attached payment source or default payment method. Please consider adding a default payment method.", param: "payment_behavior" });
  }
  sb.ref("customers", p.customer, account, "customer", "customer");
  const items = (p.items ?? []).map((it, i) => {
    const price = sb.ref("prices", it.price, account, "price", `items[${i}][price]`);
    if (!price.recurring) throw new ApiError(400, { type: "invalid_request_error", message: `The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`, param: `items[${i}][price]` });
    return { price, quantity: it.quantity ?? 1 };
  });
  if (items.length === 0) throw new ApiError(400, { type: "invalid_request_error", code: "parameter_missing", message: "Missing required param: items.", param: "items" });
  const { subscription } = createSubscription(sb, account, {
    customer: p.customer as string,
    items,
    metadata: (p.metadata as Stripe.Metadata | undefined) ?? {},
    description: p.description ?? null,
    card: null,
    defaultIncomplete: true,
  });
  const save = p.payment_settings?.save_default_payment_method;
  if (save && subscription.payment_settings) subscription.payment_settings.save_default_payment_method = save;
  return subscription;
}

function retrieve(ctx: Ctx): Stripe.Subscription {
  validate(ctx.params, {});
  return ctx.sb.get("subscriptions", ctx.args[0], ctx.account, "subscription");
}

function update(ctx: Ctx): Stripe.Subscription {
  const p = validate<Stripe.SubscriptionUpdateParams>(ctx.params, { cancel_at_period_end: "bool", metadata: "metadata", description: "string", proration_behavior: oneOf("create_prorations", "none", "always_invoice") });
  const sub = ctx.sb.get("subscriptions", ctx.args[0], ctx.account, "subscription");
  if (sub.status === "canceled") {
    throw new ApiError(400, { type: "invalid_request_error", code: "resource_missing", message: "A canceled subscription can only update its cancellation_details and metadata." });
  }
  const previous: Record<string, unknown> = {};
  if (p.cancel_at_period_end !== undefined && p.cancel_at_period_end !== sub.cancel_at_period_end) {
    previous.cancel_at_period_end = sub.cancel_at_period_end;
    previous.cancel_at = sub.cancel_at;
    previous.canceled_at = sub.canceled_at;
    sub.cancel_at_period_end = p.cancel_at_period_end;
    sub.cancel_at = p.cancel_at_period_end ? (sub.items.data[0]?.current_period_end ?? null) : null;
    sub.canceled_at = p.cancel_at_period_end ? ctx.sb.now() : null;
    sub.cancellation_details = { comment: null, feedback: null, feedback_option: null, reason: p.cancel_at_period_end ? "cancellation_requested" : null };
  }
  if (p.metadata !== undefined) {
    previous.metadata = sub.metadata;
    sub.metadata = mergeMetadata(sub.metadata, p.metadata);
  }
  if (p.description !== undefined) {
    previous.description = sub.description;
    sub.description = p.description || null;
  }
  ctx.sb.emit("customer.subscription.updated", sub, { account: ctx.account, previous });
  return sub;
}

function cancel(ctx: Ctx): Stripe.Subscription {
  validate(ctx.params, { invoice_now: "bool", prorate: "bool", cancellation_details: { kind: "object", fields: { comment: "string", feedback: "string" } } });
  const sub = ctx.sb.get("subscriptions", ctx.args[0], ctx.account, "subscription");
  if (sub.status === "canceled") throw new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such subscription: '${sub.id}'`, param: "id" });
  sub.cancellation_details = { comment: null, feedback: null, feedback_option: null, reason: "cancellation_requested" };
  sub.canceled_at = ctx.sb.now();
  endSubscription(ctx.sb, sub, ctx.account);
  return sub;
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Subscription> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, customer: "string", status: "string", price: "string" });
  const rows = ctx.sb
    .rows("subscriptions", ctx.account)
    .filter((s) => (p.customer === undefined || s.customer === p.customer) && (p.status === undefined ? s.status !== "canceled" : p.status === "all" || s.status === p.status) && (p.price === undefined || s.items.data.some((i) => i.price.id === p.price)));
  return paginate(rows, p, "/v1/subscriptions");
}

export const subscriptionRoutes = [
  route("GET", "/v1/subscriptions", list),
  route("POST", "/v1/subscriptions", create),
  route("GET", "/v1/subscriptions/:id", retrieve),
  route("POST", "/v1/subscriptions/:id", update),
  route("DELETE", "/v1/subscriptions/:id", cancel),
];
