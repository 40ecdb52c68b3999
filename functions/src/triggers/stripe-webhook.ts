import { logger } from "firebase-functions";
import { onRequest } from "firebase-functions/v2/https";
import type { defineSecret } from "firebase-functions/params";
import { db } from "../adapters/firebase/admin";
import { FirestoreEventStore } from "../adapters/firebase/firestore-event-store";
import { isLiveKey, stripeClient } from "../adapters/stripe/stripe-client";
import { verifyStripeEvent } from "../adapters/stripe/verify-webhook";
import { ingestStripeEvent } from "../app/stripe-events/ingest-event";
import { stripeConnectWebhookSecret, stripeSecretKey, stripeWebhookSecret } from "../config/params";
import { runtimeClock as systemClock } from "../adapters/clock/stack-clock";
import { toHttpStatus } from "./errors";
import { runAs } from "./run-as";

/** Stripe's events are a few kB; anything far larger is not from Stripe. */
const MAX_BODY_BYTES = 512 * 1024;

function makeStripeWebhook(
  name: "stripeWebhook" | "stripeConnectWebhook",
  endpoint: "platform" | "connect",
  secret: ReturnType<typeof defineSecret>,
) {
  // Sized for floods: a refused (unsigned) request costs no Firestore work and about a
  // millisecond, so 100 instances x 80 concurrent requests take far more junk than an attacker
  // cheaply sends, while Stripe's real deliveries (retried for three days on a 429) get through.
  return onRequest({ ...runAs(name), secrets: [stripeSecretKey, secret], concurrency: 80, maxInstances: 100 }, async (req, res) => {
    if (req.method !== "POST") {
      res.status(405).json({ error: "use POST" });
      return;
    }
    try {
      const raw = req.rawBody;
      if (!raw || raw.length === 0) {
        res.status(400).json({ error: "empty body" });
        return;
      }
      if (raw.length > MAX_BODY_BYTES) {
        res.status(400).json({ error: `body larger than ${MAX_BODY_BYTES} bytes` });
        return;
      }
      const event = verifyStripeEvent(
        stripeClient(),
        raw,
        req.header("stripe-signature"),
        secret.value(),
      );
      const stored = await ingestStripeEvent(
        {
          events: new FirestoreEventStore(db()),
          clock: systemClock,
          expectLivemode: isLiveKey(stripeSecretKey.value()),
          endpoint,
        },
        event,
      );
      logger.info("stripe event received", {
        eventId: event.id,
        type: event.type,
        account: event.account,
        stored,
      });
      res.status(200).json({ received: true, duplicate: stored === "duplicate" });
    } catch (error) {
      const status = toHttpStatus(error);
      const message = error instanceof Error ? error.message : String(error);
      // Labelled so a log-based metric counts refusals and alerts on a flood (README, Deploying).
      logger.warn("stripe webhook refused", { endpoint, status, message, "logging.googleapis.com/labels": { kassa: "webhook_refused" } });
      res
        .status(status)
        .json({ error: status >= 500 ? "could not store the event; Stripe will retry" : message });
    }
  });
}

export const stripeWebhook = makeStripeWebhook("stripeWebhook", "platform", stripeWebhookSecret);
export const stripeConnectWebhook = makeStripeWebhook("stripeConnectWebhook", "connect", stripeConnectWebhookSecret);
