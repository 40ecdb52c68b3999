/** A coach's Stripe onboarding in one word for lists, from `coaches/{uid}` (absent: never started). */
import type { CoachDoc } from "../coach/payouts-api";

export type OnboardingState = "ready" | "notStarted" | "checking" | "inProgress";

export function onboardingState(coach: Partial<CoachDoc> | null | undefined): OnboardingState {
  if (!coach?.stripeAccountId) return "notStarted";
  if (coach.chargesEnabled && coach.payoutsEnabled) return "ready";
  // Submitted and nothing left to do: Stripe is the one still working.
  return coach.detailsSubmitted && (coach.requirementsDue ?? []).length === 0 ? "checking" : "inProgress";
}
