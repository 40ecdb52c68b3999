import type { Role } from "../domain/roles";
import { DomainError } from "../domain/errors";

/** The authenticated caller, as the trigger layer read it from the verified ID token. */
export interface Caller {
  uid: string;
  role: Role | null;
  email: string | null;
  /** The client's address as the platform saw it (callables only), for per-address quotas. */
  ip?: string | null;
}

export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!caller.role || !roles.includes(caller.role)) {
    throw new DomainError("permission", `This needs the ${roles.join(" or ")} role.`);
  }
}
