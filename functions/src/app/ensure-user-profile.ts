import type { Clock } from "../ports/clock";
import type { UserDirectory, UserRecordView } from "../ports/user-directory";
import type { Caller } from "./caller";

/**
 * Called by the web app after sign-in: a user who signed up by themselves gets a profile and
 * the customer role; an existing profile and any role an admin gave are left as they are.
 */
export async function ensureUserProfile(
  deps: { users: UserDirectory; clock: Clock },
  caller: Caller,
): Promise<UserRecordView> {
  const profile = await deps.users.ensureProfile(
    { uid: caller.uid, email: caller.email, displayName: null, role: caller.role },
    deps.clock.now(),
  );
  if (!caller.role && !profile.role) {
    await deps.users.setRole(caller.uid, "customer", { by: "self-signup", at: deps.clock.now() });
    return { ...profile, role: "customer" };
  }
  return profile;
}
