/**
 * Seeds the demo world into the emulators. Idempotent: users that exist are left alone
 * (their claims re-applied), so it is safe on every start.
 */
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import { emulatorEnv, PROJECT_ID } from "./config.js";
import { DEMO_PASSWORD, DEMO_PLANS, DEMO_PROGRAMS, DEMO_USERS } from "./demo-data.js";

function admin() {
  Object.assign(process.env, emulatorEnv());
  const app = getApps()[0] ?? initializeApp({ projectId: PROJECT_ID });
  return { auth: getAuth(app), db: getFirestore(app) };
}

export async function seedDemo(): Promise<{ created: number }> {
  const { auth, db } = admin();
  let created = 0;
  for (const u of DEMO_USERS) {
    try {
      await auth.getUser(u.uid);
    } catch {
      await auth.createUser({
        uid: u.uid,
        email: u.email,
        password: DEMO_PASSWORD,
        displayName: u.displayName,
        emailVerified: true,
      });
      created++;
    }
    await auth.setCustomUserClaims(u.uid, { role: u.role });
    const now = new Date();
    await db
      .doc(`users/${u.uid}`)
      .set(
        {
          uid: u.uid,
          email: u.email,
          displayName: u.displayName,
          role: u.role,
          roleChangedBy: "seed",
          roleChangedAt: now,
          updatedAt: now,
        },
        { merge: true },
      );
  }
  for (const p of DEMO_PROGRAMS) {
    const ref = db.doc(`programs/${p.id}`);
    if (!(await ref.get()).exists) {
      const coach = DEMO_USERS.find((u) => u.uid === p.coachId);
      await ref.create({
        ...p,
        coachName: coach?.displayName ?? "",
        active: true,
        priceVersion: 1,
        createdAt: new Date(),
      });
    }
  }
  for (const plan of DEMO_PLANS) {
    const ref = db.doc(`plans/${plan.id}`);
    if (!(await ref.get()).exists)
      await ref.create({ ...plan, active: true, priceVersion: 1, createdAt: new Date() });
  }
  return { created };
}
