/** Coach onboarding with Stripe Connect. */
import { contract } from "./contract";
import { none } from "./fields";

export const startCoachOnboarding = contract<{ url: string; accountId: string }>()({ name: "startCoachOnboarding", input: none, errors: ["aborted", "failed-precondition"] });
export const coachDashboardLink = contract<{ url: string }>()({ name: "coachDashboardLink", input: none, errors: ["failed-precondition", "not-found", "aborted"] });
