import type { Role } from "../../src/domain/roles";
import type { UserAccount, UserDirectory, UserRecordView } from "../../src/ports/user-directory";

/** In-memory UserDirectory: claims and the users/{uid} mirror as plain maps. */
export class FakeUserDirectory implements UserDirectory {
  readonly claims = new Map<string, Role | null>();
  readonly profiles = new Map<string, UserRecordView & { roleChangedBy?: string }>();
  readonly writes: string[] = [];
  readonly unverified = new Set<string>();

  addUser(uid: string, role: Role | null, email = `${uid}@kassa.test`, emailVerified = true): void {
    this.claims.set(uid, role);
    this.profiles.set(uid, { uid, email, displayName: null, role });
    if (!emailVerified) this.unverified.add(uid);
  }

  async get(uid: string): Promise<UserAccount | null> {
    if (!this.claims.has(uid)) return null;
    const p = this.profiles.get(uid);
    return { uid, email: p?.email ?? null, displayName: p?.displayName ?? null, role: this.claims.get(uid) ?? null, emailVerified: !this.unverified.has(uid) };
  }

  async endSessions(uid: string): Promise<void> {
    this.writes.push(`endSessions:${uid}`);
  }

  async setRole(uid: string, role: Role, change: { by: string }): Promise<void> {
    this.writes.push(`setRole:${uid}:${role}`);
    this.claims.set(uid, role);
    const p = this.profiles.get(uid) ?? { uid, email: null, displayName: null, role: null };
    this.profiles.set(uid, { ...p, role, roleChangedBy: change.by });
  }

  async ensureProfile(user: UserRecordView): Promise<UserRecordView> {
    const existing = this.profiles.get(user.uid);
    if (existing) {
      if (existing.displayName || !user.displayName) return existing;
      this.writes.push(`nameProfile:${user.uid}`);
      const named = { ...existing, displayName: user.displayName };
      this.profiles.set(user.uid, named);
      return named;
    }
    this.writes.push(`createProfile:${user.uid}`);
    this.profiles.set(user.uid, user);
    if (!this.claims.has(user.uid)) this.claims.set(user.uid, user.role);
    return user;
  }
}

export const fixedClock = (iso = "2026-11-24T08:00:00Z") => ({ now: () => new Date(iso) });
