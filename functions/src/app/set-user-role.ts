import { DomainError } from "../domain/errors";
import type { Role } from "../domain/roles";
import type { AuditLog } from "../ports/audit-log";
import type { Clock } from "../ports/clock";
import type { UserDirectory } from "../ports/user-directory";
import { type Caller, requireRole } from "./caller";

/** Roles that see or move everyone's money: only for verified addresses. */
const STAFF_ROLES: readonly Role[] = ["admin", "accountant"];

export interface SetUserRoleDeps {
  users: UserDirectory;
  clock: Clock;
  audit: AuditLog;
}

export async function setUserRole(
  deps: SetUserRoleDeps,
  caller: Caller,
  input: { uid: string; role: Role },
): Promise<{ uid: string; role: Role }> {
  requireRole(caller, "admin");
  // An admin removing their own admin role could leave the platform with nobody able to
  // run payouts; another admin must do it.
  if (input.uid === caller.uid && input.role !== "admin") {
    throw new DomainError("precondition", "You cannot remove your own admin role; ask another admin.", "uid");
  }
  const user = await deps.users.get(input.uid);
  if (!user) throw new DomainError("not_found", `uid: no user with id ${input.uid}`, "uid");
  // Anyone can register any address: staff power goes only to an address its owner proved.
  if (STAFF_ROLES.includes(input.role) && !user.emailVerified && user.role !== input.role) {
    throw new DomainError("precondition", `${user.email ?? input.uid} has not verified their email address yet; the ${input.role} role needs a verified address (ask them to click the link in the verification email, then try again).`, "uid");
  }
  if (user.role !== input.role) {
    await deps.users.setRole(input.uid, input.role, { by: caller.uid, at: deps.clock.now() });
    // The old ID token still says the old role for up to an hour: end it now.
    await deps.users.endSessions(input.uid);
    await deps.audit.append({ action: "role_changed", by: caller.uid, byRole: caller.role, target: input.uid, at: deps.clock.now().getTime(), details: { email: user.email, from: user.role, to: input.role } });
  }
  return { uid: input.uid, role: input.role };
}
