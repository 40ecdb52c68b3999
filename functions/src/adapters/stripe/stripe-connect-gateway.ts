/**
 * ConnectGateway over the Stripe SDK. Every POST carries an idempotency key Kassa chose:
 * the coach's uid for the account, the payout attempt for payouts, so a retry after a lost
 * response gets the first result back instead of a second account or payout.
 */
import type Stripe from "stripe";
import type { Currency } from "../../domain/money";
import type {
  ConnectAccountState,
  ConnectGateway,
  CreatePayoutInput,
} from "../../ports/connect-gateway";
import { payoutPacer, type RequestPacer } from "./request-pacer";
import { stripeCall } from "./stripe-errors";

export const accountStateOf = (a: Stripe.Account): ConnectAccountState => ({
  accountId: a.id,
  chargesEnabled: a.charges_enabled === true,
  payoutsEnabled: a.payouts_enabled === true,
  detailsSubmitted: a.details_submitted === true,
  requirementsDue: a.requirements?.currently_due ?? [],
  disabledReason: a.requirements?.disabled_reason ?? null,
});

export class StripeConnectGateway implements ConnectGateway {
  constructor(
    private readonly stripe: Stripe,
    private readonly pacer: RequestPacer = payoutPacer,
  ) {}

  async createAccount(input: {
    coachId: string;
    email: string | null;
    country: string;
  }): Promise<ConnectAccountState> {
    const account = await stripeCall("create connected account", () =>
      this.stripe.accounts.create(
        {
          // Stripe collects KYC, the coach sees the Express dashboard, fees and losses sit
          // with the platform (destination charges): the "express" controller properties.
          controller: {
            fees: { payer: "application" },
            losses: { payments: "application" },
            requirement_collection: "stripe",
            stripe_dashboard: { type: "express" },
          },
          country: input.country,
          ...(input.email ? { email: input.email } : {}),
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          // Manual: Kassa decides when money leaves (weekly run, requests), never Stripe's daily schedule.
          settings: { payouts: { schedule: { interval: "manual" } } },
          metadata: { kassaCoachId: input.coachId },
        },
        { idempotencyKey: `kassa-coach-account-${input.coachId}` },
      ),
    );
    return accountStateOf(account);
  }

  async accountLink(input: {
    accountId: string;
    returnUrl: string;
    refreshUrl: string;
  }): Promise<string> {
    const link = await stripeCall("create account link", () =>
      this.stripe.accountLinks.create({
        account: input.accountId,
        type: "account_onboarding",
        return_url: input.returnUrl,
        refresh_url: input.refreshUrl,
      }),
    );
    return link.url;
  }

  async loginLink(accountId: string): Promise<string> {
    const link = await stripeCall("create login link", () =>
      this.stripe.accounts.createLoginLink(accountId),
    );
    return link.url;
  }

  async balance(
    accountId: string,
    currency: Currency,
  ): Promise<{ available: number; pending: number }> {
    const b = await stripeCall("read connected balance", () =>
      this.stripe.balance.retrieve({}, { stripeAccount: accountId }),
    );
    const pick = (rows: { amount: number; currency: string }[]) =>
      rows.filter((r) => r.currency === currency).reduce((s, r) => s + r.amount, 0);
    return { available: pick(b.available), pending: pick(b.pending) };
  }

  async createPayout(
    input: CreatePayoutInput,
  ): Promise<{ stripePayoutId: string; status: string }> {
    await this.pacer.turn();
    const payout = await stripeCall("create payout", () =>
      this.stripe.payouts.create(
        {
          amount: input.amount,
          currency: input.currency,
          description: "Kassa payout",
          // Lets payout events find the Kassa payout even if Stripe's id was never stored.
          metadata: { kassaPayoutId: input.payoutId, kassaAttempt: String(input.attempt) },
        },
        { stripeAccount: input.accountId, idempotencyKey: input.idempotencyKey },
      ),
    );
    return { stripePayoutId: payout.id, status: payout.status };
  }
}
