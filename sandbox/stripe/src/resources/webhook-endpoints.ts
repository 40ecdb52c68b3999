import { randomBytes } from "node:crypto";
import type Stripe from "stripe";
import { invalid } from "../errors.js";
import { arr, validate } from "../form.js";
import { newId } from "../ids.js";
import { listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import { API_VERSION } from "../sandbox.js";
import { mergeMetadata } from "./customers.js";

function create(ctx: Ctx): Stripe.WebhookEndpoint {
  const p = validate<Stripe.WebhookEndpointCreateParams>(ctx.params, {
    "url!": "url",
    "enabled_events!": arr("string"),
    connect: "bool",
    description: "string",
    metadata: "metadata",
    api_version: "string",
  });
  if (p.enabled_events.length === 0) throw invalid("enabled_events must not be empty.", "enabled_events");
  const endpoint: Stripe.WebhookEndpoint = {
    id: newId("we"),
    object: "webhook_endpoint",
    api_version: p.api_version ?? API_VERSION,
    application: null,
    created: ctx.sb.now(),
    description: p.description ?? null,
    enabled_events: [...p.enabled_events],
    livemode: false,
    metadata: (p.metadata as Record<string, string> | undefined) ?? {},
    secret: `whsec_${randomBytes(24).toString("base64url")}`,
    status: "enabled",
    url: p.url,
  };
  ctx.sb.put("webhookEndpoints", endpoint, ctx.account);
  ctx.sb.state.connectEndpoints[endpoint.id] = p.connect === true;
  ctx.sb.changed();
  return endpoint;
}

/** Stripe returns the secret only on create. */
const withoutSecret = (e: Stripe.WebhookEndpoint): Stripe.WebhookEndpoint => {
  const { secret: _secret, ...rest } = e;
  return rest;
};

function retrieve(ctx: Ctx): Stripe.WebhookEndpoint {
  validate(ctx.params, {});
  return withoutSecret(ctx.sb.get("webhookEndpoints", ctx.args[0], ctx.account, "webhook endpoint"));
}

function update(ctx: Ctx): Stripe.WebhookEndpoint {
  const p = validate<Stripe.WebhookEndpointUpdateParams>(ctx.params, { url: "url", enabled_events: arr("string"), disabled: "bool", description: "string", metadata: "metadata" });
  const e = ctx.sb.get("webhookEndpoints", ctx.args[0], ctx.account, "webhook endpoint");
  if (p.url !== undefined) e.url = p.url;
  if (p.enabled_events !== undefined) e.enabled_events = [...p.enabled_events];
  if (p.disabled !== undefined) e.status = p.disabled ? "disabled" : "enabled";
  if (p.description !== undefined) e.description = p.description || null;
  if (p.metadata !== undefined) e.metadata = mergeMetadata(e.metadata, p.metadata);
  ctx.sb.changed();
  return withoutSecret(e);
}

function del(ctx: Ctx): Stripe.DeletedWebhookEndpoint {
  validate(ctx.params, {}, { expand: false });
  const e = ctx.sb.get("webhookEndpoints", ctx.args[0], ctx.account, "webhook endpoint");
  delete ctx.sb.state.webhookEndpoints[e.id];
  delete ctx.sb.state.connectEndpoints[e.id];
  ctx.sb.changed();
  return { id: e.id, object: "webhook_endpoint", deleted: true };
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.WebhookEndpoint> {
  const p = validate<Record<string, unknown>>(ctx.params, listFields);
  return paginate(ctx.sb.rows("webhookEndpoints", ctx.account).map(withoutSecret), p, "/v1/webhook_endpoints");
}

export const webhookEndpointRoutes = [
  route("POST", "/v1/webhook_endpoints", create),
  route("GET", "/v1/webhook_endpoints", list),
  route("GET", "/v1/webhook_endpoints/:id", retrieve),
  route("POST", "/v1/webhook_endpoints/:id", update),
  route("DELETE", "/v1/webhook_endpoints/:id", del),
];
