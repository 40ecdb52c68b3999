import type Stripe from "stripe";
import { invalid } from "../errors.js";
import { validate } from "../form.js";
import { newId } from "../ids.js";
import { listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import type { Sandbox } from "../sandbox.js";
import { mergeMetadata } from "./customers.js";

const fields = { name: "string", description: "string", active: "bool", metadata: "metadata", url: "string", statement_descriptor: "string", unit_label: "string" } as const;

export function newProduct(sb: Sandbox, owner: string, p: Stripe.ProductCreateParams): Stripe.Product {
  const now = sb.now();
  const product: Stripe.Product = {
    id: p.id ?? newId("prod", 14),
    object: "product",
    active: p.active ?? true,
    created: now,
    default_price: null,
    description: p.description ?? null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: (p.metadata as Record<string, string> | undefined) ?? {},
    name: p.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: p.statement_descriptor ?? null,
    tax_code: null,
    tax_details: null,
    type: "service",
    unit_label: p.unit_label ?? null,
    updated: now,
    url: p.url ?? null,
  };
  sb.put("products", product, owner);
  sb.emit("product.created", product, { account: owner });
  return product;
}

function create(ctx: Ctx): Stripe.Product {
  const p = validate<Stripe.ProductCreateParams>(ctx.params, { ...fields, "name!": "string", id: "string" });
  if (p.id && ctx.sb.state.products[p.id]) {
    throw invalid(`Product already exists.`, "id", "resource_already_exists");
  }
  return newProduct(ctx.sb, ctx.account, p);
}

function retrieve(ctx: Ctx): Stripe.Product {
  validate(ctx.params, {});
  return ctx.sb.get("products", ctx.args[0], ctx.account, "product");
}

function update(ctx: Ctx): Stripe.Product {
  const p = validate<Stripe.ProductUpdateParams>(ctx.params, fields);
  const product = ctx.sb.get("products", ctx.args[0], ctx.account, "product");
  const previous: Record<string, unknown> = {};
  if (p.name !== undefined) {
    previous.name = product.name;
    product.name = p.name;
  }
  if (p.description !== undefined) {
    previous.description = product.description;
    product.description = p.description || null;
  }
  if (p.active !== undefined) {
    previous.active = product.active;
    product.active = p.active;
  }
  if (p.metadata !== undefined) {
    previous.metadata = product.metadata;
    product.metadata = mergeMetadata(product.metadata, p.metadata);
  }
  product.updated = ctx.sb.now();
  ctx.sb.emit("product.updated", product, { account: ctx.account, previous });
  return product;
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Product> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, active: "bool" });
  const rows = ctx.sb.rows("products", ctx.account).filter((r) => p.active === undefined || r.active === p.active);
  return paginate(rows, p, "/v1/products");
}

export const productRoutes = [
  route("POST", "/v1/products", create),
  route("GET", "/v1/products", list),
  route("GET", "/v1/products/:id", retrieve),
  route("POST", "/v1/products/:id", update),
];
