import type Stripe from "stripe";
import { invalid } from "../errors.js";
import type { Fields } from "../form.js";
import { obj, oneOf, requireOneOf, validate } from "../form.js";
import { newId } from "../ids.js";
import { listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import type { Sandbox } from "../sandbox.js";
import { mergeMetadata, } from "./customers.js";
import { newProduct } from "./products.js";

export const recurringSpec = obj({ "interval!": oneOf("day", "week", "month", "year"), interval_count: "amount" });
export const priceDataFields: Fields = {
  "currency!": "currency",
  "unit_amount!": "nonneg",
  product: "id",
  product_data: obj({ "name!": "string", metadata: "metadata" }),
  recurring: recurringSpec,
  tax_behavior: oneOf("inclusive", "exclusive", "unspecified"),
};

export function newPrice(
  sb: Sandbox,
  owner: string,
  p: { currency: string; unit_amount?: number; product?: string; product_data?: { name: string; description?: string; metadata?: Stripe.MetadataParam }; recurring?: { interval: Stripe.Price.Recurring.Interval; interval_count?: number }; metadata?: Stripe.MetadataParam; nickname?: string; lookup_key?: string; active?: boolean },
): Stripe.Price {
  requireOneOf(p as Record<string, unknown>, ["product", "product_data"]);
  const product = p.product ? sb.ref("products", p.product, owner, "product", "product") : newProduct(sb, owner, { name: p.product_data?.name ?? "", description: p.product_data?.description, metadata: p.product_data?.metadata });
  const price: Stripe.Price = {
    id: newId("price", 24),
    object: "price",
    active: p.active ?? true,
    billing_scheme: "per_unit",
    created: sb.now(),
    currency: p.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: p.lookup_key ?? null,
    metadata: (p.metadata as Record<string, string> | undefined) ?? {},
    nickname: p.nickname ?? null,
    product: product.id,
    recurring: p.recurring ? { interval: p.recurring.interval, interval_count: p.recurring.interval_count ?? 1, meter: null, trial_period_days: null, usage_type: "licensed" } : null,
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: p.recurring ? "recurring" : "one_time",
    unit_amount: p.unit_amount ?? null,
    // The SDK models this as its Decimal class; in JSON Stripe sends a string we do not need.
    unit_amount_decimal: null,
  };
  sb.put("prices", price, owner);
  if (product.default_price === null) product.default_price = price.id;
  sb.emit("price.created", price, { account: owner });
  return price;
}

function create(ctx: Ctx): Stripe.Price {
  const p = validate<Stripe.PriceCreateParams>(ctx.params, { ...priceDataFields, metadata: "metadata", nickname: "string", lookup_key: "string", active: "bool" });
  if (p.recurring && p.unit_amount === 0) throw invalid("Recurring prices must have a positive unit_amount.", "unit_amount");
  return newPrice(ctx.sb, ctx.account, {
    currency: p.currency,
    unit_amount: p.unit_amount,
    product: p.product,
    product_data: p.product_data ? { name: p.product_data.name, metadata: p.product_data.metadata } : undefined,
    recurring: p.recurring ? { interval: p.recurring.interval, interval_count: p.recurring.interval_count } : undefined,
    metadata: p.metadata,
    nickname: p.nickname,
    lookup_key: p.lookup_key,
    active: p.active,
  });
}

function retrieve(ctx: Ctx): Stripe.Price {
  validate(ctx.params, {});
  return ctx.sb.get("prices", ctx.args[0], ctx.account, "price");
}

function update(ctx: Ctx): Stripe.Price {
  const p = validate<Stripe.PriceUpdateParams>(ctx.params, { active: "bool", metadata: "metadata", nickname: "string", lookup_key: "string" });
  const price = ctx.sb.get("prices", ctx.args[0], ctx.account, "price");
  const previous: Record<string, unknown> = {};
  if (p.active !== undefined) {
    previous.active = price.active;
    price.active = p.active;
  }
  if (p.nickname !== undefined) {
    previous.nickname = price.nickname;
    price.nickname = p.nickname || null;
  }
  if (p.lookup_key !== undefined) {
    previous.lookup_key = price.lookup_key;
    price.lookup_key = p.lookup_key || null;
  }
  if (p.metadata !== undefined) {
    previous.metadata = price.metadata;
    price.metadata = mergeMetadata(price.metadata, p.metadata);
  }
  ctx.sb.emit("price.updated", price, { account: ctx.account, previous });
  return price;
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Price> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, active: "bool", product: "string", lookup_keys: { kind: "array", of: "string" }, type: oneOf("one_time", "recurring") });
  const keys = p.lookup_keys as string[] | undefined;
  const rows = ctx.sb
    .rows("prices", ctx.account)
    .filter((r) => (p.active === undefined || r.active === p.active) && (p.product === undefined || r.product === p.product) && (p.type === undefined || r.type === p.type) && (!keys || (r.lookup_key !== null && keys.includes(r.lookup_key))));
  return paginate(rows, p, "/v1/prices");
}

export const priceRoutes = [
  route("POST", "/v1/prices", create),
  route("GET", "/v1/prices", list),
  route("GET", "/v1/prices/:id", retrieve),
  route("POST", "/v1/prices/:id", update),
];
