import { PRIVATE } from "./invoker";
import { logger } from "firebase-functions";
import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { processStripeEvent, retryDueEvents } from "../app/stripe-events/process-event";
import { stripeSecretKey, TIME_ZONE } from "../config/params";
import type { StoredEvent } from "../ports/event-store";
import { processEventDeps } from "./payment-deps";
import { runAs } from "./run-as";

/** Processing of each stored event, off the webhook's request path. */
export const processStripeEventOnCreate = onDocumentCreated(
  { ...runAs("processStripeEventOnCreate"), document: "stripeEvents/{eventId}", secrets: [stripeSecretKey] },
  async (event) => {
    const stored = event.data?.data() as StoredEvent | undefined;
    const outcome = await processStripeEvent(processEventDeps(), event.params.eventId, stored ? { stored } : {});
    logger.info("stripe event processed", { eventId: event.params.eventId, ...outcome });
  },
);

/** Sweeper: failed events are retried with backoff until they succeed or are marked dead. */
export const retryFailedStripeEvents = onSchedule(
  { ...runAs("retryFailedStripeEvents"), schedule: "every 5 minutes", timeZone: TIME_ZONE, secrets: [stripeSecretKey], invoker: PRIVATE },
  async () => {
    const { retried } = await retryDueEvents(processEventDeps());
    if (retried > 0) logger.info("retried stripe events", { retried });
  },
);
