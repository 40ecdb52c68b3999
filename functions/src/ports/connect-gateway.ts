/**
 * What Kassa needs from Stripe Connect to onboard coaches and pay them out. The Stripe
 * adapter (adapters/stripe/stripe-connect-gateway.ts) implements it; unit tests use a fake.
 * Errors are DomainErrors: provider_unavailable (retry later) or provider_rejected with
 * `details.stripeCode` (e.g. "balance_insufficient", "payouts_not_allowed").
 */
import type { Currency } from "../domain/money";

/** The connected account as Kassa stores it on `coaches/{uid}`. */
export interface ConnectAccountState {
  accountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
  disabledReason: string | null;
}

export interface CreatePayoutInput {
  accountId: string;
  amount: number;
  currency: Currency;
  /** Kassa payout id for attempt 1, `${payoutId}:retry-${n}` after an admin retry. */
  idempotencyKey: string;
  /** Sent as metadata so payout events find the Kassa payout even before we stored Stripe's id. */
  payoutId: string;
  attempt: number;
}

export interface ConnectGateway {
  /** Creates the coach's Express account (manual payouts) once per coach: the key is derived from the uid. */
  createAccount(input: {
    coachId: string;
    email: string | null;
    country: string;
  }): Promise<ConnectAccountState>;
  accountLink(input: { accountId: string; returnUrl: string; refreshUrl: string }): Promise<string>;
  loginLink(accountId: string): Promise<string>;
  /** Stripe's available and pending balance of the connected account in one currency. */
  balance(accountId: string, currency: Currency): Promise<{ available: number; pending: number }>;
  createPayout(input: CreatePayoutInput): Promise<{ stripePayoutId: string; status: string }>;
}
