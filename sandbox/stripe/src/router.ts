import type { Sandbox } from "./sandbox.js";

export interface Ctx {
  sb: Sandbox;
  /** The account the request acts on: the platform, or the Stripe-Account header's account. */
  account: string;
  /** True when the call came with a Stripe-Account header. */
  connected: boolean;
  params: Record<string, unknown>;
  /** Values captured by `:name` segments, in order. */
  args: string[];
  method: string;
}

export type Handler = (ctx: Ctx) => unknown;

export interface Route {
  method: string;
  /** The route as written, e.g. `/v1/payouts/:id/cancel`: what the request log and conformance suite key on. */
  path: string;
  pattern: RegExp;
  handler: Handler;
}

export const compile = (path: string): RegExp => new RegExp("^" + path.replace(/:[a-z_]+/g, "([^/]+)") + "$");

export function route(method: string, path: string, handler: Handler): Route {
  return { method, path, pattern: compile(path), handler };
}

export function match<R extends { method: string; pattern: RegExp }>(routes: R[], method: string, path: string): { route: R; args: string[] } | null {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (m) return { route: r, args: m.slice(1).map((a) => decodeURIComponent(a)) };
  }
  return null;
}
