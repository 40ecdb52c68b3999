/**
 * Signature check on the raw body, exactly as Stripe signs it (HMAC over "t.body", 5-minute
 * tolerance against replays). Anything that fails is invalid input: the webhook answers 400
 * and stores nothing.
 */
import type Stripe from "stripe";
import { z } from "zod";
import type { StripeEventRecord } from "../../ports/event-store";
import { DomainError } from "../../domain/errors";

export const WEBHOOK_TOLERANCE_SECONDS = 300;

const eventShape = z.object({
  id: z.string().regex(/^evt_/, "must be an event id"),
  type: z.string().min(1),
  created: z.number().int(),
  livemode: z.boolean(),
  account: z.string().nullish(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

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
  // A correctly signed body is still only as good as its shape: refuse anything that is not
  // an event object (400), rather than failing later (500) and inviting Stripe's retries.
  const shape = eventShape.safeParse(event);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    throw new DomainError(
      "invalid_input",
      `not a Stripe event: ${issue?.path.join(".") || "body"} ${issue?.message ?? ""}`.trim(),
      "body",
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
