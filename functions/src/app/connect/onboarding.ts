/**
 * Coach onboarding to Stripe Connect. The connected account is created once per coach even
 * when the button is pressed twice at the same moment: the Stripe call carries an
 * idempotency key derived from the uid (both calls get the same account back) and the
 * account id is stored only if none is stored yet.
 */
import { requireRole, type Caller } from "../caller";
import { DomainError } from "../../domain/errors";
import type { Clock } from "../../ports/clock";
import type { ConnectAccountState, ConnectGateway } from "../../ports/connect-gateway";
import type { PayoutStore } from "../../ports/payout-store";
import { withCoachDefaults } from "../payouts/payout-records";

export interface OnboardingDeps {
  store: PayoutStore;
  gateway: ConnectGateway;
  clock: Clock;
  webAppUrl: string;
}

export const coachPatchOf = (s: ConnectAccountState) => ({
  stripeAccountId: s.accountId,
  chargesEnabled: s.chargesEnabled,
  payoutsEnabled: s.payoutsEnabled,
  detailsSubmitted: s.detailsSubmitted,
  requirementsDue: s.requirementsDue,
  disabledReason: s.disabledReason,
});

export async function startCoachOnboarding(deps: OnboardingDeps, caller: Caller): Promise<{ url: string; accountId: string }> {
  requireRole(caller, "coach");
  const uid = caller.uid;
  const now = () => deps.clock.now().getTime();
  let accountId = await deps.store.transact(async (tx) => {
    const coach = await tx.getCoach(uid);
    if (coach?.stripeAccountId) return coach.stripeAccountId;
    // Reserve the document so the coach shows as "onboarding started" even if Stripe is slow.
    tx.updateCoach(uid, { ...withCoachDefaults(uid, coach, now()), updatedAt: now() });
    return null;
  });
  if (!accountId) {
    const created = await deps.gateway.createAccount({ coachId: uid, email: caller.email, country: "SE" });
    accountId = await deps.store.transact(async (tx) => {
      const coach = await tx.getCoach(uid);
      if (coach?.stripeAccountId) return coach.stripeAccountId;
      tx.updateCoach(uid, { ...coachPatchOf(created), updatedAt: now() });
      return created.accountId;
    });
  }
  const base = deps.webAppUrl.replace(/\/$/, "");
  const url = await deps.gateway.accountLink({ accountId, returnUrl: `${base}/coach?onboarding=return`, refreshUrl: `${base}/coach?onboarding=refresh` });
  return { url, accountId };
}

export async function coachDashboardLink(deps: Pick<OnboardingDeps, "store" | "gateway">, caller: Caller): Promise<{ url: string }> {
  requireRole(caller, "coach");
  const coach = await deps.store.transact((tx) => tx.getCoach(caller.uid));
  if (!coach?.stripeAccountId) throw new DomainError("precondition", "Start onboarding first: you have no Stripe account yet.", "account");
  if (!coach.detailsSubmitted) throw new DomainError("precondition", "Finish onboarding first: Stripe's dashboard opens once your details are submitted.", "account");
  return { url: await deps.gateway.loginLink(coach.stripeAccountId) };
}
