/**
 * Admins and accountants must have signed in with a second factor (TOTP, an authenticator
 * app) for any callable to serve them: their power (refunds, fees, roles, the books) is what a
 * stolen password would be used for. The ID token says how its session signed in
 * (`firebase.sign_in_second_factor`, set by Identity Platform), so the check costs nothing.
 *
 * The Auth emulator cannot enroll TOTP (firebase-tools #6224), so the local stack's staff sign
 * in with a password only: the check is skipped exactly where the stack's clock offset is
 * honoured, the emulator with a `demo-` project, which a deployed configuration cannot be.
 * Coaches are not staff here: their payouts go only to their own Stripe account.
 */
import type { Caller } from "../app/caller";
import { DomainError } from "../domain/errors";
import type { Role } from "../domain/roles";

const STAFF: readonly Role[] = ["admin", "accountant"];

type Env = Readonly<Record<string, string | undefined>>;

/** True in the emulator with a demo project: the only place TOTP cannot be had. */
export const mfaUnavailable = (env: Env): boolean =>
  env["FUNCTIONS_EMULATOR"] === "true" && (env["GCLOUD_PROJECT"] ?? "").startsWith("demo-");

export function requireStaffSecondFactor(caller: Caller, token: Record<string, unknown> | undefined, env: Env): void {
  if (!caller.role || !STAFF.includes(caller.role) || mfaUnavailable(env)) return;
  const firebase = token?.["firebase"] as { sign_in_second_factor?: unknown } | undefined;
  if (firebase?.sign_in_second_factor === "totp") return;
  throw new DomainError(
    "permission",
    "Admins and accountants sign in in two steps: set up an authenticator app on the Security page, then sign out and in again.",
    undefined,
    { reason: "mfa_required" },
  );
}
