/** Coach onboarding callables: thin triggers over app/connect/onboarding.ts. */
import * as contracts from "../contracts/connect";
import { coachDashboardLink as dashboardLinkUseCase, startCoachOnboarding as startOnboardingUseCase } from "../app/connect/onboarding";
import { stripeSecretKey } from "../config/params";
import { kassaCallable } from "./callable";
import { connectGateway, onboardingDeps, payoutStore } from "./payout-deps";

export const startCoachOnboarding = kassaCallable(contracts.startCoachOnboarding, (_input, caller) => startOnboardingUseCase(onboardingDeps(), caller), {
  secrets: [stripeSecretKey],
});

export const coachDashboardLink = kassaCallable(contracts.coachDashboardLink, (_input, caller) => dashboardLinkUseCase({ store: payoutStore(), gateway: connectGateway() }, caller), {
  secrets: [stripeSecretKey],
});
