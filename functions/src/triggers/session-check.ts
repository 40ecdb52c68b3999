/**
 * Staff ID tokens are checked against revocation on every callable. A role lives in the ID
 * token's claims, which stay as they were for up to an hour after a change; setUserRole ends
 * the user's sessions (revokes their refresh tokens), and this check is what makes that bite:
 * a demoted admin's old token is refused at once, instead of keeping admin power (enough to
 * make themselves admin again) until it expires. Customers' tokens skip the extra Auth lookup:
 * a customer token carries no power over anyone else's money.
 */
import type { CallableRequest } from "firebase-functions/v2/https";
import type { Caller } from "../app/caller";
import { DomainError } from "../domain/errors";
import type { Role } from "../domain/roles";

const CHECKED_ROLES: readonly Role[] = ["admin", "accountant", "coach"];

/** Verifies an ID token and that its session has not been ended (firebase-admin's checkRevoked). */
export type VerifyCurrent = (idToken: string) => Promise<unknown>;

const bearer = (request: Pick<CallableRequest, "rawRequest">): string | null => {
  const header = request.rawRequest?.headers?.authorization;
  const m = typeof header === "string" ? /^Bearer (.+)$/.exec(header) : null;
  return m?.[1] ?? null;
};

const REVOKED = new Set(["auth/id-token-revoked", "auth/user-disabled", "auth/user-not-found"]);

export async function requireCurrentSession(caller: Caller, request: Pick<CallableRequest, "rawRequest">, verify: VerifyCurrent): Promise<void> {
  if (!caller.role || !CHECKED_ROLES.includes(caller.role)) return;
  const token = bearer(request);
  if (!token) throw new DomainError("unauthenticated", "Sign in again: this request carried no ID token to check.");
  try {
    await verify(token);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && REVOKED.has(code)) {
      throw new DomainError("unauthenticated", "Your session has ended (your role was changed or an admin signed you out). Sign in again.");
    }
    throw new DomainError("provider_unavailable", "Could not check your session with Firebase Auth; try again in a moment.");
  }
}
