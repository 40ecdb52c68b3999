import type { Clock } from "../ports/clock";
import type { UserDirectory, UserRecordView } from "../ports/user-directory";
import type { Caller } from "./caller";

/**
 * Called by the web app after sign-in: a user who signed up by themselves gets a profile and
 * the customer role; an existing profile and any role an admin gave are left as they are. The
 * name typed at sign-up fills a profile that has none (the two calls of a sign-up, with and
 * without the name, may arrive in either order), and never replaces a name already set.
 */
export async function ensureUserProfile(
  deps: { users: UserDirectory; clock: Clock },
  caller: Caller,
  input: { displayName?: string | undefined } = {},
): Promise<UserRecordView> {
  const displayName = input.displayName?.trim() || null;
  const profile = await deps.users.ensureProfile(
    { uid: caller.uid, email: caller.email, displayName, role: caller.role },
    deps.clock.now(),
  );
  if (!caller.role && !profile.role) {
    await deps.users.setRole(caller.uid, "customer", { by: "self-signup", at: deps.clock.now() });
    return { ...profile, role: "customer" };
  }
  return profile;
}
