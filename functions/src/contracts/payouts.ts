/** Coach payout requests and the admin's decisions on them. */
import { z } from "zod";
import { contract } from "./contract";
import { none } from "./fields";

const payoutIdInput = z.strictObject({ payoutId: z.string({ error: "is required" }).min(1, "is required").max(300, "is too long") });
/** Decisions carry an optional reason for the audit trail. */
const decisionInput = payoutIdInput.extend({ reason: z.string().max(500, "is too long").optional() });
const decisionErrors = ["not-found", "failed-precondition"] as const;

export const runWeeklyPayoutNow = contract<{ runId: string; started: boolean }>()({ name: "runWeeklyPayoutNow", input: none, errors: ["failed-precondition"] });

export const requestPayout = contract<{ payoutId: string; status: string }>()({
  name: "requestPayout",
  input: z.strictObject({ amount: z.number({ error: "must be a number in minor units" }), currency: z.string({ error: "is required" }) }),
  // failed-precondition: onboarding not finished or payouts disabled; already-exists: a request is open.
  errors: ["failed-precondition", "already-exists", "unavailable"],
  reasons: ["amount_not_positive", "exceeds_balance", "exceeds_stripe_available", "below_minimum", "no_earnings", "onboarding_incomplete", "account_restricted", "payout_open"],
});

/** What the coach can be paid now (the ledger's available, capped by Stripe's available); coaches only. */
export const payableNow = contract<{ currency: string; available: number; stripeAvailable: number | null; payableNow: number }>()({
  name: "payableNow",
  input: z.strictObject({ currency: z.string({ error: "is required" }) }),
  errors: ["unavailable"],
});

export const cancelPayoutRequest = contract<{ status: string }>()({ name: "cancelPayoutRequest", input: decisionInput, errors: decisionErrors });
export const approvePayout = contract<{ status: string; approvals: number; requiredApprovals: number }>()({
  name: "approvePayout",
  input: decisionInput,
  errors: [...decisionErrors, "already-exists"],
});
export const rejectPayout = contract<{ status: string }>()({ name: "rejectPayout", input: decisionInput, errors: decisionErrors });
export const retryPayout = contract<{ status: string; attempt: number }>()({ name: "retryPayout", input: decisionInput, errors: decisionErrors });
