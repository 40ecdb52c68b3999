/** A user's own profile and an admin's role changes. */
import { z } from "zod";
import { contract } from "./contract";
import { ROLES, type Role } from "./vocabulary";

export const setUserRole = contract<{ uid: string; role: Role; status: "changed" | "unchanged" | "pending_approval" }>()({
  name: "setUserRole",
  input: z.strictObject({
    uid: z.string({ error: "is required" }).min(1, "is required").max(128, "is too long"),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
  }),
  errors: ["not-found", "failed-precondition"],
});

/**
 * After sign-in. `displayName` is the name a person typed when signing up: kept when the
 * profile has no name yet (a coach's programs are sold under it), never over one already set.
 */
export const ensureUserProfile = contract<{ uid: string; email: string | null; displayName: string | null; role: Role | null }>()({
  name: "ensureUserProfile",
  input: z.strictObject({
    displayName: z
      .string({ error: "must be text" })
      .trim()
      .min(1, "is required")
      .max(80, "is at most 80 characters")
      .optional(),
  }),
});
