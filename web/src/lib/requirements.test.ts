import { describe, expect, it } from "vitest";
import { requirementSteps } from "./requirements";

describe("requirementSteps", () => {
  it("names each Stripe requirement as one checklist step, merging the fields of one step", () => {
    const steps = requirementSteps(["external_account", "individual.dob.day", "individual.dob.month", "individual.dob.year", "business_profile.url", "individual.verification.document", "tos_acceptance.date", "tos_acceptance.ip"]);
    expect(steps.map((s) => s.key)).toEqual(["external_account", "individual.dob", "business_profile.url", "individual.verification.document", "tos_acceptance"]);
  });
  it("keeps an unknown code as a generic step that names it", () => {
    expect(requirementSteps(["settings.payouts.schedule", "x.y"])).toEqual([
      { key: "other", code: "settings.payouts.schedule" },
      { key: "other", code: "x.y" },
    ]);
  });
  it("does not take a prefix that is only part of a word", () => {
    expect(requirementSteps(["individual.dobby"])[0]!.key).toBe("other");
  });
});
