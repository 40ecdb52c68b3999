import type { Auth, UserRecord } from "firebase-admin/auth";
import { FieldValue, type Firestore } from "firebase-admin/firestore";
import { isRole, type Role } from "../../domain/roles";
import type { UserAccount, UserDirectory, UserRecordView } from "../../ports/user-directory";

const roleOf = (user: UserRecord): Role | null => {
  const role: unknown = user.customClaims?.["role"];
  return isRole(role) ? role : null;
};

export class FirebaseUserDirectory implements UserDirectory {
  constructor(
    private readonly auth: Auth,
    private readonly db: Firestore,
  ) {}

  async get(uid: string): Promise<UserAccount | null> {
    try {
      const user = await this.auth.getUser(uid);
      return { uid, email: user.email ?? null, displayName: user.displayName ?? null, role: roleOf(user), emailVerified: user.emailVerified };
    } catch (e) {
      if ((e as { code?: string }).code === "auth/user-not-found") return null;
      throw e;
    }
  }

  async setRole(uid: string, role: Role, change: { by: string; at: Date }): Promise<void> {
    const user = await this.auth.getUser(uid);
    // Claims are the source of truth (rules and callables read them); the mirror follows.
    // Both writes are idempotent, so a retry after a failure in between converges.
    await this.auth.setCustomUserClaims(uid, { ...user.customClaims, role });
    await this.db.doc(`users/${uid}`).set(
      {
        uid,
        email: user.email ?? null,
        displayName: user.displayName ?? null,
        role,
        roleChangedBy: change.by,
        roleChangedAt: change.at,
        updatedAt: FieldValue.serverTimestamp(),
      },
      { merge: true },
    );
  }

  async endSessions(uid: string): Promise<void> {
    await this.auth.revokeRefreshTokens(uid);
  }

  async ensureProfile(user: UserRecordView, at: Date): Promise<UserRecordView> {
    const ref = this.db.doc(`users/${user.uid}`);
    const { profile, named } = await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (snap.exists) {
        const data = snap.data() ?? {};
        const name = (data["displayName"] as string | null | undefined) || null;
        const fill = !name && Boolean(user.displayName);
        if (fill) tx.update(ref, { displayName: user.displayName, updatedAt: at });
        const kept = { uid: user.uid, email: (data["email"] as string | null) ?? user.email, displayName: name ?? user.displayName, role: isRole(data["role"]) ? data["role"] : user.role };
        return { profile: kept, named: fill };
      }
      tx.create(ref, { ...user, createdAt: at, updatedAt: at });
      return { profile: user, named: Boolean(user.displayName) };
    });
    // The Auth record too, where the catalogue reads a coach's name: only when this call gave
    // the profile its name, and only if the record has none.
    if (named && profile.displayName) {
      const record = await this.auth.getUser(user.uid);
      if (!record.displayName) await this.auth.updateUser(user.uid, { displayName: profile.displayName });
    }
    return profile;
  }
}
