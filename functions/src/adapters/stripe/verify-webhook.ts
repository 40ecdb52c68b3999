/**
 * Signature check on the raw body, exactly as Stripe signs it (HMAC over "t.body", 5-minute
 * tolerance against replays). Anything that fails is invalid input: the webhook answers 400
 * and stores nothing.
 */
import type Stripe from "stripe";
import type { StripeEventRecord } from "../../ports/event-store";
import { DomainError } from "../../domain/errors";

export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function verifyStripeEvent(
  stripe: Stripe,
  rawBody: Buffer,
  signature: string | undefined,
  secret: string,
): StripeEventRecord {
  if (!signature)
    throw new DomainError(
      "invalid_input",
      "Stripe-Signature header is missing",
      "Stripe-Signature",
    );
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
  } catch (e) {
    throw new DomainError(
      "invalid_input",
      `signature check failed: ${(e as Error).message}`,
      "Stripe-Signature",
    );
  }
  const data = event.data as unknown as StripeEventRecord["data"];
  return {
    id: event.id,
    type: event.type,
    account: event.account ?? null,
    created: event.created,
    livemode: event.livemode,
    data: {
      object: data.object,
      ...(data.previous_attributes ? { previous_attributes: data.previous_attributes } : {}),
    },
  };
}
