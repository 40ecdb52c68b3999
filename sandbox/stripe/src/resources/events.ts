import type Stripe from "stripe";
import { arr, validate } from "../form.js";
import { listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";

function retrieve(ctx: Ctx): Stripe.Event {
  validate(ctx.params, {});
  return ctx.sb.get("events", ctx.args[0], ctx.account, "event");
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Event> {
  const p = validate<Record<string, unknown>>(ctx.params, { ...listFields, type: "string", types: arr("string") });
  const type = p.type as string | undefined;
  const types = p.types as string[] | undefined;
  const matches = (t: string): boolean => {
    if (types) return types.includes(t);
    if (!type) return true;
    // Stripe allows a trailing wildcard: `charge.*`.
    return type.endsWith("*") ? t.startsWith(type.slice(0, -1)) : t === type;
  };
  return paginate(ctx.sb.rows("events", ctx.account).filter((e) => matches(e.type)), p, "/v1/events");
}

export const eventRoutes = [route("GET", "/v1/events", list), route("GET", "/v1/events/:id", retrieve)];
