import type { Role } from "../domain/roles";
import { DomainError } from "../domain/errors";

/** The authenticated caller, as the trigger layer read it from the verified ID token. */
export interface Caller {
  uid: string;
  role: Role | null;
  email: string | null;
  /** The ID token's email_verified: the person proved the address is theirs. */
  emailVerified?: boolean;
  /** The client's address as the platform saw it (callables only), for per-address quotas. */
  ip?: string | null;
}

export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!caller.role || !roles.includes(caller.role)) {
    throw new DomainError("permission", `This needs the ${roles.join(" or ")} role.`);
  }
}

/**
 * Paying needs a verified email address: an account made with a throwaway address cannot start
 * payments (card testing signs up, then pays in a loop), and the receipt goes to someone real.
 * Fail closed: a caller without the flag (not read from a token) cannot pay.
 */
export function requireVerifiedEmail(caller: Caller): void {
  if (caller.emailVerified !== true) {
    throw new DomainError(
      "precondition",
      `Confirm your email address before you pay: open the link we sent to ${caller.email ?? "your address"}, or send a new one from your page.`,
      "email",
    );
  }
}
