/** Dual control: a second admin approves or rejects what another admin asked for. */
import { z } from "zod";
import { contract } from "./contract";

const approvalId = z.string({ error: "is required" }).min(1, "is required").max(300, "is too long").regex(/^[A-Za-z0-9_:.@-]+$/, "is not a request id");

export const approveRequest = contract<{ state: string }>()({
  name: "approveRequest",
  input: z.strictObject({ approvalId }),
  errors: ["not-found", "failed-precondition", "aborted"],
  reasons: ["approval_self", "refund_exceeds_remaining", "already_refunded"],
});

export const rejectRequest = contract<{ state: string }>()({
  name: "rejectRequest",
  input: z.strictObject({ approvalId, reason: z.string({ error: "is required" }).trim().min(3, "say why, in a few words").max(500, "is too long") }),
  errors: ["not-found", "failed-precondition"],
});
