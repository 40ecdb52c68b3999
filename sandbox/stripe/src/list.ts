import type Stripe from "stripe";
import { invalid } from "./errors.js";
import type { Spec } from "./form.js";

export const listFields = { limit: "int", starting_after: "string", ending_before: "string" } as const;

/** Cursor pagination over newest-first rows, with Stripe's limit bounds (1..100, default 10). */
export function paginate<T extends { id?: string }>(rows: T[], params: Record<string, unknown>, url: string): Stripe.ApiList<T> {
  const limit = params.limit === undefined ? 10 : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalid("Invalid limit: must be between 1 and 100.", "limit");
  let start = 0;
  let end = rows.length;
  if (typeof params.starting_after === "string") {
    const i = rows.findIndex((r) => r.id === params.starting_after);
    if (i < 0) throw invalid(`No such object: '${params.starting_after}'`, "starting_after", "resource_missing");
    start = i + 1;
  }
  if (typeof params.ending_before === "string") {
    const i = rows.findIndex((r) => r.id === params.ending_before);
    if (i < 0) throw invalid(`No such object: '${params.ending_before}'`, "ending_before", "resource_missing");
    end = i;
    start = Math.max(start, end - limit);
  }
  const data = rows.slice(start, Math.min(end, start + limit));
  return { object: "list", data, has_more: start + limit < end, url };
}

export function emptyList<T>(url: string): Stripe.ApiList<T> {
  return { object: "list", data: [], has_more: false, url };
}

/** `created` filters as Stripe takes them: `created=<unix>` or `created[gte|gt|lte|lt]=<unix>`. */
export const createdFilter: Spec = { kind: "range" };

export type CreatedFilter = number | { gt?: number; gte?: number; lt?: number; lte?: number } | undefined;

export function inCreated(created: number, f: unknown): boolean {
  if (f === undefined) return true;
  if (typeof f === "number") return created === f;
  const r = f as { gt?: number; gte?: number; lt?: number; lte?: number };
  return (r.gt === undefined || created > r.gt) && (r.gte === undefined || created >= r.gte) && (r.lt === undefined || created < r.lt) && (r.lte === undefined || created <= r.lte);
}
