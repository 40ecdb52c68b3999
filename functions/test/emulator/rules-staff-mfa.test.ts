import { assertFails, assertSucceeds, type RulesTestEnvironment, type TokenOptions } from "@firebase/rules-unit-testing";
import { doc, getDoc, setDoc } from "firebase/firestore";
import { rulesEnv } from "./rules-env";

/**
 * Staff reads need a session signed in with TOTP, outside demo- projects (the emulator's,
 * where TOTP cannot be enrolled). This suite runs under a project id that is not demo-, as a
 * deployed project's tokens are, so the rules see what production sees.
 */
describe("firestore.rules: staff read only with a second factor", function () {
  this.timeout(30000);
  let env: RulesTestEnvironment;

  before(async () => {
    env = await rulesEnv("kassa-rules-staff-mfa");
  });
  after(async () => env?.cleanup());

  beforeEach(async () => {
    await env.clearFirestore();
    await env.withSecurityRulesDisabled(async (ctx) => {
      const db = ctx.firestore();
      await setDoc(doc(db, "payments/pi_1"), { id: "pi_1", coachId: "c1", userId: "u1", amount: 49900, currency: "sek" });
      await setDoc(doc(db, "accountingDays/2026-11-22"), { day: "2026-11-22" });
      await setDoc(doc(db, "users/adm"), { uid: "adm", role: "admin" });
    });
  });

  // Identity Platform's claim; rules-unit-testing's TokenOptions type does not list it yet.
  const withFactor = (factor: "totp") => ({ sign_in_provider: "password", sign_in_second_factor: factor }) as unknown as TokenOptions["firebase"];
  const as = (uid: string, role: string, secondFactor: "totp" | null) =>
    env.authenticatedContext(uid, { role, ...(secondFactor ? { firebase: withFactor(secondFactor) } : {}) }).firestore();

  it("an admin with a password only reads no money data; with TOTP they do", async () => {
    await assertFails(getDoc(doc(as("adm", "admin", null), "payments/pi_1")));
    await assertSucceeds(getDoc(doc(as("adm", "admin", "totp"), "payments/pi_1")));
  });

  it("an accountant with a password only reads no books; with TOTP they do", async () => {
    await assertFails(getDoc(doc(as("acc", "accountant", null), "accountingDays/2026-11-22")));
    await assertSucceeds(getDoc(doc(as("acc", "accountant", "totp"), "accountingDays/2026-11-22")));
  });

  it("staff still read their own profile (to reach the Security page), and coaches need no second factor", async () => {
    await assertSucceeds(getDoc(doc(as("adm", "admin", null), "users/adm")));
    await assertSucceeds(getDoc(doc(as("c1", "coach", null), "payments/pi_1")));
  });
});
