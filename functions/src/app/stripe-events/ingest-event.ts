/**
 * The webhook's whole job after the signature check: refuse events from the wrong mode,
 * store the event once (a redelivery is acknowledged, not stored again) and return fast.
 * Processing happens in the trigger on the stored document, so Stripe gets its 2xx within
 * milliseconds of the write and a slow handler never causes a redelivery storm.
 */
import { DomainError } from "../../domain/errors";
import type { Clock } from "../../ports/clock";
import type { EventStore } from "../../ports/event-store";
import type { StripeEventRecord } from "./event";

export async function ingestStripeEvent(
  deps: {
    events: EventStore;
    clock: Clock;
    expectLivemode: boolean;
    endpoint: "platform" | "connect";
  },
  event: StripeEventRecord,
): Promise<"stored" | "duplicate"> {
  if (event.livemode !== deps.expectLivemode) {
    throw new DomainError(
      "invalid_input",
      `a ${event.livemode ? "live" : "test"} event reached a ${deps.expectLivemode ? "live" : "test"} deployment`,
      "livemode",
    );
  }
  if (deps.endpoint === "connect" && !event.account) {
    throw new DomainError("invalid_input", "a Connect event must name its account", "account");
  }
  // Stripe sends a connected account's events only to Connect endpoints: one that names an
  // account on the platform endpoint was signed for, or replayed from, somewhere else.
  if (deps.endpoint === "platform" && event.account) {
    throw new DomainError("invalid_input", `an event of connected account ${event.account} arrived on the platform endpoint; Stripe sends those to the Connect endpoint only`, "account");
  }
  return deps.events.record(event, deps.clock.now().getTime(), deps.endpoint);
}
