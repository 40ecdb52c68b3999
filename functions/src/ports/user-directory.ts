import type { Role } from "../domain/roles";

export interface UserRecordView {
  uid: string;
  email: string | null;
  displayName: string | null;
  role: Role | null;
}

/** What the directory knows beyond the mirror: whether the address was proven to be theirs. */
export interface UserAccount extends UserRecordView {
  emailVerified: boolean;
}

/**
 * Who the users are and what role they hold. Implemented over Firebase Auth (custom claims,
 * the source of truth the rules and callables check) plus the users/{uid} mirror the UI reads.
 */
export interface UserDirectory {
  get(uid: string): Promise<UserAccount | null>;
  /** Sets the `role` claim, keeping any other claims, then mirrors it to users/{uid}. */
  setRole(uid: string, role: Role, change: { by: string; at: Date }): Promise<void>;
  /**
   * Ends every session the user has (revokes their refresh tokens): after a role change their
   * old ID token is refused by the callables, which check revocation for staff tokens, and the
   * next sign-in carries the new role.
   */
  endSessions(uid: string): Promise<void>;
  /**
   * Creates users/{uid} if missing; gives a profile without a name `user.displayName` (in the
   * mirror and on the Auth record, which the catalogue reads); never overwrites an existing
   * role or name.
   */
  ensureProfile(user: UserRecordView, at: Date): Promise<UserRecordView>;
}
