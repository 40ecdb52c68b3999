/**
 * Stripe's errors translated at the edge into Kassa's closed set (Medusa's pattern): callers
 * see "provider_unavailable" (retry later) or "provider_rejected" (Stripe said no, and why),
 * never an SDK class.
 */
import Stripe from "stripe";
import { DomainError } from "../../domain/errors";

export function translateStripeError(error: unknown, what: string): never {
  if (error instanceof Stripe.errors.StripeError) {
    const retryable =
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeRateLimitError ||
      error instanceof Stripe.errors.StripeAPIError ||
      (error.statusCode ?? 0) >= 500 ||
      error.statusCode === 409;
    throw new DomainError(
      retryable ? "provider_unavailable" : "provider_rejected",
      `Stripe ${retryable ? "is unavailable" : "refused"} (${what}): ${error.message}`,
      error.param ?? undefined,
      {
        stripeCode: error.code ?? null,
        stripeType: error.type,
        statusCode: error.statusCode ?? null,
      },
    );
  }
  throw error;
}

export async function stripeCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    translateStripeError(error, what);
  }
}
