/** Coach onboarding callables: thin triggers over app/connect/onboarding.ts. */
import { z } from "zod";
import { coachDashboardLink as dashboardLinkUseCase, startCoachOnboarding as startOnboardingUseCase } from "../app/connect/onboarding";
import { stripeSecretKey } from "../config/params";
import { kassaCallable } from "./callable";
import { connectGateway, onboardingDeps, payoutStore } from "./payout-deps";

export const startCoachOnboarding = kassaCallable("startCoachOnboarding", z.strictObject({}), (_input, caller) => startOnboardingUseCase(onboardingDeps(), caller), {
  secrets: [stripeSecretKey],
});

export const coachDashboardLink = kassaCallable("coachDashboardLink", z.strictObject({}), (_input, caller) => dashboardLinkUseCase({ store: payoutStore(), gateway: connectGateway() }, caller), {
  secrets: [stripeSecretKey],
});
