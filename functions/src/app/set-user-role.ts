import { grantNeedsSecondAdmin, type DualControlPolicy } from "../domain/dual-control";
import { DomainError } from "../domain/errors";
import type { Role } from "../domain/roles";
import type { ApprovalStore } from "../ports/approval-store";
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

export interface RoleRequestDeps extends SetUserRoleDeps {
  approvals: ApprovalStore;
  dualControl: DualControlPolicy;
}

export type RoleResult = { uid: string; role: Role; status: "changed" | "unchanged" } | { uid: string; role: Role; status: "pending_approval"; approvalId: string };

export const roleApprovalId = (uid: string, role: Role): string => `role:${uid}:${role}`;

/**
 * Sets a user's role. Granting a staff role (admin, accountant by default) waits for a second
 * admin in `approvals/` (approvals.ts); a demotion happens at once.
 */
export async function setUserRole(deps: RoleRequestDeps, caller: Caller, input: { uid: string; role: Role }): Promise<RoleResult> {
  const user = await checkedTarget(deps, caller, input);
  if (user.role === input.role) return { uid: input.uid, role: input.role, status: "unchanged" };
  if (grantNeedsSecondAdmin(deps.dualControl, user.role, input.role)) {
    const now = deps.clock.now().getTime();
    const { request, opened } = await deps.approvals.open(
      { id: roleApprovalId(input.uid, input.role), kind: "role_grant", state: "pending", requestedBy: caller.uid, requestedByEmail: caller.email, requestedAt: now, roleGrant: { uid: input.uid, email: user.email, from: user.role, to: input.role } },
      true,
    );
    if (opened) {
      await deps.audit.append({ action: "approval_requested", by: caller.uid, byRole: caller.role, target: input.uid, at: now, details: { kind: "role_grant", approvalId: request.id, email: user.email, from: user.role, to: input.role } });
    }
    return { uid: input.uid, role: input.role, status: "pending_approval", approvalId: request.id };
  }
  await applyRole(deps, caller, input);
  return { uid: input.uid, role: input.role, status: "changed" };
}

async function checkedTarget(deps: SetUserRoleDeps, caller: Caller, input: { uid: string; role: Role }) {
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
  return user;
}

/** Changes the role now (checked again: an approval comes later than its request). */
export async function applyRole(deps: SetUserRoleDeps, caller: Caller, input: { uid: string; role: Role }, requestedBy: string = caller.uid): Promise<void> {
  const user = await checkedTarget(deps, caller, input);
  if (user.role === input.role) return;
  await deps.users.setRole(input.uid, input.role, { by: caller.uid, at: deps.clock.now() });
  // The old ID token still says the old role for up to an hour: end it now.
  await deps.users.endSessions(input.uid);
  await deps.audit.append({ action: "role_changed", by: caller.uid, byRole: caller.role, target: input.uid, at: deps.clock.now().getTime(), details: { email: user.email, from: user.role, to: input.role, requestedBy } });
}
