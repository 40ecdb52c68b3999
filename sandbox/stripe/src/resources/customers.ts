import type Stripe from "stripe";
import { validate } from "../form.js";
import { newId } from "../ids.js";
import { listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import type { Sandbox } from "../sandbox.js";

const fields = { email: "string", name: "string", description: "string", phone: "string", metadata: "metadata", preferred_locales: { kind: "array", of: "string" } } as const;

export function newCustomer(sb: Sandbox, owner: string, p: Stripe.CustomerCreateParams): Stripe.Customer {
  const customer: Stripe.Customer = {
    id: newId("cus", 14),
    object: "customer",
    address: null,
    balance: 0,
    created: sb.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: p.description ?? null,
    discount: null,
    email: p.email ?? null,
    invoice_prefix: newId("X", 6).slice(2).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: (p.metadata as Record<string, string> | undefined) ?? {},
    name: p.name ?? null,
    next_invoice_sequence: 1,
    phone: p.phone ?? null,
    preferred_locales: p.preferred_locales ?? [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
  sb.put("customers", customer, owner);
  sb.emit("customer.created", customer, { account: owner });
  return customer;
}

function create(ctx: Ctx): Stripe.Customer {
  const p = validate<Stripe.CustomerCreateParams>(ctx.params, fields);
  return newCustomer(ctx.sb, ctx.account, p);
}

function retrieve(ctx: Ctx): Stripe.Customer {
  validate(ctx.params, {});
  return ctx.sb.get("customers", ctx.args[0], ctx.account, "customer");
}

function update(ctx: Ctx): Stripe.Customer {
  const p = validate<Stripe.CustomerUpdateParams>(ctx.params, fields);
  const c = ctx.sb.get("customers", ctx.args[0], ctx.account, "customer");
  const previous: Record<string, unknown> = {};
  for (const key of ["email", "name", "description", "phone"] as const) {
    if (p[key] !== undefined) {
      previous[key] = c[key];
      c[key] = p[key] === "" ? null : (p[key] ?? null);
    }
  }
  if (p.metadata !== undefined) {
    previous.metadata = c.metadata;
    c.metadata = mergeMetadata(c.metadata, p.metadata);
  }
  ctx.sb.emit("customer.updated", c, { account: ctx.account, previous });
  return c;
}

export function mergeMetadata(current: Stripe.Metadata, update: unknown): Stripe.Metadata {
  const patch = (update ?? {}) as Record<string, string>;
  if (Object.keys(patch).length === 0) return {};
  const out = { ...current, ...patch };
  for (const [k, v] of Object.entries(out)) if (v === "") delete out[k];
  return out;
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Customer> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, email: "string" });
  const rows = ctx.sb.rows("customers", ctx.account).filter((c) => p.email === undefined || c.email === p.email);
  return paginate(rows, p, "/v1/customers");
}

export const customerRoutes = [
  route("POST", "/v1/customers", create),
  route("GET", "/v1/customers", list),
  route("GET", "/v1/customers/:id", retrieve),
  route("POST", "/v1/customers/:id", update),
];
