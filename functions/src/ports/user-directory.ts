import type { Role } from "../domain/roles";

export interface UserRecordView {
  uid: string;
  email: string | null;
  displayName: string | null;
  role: Role | null;
}

/**
 * Who the users are and what role they hold. Implemented over Firebase Auth (custom claims,
 * the source of truth the rules and callables check) plus the users/{uid} mirror the UI reads.
 */
export interface UserDirectory {
  get(uid: string): Promise<UserRecordView | null>;
  /** Sets the `role` claim, keeping any other claims, then mirrors it to users/{uid}. */
  setRole(uid: string, role: Role, change: { by: string; at: Date }): Promise<void>;
  /** Creates users/{uid} if missing; never overwrites an existing role. */
  ensureProfile(user: UserRecordView, at: Date): Promise<UserRecordView>;
}
