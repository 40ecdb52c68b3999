import { describe, expect, it } from "vitest";
import { onboardingState } from "./coach-state";

describe("a coach's onboarding state", () => {
  it("reads the Connect state the webhook stored", () => {
    expect(onboardingState(null)).toBe("notStarted");
    expect(onboardingState({ stripeAccountId: null })).toBe("notStarted");
    expect(onboardingState({ stripeAccountId: "acct_1", chargesEnabled: true, payoutsEnabled: true })).toBe("ready");
    expect(onboardingState({ stripeAccountId: "acct_1", chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false, requirementsDue: ["external_account"] })).toBe("inProgress");
    expect(onboardingState({ stripeAccountId: "acct_1", chargesEnabled: true, payoutsEnabled: false, detailsSubmitted: true, requirementsDue: ["individual.dob.day"] })).toBe("inProgress");
    expect(onboardingState({ stripeAccountId: "acct_1", chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: true, requirementsDue: [] })).toBe("checking");
  });
});
