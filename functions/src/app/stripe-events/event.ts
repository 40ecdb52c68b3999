/**
 * A verified Stripe event as stored in `stripeEvents/{id}`, and the shape of the handlers
 * the processor dispatches to. Handlers read only the fields they need from
 * `data.object` (no SDK types in app/), must be idempotent (the same event may be processed
 * again after a failure) and order-tolerant (a late event must not move state backwards).
 */
export type { EventOutcome, StripeEventRecord } from "../../ports/event-store";
import type { EventOutcome, StripeEventRecord } from "../../ports/event-store";

export type EventHandler = (event: StripeEventRecord) => Promise<EventOutcome>;
export type EventHandlers = Readonly<Record<string, EventHandler>>;

/** Reading helpers: Stripe objects are untyped here, so fields are checked as they are read. */
export const str = (o: Record<string, unknown>, key: string): string | null =>
  typeof o[key] === "string" ? (o[key] as string) : null;
export const num = (o: Record<string, unknown>, key: string): number | null =>
  typeof o[key] === "number" ? (o[key] as number) : null;
export const obj = (o: Record<string, unknown>, key: string): Record<string, unknown> =>
  o[key] && typeof o[key] === "object" ? (o[key] as Record<string, unknown>) : {};
/** An expandable field: either the id string or the expanded object's id. */
export const idOf = (o: Record<string, unknown>, key: string): string | null => {
  const v = o[key];
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && typeof (v as { id?: unknown }).id === "string")
    return (v as { id: string }).id;
  return null;
};
