import {
  assertFails,
  assertSucceeds,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  query,
  setDoc,
  updateDoc,
  where,
} from "firebase/firestore";
import { rulesEnv } from "./rules-env";

/** Payout collections: coaches read their own, admins everything, no client writes. */
describe("firestore.rules: payouts", function () {
  this.timeout(30000);
  let env: RulesTestEnvironment;

  before(async () => {
    env = await rulesEnv("demo-kassa-rules-payouts");
  });
  after(async () => env?.cleanup());

  beforeEach(async () => {
    await env.clearFirestore();
    await env.withSecurityRulesDisabled(async (ctx) => {
      const db = ctx.firestore();
      await setDoc(doc(db, "coaches/bob"), {
        uid: "bob",
        stripeAccountId: "acct_1",
        payoutsEnabled: true,
      });
      await setDoc(doc(db, "coaches/carl"), {
        uid: "carl",
        stripeAccountId: "acct_2",
        payoutsEnabled: true,
      });
      await setDoc(doc(db, "balances/bob_sek"), {
        coachId: "bob",
        currency: "sek",
        held: 1,
        available: 2,
        inPayout: 0,
        paid: 0,
      });
      await setDoc(doc(db, "balances/carl_sek"), {
        coachId: "carl",
        currency: "sek",
        held: 1,
        available: 2,
        inPayout: 0,
        paid: 0,
      });
      await setDoc(doc(db, "payouts/p-bob"), {
        id: "p-bob",
        coachId: "bob",
        amount: 100,
        currency: "sek",
        status: "requested",
      });
      await setDoc(doc(db, "payouts/p-carl"), {
        id: "p-carl",
        coachId: "carl",
        amount: 100,
        currency: "sek",
        status: "requested",
      });
      await setDoc(doc(db, "jobs/payout-run-2026-W03"), {
        id: "payout-run-2026-W03",
        type: "payout_run",
        status: "done",
      });
      await setDoc(doc(db, "jobs/payout-run-2026-W03/outcomes/bob_sek"), {
        coachId: "bob",
        status: "done",
      });
      await setDoc(doc(db, "reconciliation/bob_sek"), { coachId: "bob", ok: false });
      await setDoc(doc(db, "payoutReviews/r1"), { stripeObjectId: "po_x" });
      await setDoc(doc(db, "settings/payouts"), { requireApproval: true });
      await setDoc(doc(db, "payouts/p-bob/audit/0001"), {
        id: "p-bob:0001",
        payoutId: "p-bob",
        coachId: "bob",
        action: "requested",
        by: "bob",
        at: 1,
        reason: null,
      });
      await setDoc(doc(db, "payouts/p-carl/audit/0001"), {
        id: "p-carl:0001",
        payoutId: "p-carl",
        coachId: "carl",
        action: "requested",
        by: "carl",
        at: 1,
        reason: null,
      });
    });
  });

  const as = (uid: string, role: string) => env.authenticatedContext(uid, { role }).firestore();

  it("a coach reads their own coach document, balances and payouts, and no one else's", async () => {
    const bob = as("bob", "coach");
    await assertSucceeds(getDoc(doc(bob, "coaches/bob")));
    await assertFails(getDoc(doc(bob, "coaches/carl")));
    await assertSucceeds(getDoc(doc(bob, "balances/bob_sek")));
    await assertFails(getDoc(doc(bob, "balances/carl_sek")));
    await assertSucceeds(
      getDocs(query(collection(bob, "balances"), where("coachId", "==", "bob"))),
    );
    await assertSucceeds(getDocs(query(collection(bob, "payouts"), where("coachId", "==", "bob"))));
    await assertFails(getDocs(collection(bob, "payouts")));
    await assertFails(getDoc(doc(bob, "payouts/p-carl")));
  });

  it("a coach reads no runs, reviews or reconciliation flags; everyone signed in reads the payout settings", async () => {
    const bob = as("bob", "coach");
    await assertFails(getDoc(doc(bob, "jobs/payout-run-2026-W03")));
    await assertFails(getDoc(doc(bob, "jobs/payout-run-2026-W03/outcomes/bob_sek")));
    await assertFails(getDoc(doc(bob, "reconciliation/bob_sek")));
    await assertFails(getDoc(doc(bob, "payoutReviews/r1")));
    await assertSucceeds(getDoc(doc(bob, "settings/payouts")));
    await assertFails(getDoc(doc(env.unauthenticatedContext().firestore(), "settings/payouts")));
  });

  it("an admin reads everything payout-related", async () => {
    const root = as("root", "admin");
    await assertSucceeds(getDocs(collection(root, "coaches")));
    await assertSucceeds(getDocs(collection(root, "balances")));
    await assertSucceeds(getDocs(collection(root, "payouts")));
    await assertSucceeds(
      getDocs(query(collection(root, "jobs"), where("type", "==", "payout_run"))),
    );
    await assertSucceeds(getDocs(collection(root, "jobs/payout-run-2026-W03/outcomes")));
    await assertSucceeds(getDocs(collection(root, "reconciliation")));
    await assertSucceeds(getDocs(collection(root, "payoutReviews")));
  });

  it("a payout's audit trail: its coach and admins read it, nobody writes, changes or deletes a line", async () => {
    const bob = as("bob", "coach");
    const root = as("root", "admin");
    await assertSucceeds(getDoc(doc(bob, "payouts/p-bob/audit/0001")));
    await assertSucceeds(getDocs(query(collection(bob, "payouts/p-bob/audit"), where("coachId", "==", "bob"))));
    await assertFails(getDoc(doc(bob, "payouts/p-carl/audit/0001")));
    await assertSucceeds(getDocs(collection(root, "payouts/p-carl/audit")));
    await assertFails(getDoc(doc(as("acc", "accountant"), "payouts/p-bob/audit/0001")));
    for (const db of [bob, root]) {
      await assertFails(setDoc(doc(db, "payouts/p-bob/audit/0002"), { payoutId: "p-bob", coachId: "bob", action: "approved", by: "bob" }));
      await assertFails(updateDoc(doc(db, "payouts/p-bob/audit/0001"), { reason: "rewritten" }));
      await assertFails(deleteDoc(doc(db, "payouts/p-bob/audit/0001")));
    }
  });

  it("the accountant and customers read no payouts or balances", async () => {
    for (const [uid, role] of [
      ["acc", "accountant"],
      ["cust", "customer"],
    ] as const) {
      await assertFails(getDoc(doc(as(uid, role), "payouts/p-bob")));
      await assertFails(getDoc(doc(as(uid, role), "balances/bob_sek")));
      await assertFails(getDoc(doc(as(uid, role), "coaches/bob")));
    }
  });

  it("no client writes, not even an admin or the coach on their own documents", async () => {
    const bob = as("bob", "coach");
    const root = as("root", "admin");
    await assertFails(updateDoc(doc(bob, "coaches/bob"), { payoutsEnabled: true }));
    await assertFails(updateDoc(doc(bob, "balances/bob_sek"), { available: 1e9 }));
    await assertFails(
      setDoc(doc(bob, "payouts/p-new"), { coachId: "bob", amount: 1, status: "approved" }),
    );
    await assertFails(updateDoc(doc(root, "payouts/p-bob"), { status: "approved" }));
    await assertFails(setDoc(doc(root, "settings/payouts"), { requireApproval: false }));
    await assertFails(setDoc(doc(root, "jobs/payout-run-x"), { type: "payout_run" }));
  });
});
