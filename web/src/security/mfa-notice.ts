/**
 * Whether to point a staff member at the Security page. Two signals: the session itself (a
 * staff token without `sign_in_second_factor: "totp"` outside the emulator is refused by every
 * callable), and a callable that actually answered `mfa_required` (the token can be older than
 * the account's state, e.g. a factor removed in another tab).
 */
import { useSyncExternalStore } from "react";
import { isStaff, type Role } from "../lib/roles";

let refused = false;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

/** Called by describeError when a callable refused the session for want of a second factor. */
export function reportMfaRequired(): void {
  if (refused) return;
  refused = true;
  notify();
}

/** After a sign-in with a code: the earlier refusal no longer applies. */
export function clearMfaRequired(): void {
  if (!refused) return;
  refused = false;
  notify();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
export const useMfaRefused = (): boolean => useSyncExternalStore(subscribe, () => refused, () => refused);

export function needsSecondFactor(session: { role: Role | null; secondFactor: string | null }, emulator: boolean, refusedByServer: boolean): boolean {
  if (!isStaff(session.role)) return false;
  if (refusedByServer) return true;
  // The demo emulator waives the check (staff-mfa.ts): a banner there would ask for the impossible.
  return !emulator && session.secondFactor !== "totp";
}
