/**
 * Processes one stored Stripe event: dispatch by type, record the outcome on the event
 * document. A failure is recorded with its reason and a time for the next attempt
 * (exponential backoff); after MAX_ATTEMPTS the event is "dead" and waits for an admin,
 * who can re-run it. Handlers are idempotent, so re-running a processed event is harmless.
 */
import { isDomainError } from "../../domain/errors";
import type { Clock } from "../../ports/clock";
import type { EventStore, StoredEvent } from "../../ports/event-store";
import type { EventHandlers, EventOutcome } from "./event";

export const MAX_ATTEMPTS = 6;
/** A stored event not picked up by its trigger within this time is processed by the sweeper. */
export const STUCK_AFTER_MS = 10 * 60_000;
const BASE_DELAY_MS = 60_000;

export interface ProcessEventDeps {
  events: EventStore;
  handlers: EventHandlers;
  clock: Clock;
  /**
   * Told when an event's last attempt fails, so someone looks (an admin alert). Called here
   * rather than from a trigger on every stripeEvents update, which would run a function for
   * each of the thousands of events that never die.
   */
  onDead?: (dead: { id: string; type: string; error: string }) => Promise<void>;
}

export const retryDelayMs = (attempts: number): number =>
  BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1);

export async function processStripeEvent(
  deps: ProcessEventDeps,
  eventId: string,
  options: { force?: boolean; stored?: StoredEvent } = {},
): Promise<EventOutcome | { result: "failed"; error: string }> {
  // The trigger passes the document it fired for, saving a read on the hot path.
  const event = options.stored ?? (await deps.events.get(eventId));
  if (!event) return { result: "ignored", note: `event ${eventId} is not stored` };
  if (!options.force && (event.status === "processed" || event.status === "ignored")) {
    return { result: "ignored", note: "already processed" };
  }
  const attempts = event.attempts + 1;
  const handler = deps.handlers[event.type];
  if (!handler) {
    const outcome: EventOutcome = {
      result: "ignored",
      note: `Kassa does not act on ${event.type}`,
    };
    await deps.events.markDone(eventId, outcome, attempts);
    return outcome;
  }
  try {
    const outcome = await handler(event);
    await deps.events.markDone(eventId, outcome, attempts);
    return outcome;
  } catch (error) {
    const message = isDomainError(error) || error instanceof Error ? error.message : String(error);
    const dead = attempts >= MAX_ATTEMPTS;
    await deps.events.markFailed(eventId, {
      error: message,
      attempts,
      dead,
      nextAttemptAt: dead ? null : deps.clock.now().getTime() + retryDelayMs(attempts),
    });
    if (dead) await deps.onDead?.({ id: eventId, type: event.type, error: message });
    return { result: "failed", error: message };
  }
}

/** The sweeper: re-runs failed events whose backoff has passed, and events their trigger missed. */
export async function retryDueEvents(
  deps: ProcessEventDeps,
  limit = 50,
): Promise<{ retried: number }> {
  const now = deps.clock.now().getTime();
  const due = await deps.events.dueForRetry(now, limit, now - STUCK_AFTER_MS);
  for (const id of due) await processStripeEvent(deps, id);
  return { retried: due.length };
}
