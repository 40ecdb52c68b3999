import {
  assertFails,
  assertSucceeds,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from "firebase/firestore";
import { rulesEnv } from "./rules-env";

/**
 * Rules against the real Firestore emulator. A project id of its own keeps these tests'
 * data apart from the demo project the rest of the suite uses.
 */
describe("firestore.rules", function () {
  this.timeout(30000);
  let env: RulesTestEnvironment;

  before(async () => {
    env = await rulesEnv("demo-kassa-rules");
  });
  after(async () => env?.cleanup());

  beforeEach(async () => {
    await env.clearFirestore();
    await env.withSecurityRulesDisabled(async (ctx) => {
      const db = ctx.firestore();
      await setDoc(doc(db, "users/alice"), { uid: "alice", role: "customer" });
      await setDoc(doc(db, "users/bob"), { uid: "bob", role: "coach" });
      await setDoc(doc(db, "programs/p1"), {
        coachId: "bob",
        title: "P",
        price: { amount: 49900, currency: "sek" },
        active: true,
      });
    });
  });

  const as = (uid: string, role: string) => env.authenticatedContext(uid, { role }).firestore();

  describe("users", () => {
    it("a user reads their own profile, not another's", async () => {
      await assertSucceeds(getDoc(doc(as("alice", "customer"), "users/alice")));
      await assertFails(getDoc(doc(as("alice", "customer"), "users/bob")));
      await assertFails(getDocs(collection(as("alice", "customer"), "users")));
    });
    it("an admin lists everyone", async () => {
      await assertSucceeds(getDocs(collection(as("root", "admin"), "users")));
    });
    it("anonymous visitors read nothing", async () => {
      await assertFails(getDoc(doc(env.unauthenticatedContext().firestore(), "users/alice")));
    });
    it("no client writes a role, not even their own or an admin's", async () => {
      await assertFails(updateDoc(doc(as("alice", "customer"), "users/alice"), { role: "admin" }));
      await assertFails(setDoc(doc(as("carol", "customer"), "users/carol"), { role: "admin" }));
      await assertFails(updateDoc(doc(as("root", "admin"), "users/alice"), { role: "coach" }));
      await assertFails(deleteDoc(doc(as("alice", "customer"), "users/alice")));
    });
  });

  describe("programs", () => {
    it("signed-in users browse the catalogue; anonymous do not", async () => {
      await assertSucceeds(getDoc(doc(as("alice", "customer"), "programs/p1")));
      await assertFails(getDoc(doc(env.unauthenticatedContext().firestore(), "programs/p1")));
    });
    it("nobody changes a price from a client, not even the program's coach", async () => {
      await assertFails(updateDoc(doc(as("bob", "coach"), "programs/p1"), { "price.amount": 1 }));
      await assertFails(setDoc(doc(as("bob", "coach"), "programs/p2"), { coachId: "bob" }));
    });
  });

  it("anything not listed is denied", async () => {
    await assertFails(getDoc(doc(as("root", "admin"), "anything/x")));
    await assertFails(setDoc(doc(as("root", "admin"), "anything/x"), { a: 1 }));
  });
});
