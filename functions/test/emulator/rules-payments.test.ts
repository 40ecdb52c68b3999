import {
  assertFails,
  assertSucceeds,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import {
  collection,
  doc,
  getDoc,
  getDocs,
  query,
  setDoc,
  updateDoc,
  where,
} from "firebase/firestore";
import { rulesEnv } from "./rules-env";

/** Who reads which money documents, and that no client writes any of them. */
describe("firestore.rules: payments core", function () {
  this.timeout(30000);
  let env: RulesTestEnvironment;

  before(async () => {
    env = await rulesEnv("demo-kassa-rules-payments");
  });
  after(async () => env?.cleanup());

  beforeEach(async () => {
    await env.clearFirestore();
    await env.withSecurityRulesDisabled(async (ctx) => {
      const db = ctx.firestore();
      await setDoc(doc(db, "payments/pi_1"), {
        userId: "alice",
        coachId: "bob",
        amount: 49900,
        currency: "sek",
        status: "succeeded",
      });
      await setDoc(doc(db, "payments/pi_2"), {
        userId: "carol",
        coachId: "dave",
        amount: 49900,
        currency: "sek",
        status: "succeeded",
      });
      await setDoc(doc(db, "purchases/pi_1"), { userId: "alice", amount: 49900, currency: "sek", status: "succeeded" });
      await setDoc(doc(db, "purchases/pi_2"), { userId: "carol", amount: 49900, currency: "sek", status: "succeeded" });
      await setDoc(doc(db, "subscriptions/sub_1"), { userId: "alice", status: "active" });
      await setDoc(doc(db, "ledger/pi_1:capture"), { currency: "sek", postings: [] });
      await setDoc(doc(db, "stripeEvents/evt_1"), { type: "payment_intent.succeeded" });
      await setDoc(doc(db, "plans/premium"), { price: { amount: 9900, currency: "sek" } });
    });
  });

  const as = (uid: string, role: string) => env.authenticatedContext(uid, { role }).firestore();
  const anon = () => env.unauthenticatedContext().firestore();

  it("a customer reads their own purchases only, and can list them by userId; never the payment with its split", async () => {
    await assertSucceeds(getDoc(doc(as("alice", "customer"), "purchases/pi_1")));
    await assertFails(getDoc(doc(as("alice", "customer"), "purchases/pi_2")));
    await assertSucceeds(
      getDocs(
        query(collection(as("alice", "customer"), "purchases"), where("userId", "==", "alice")),
      ),
    );
    await assertFails(getDocs(collection(as("alice", "customer"), "purchases")));
    // The payment itself carries the platform's fee, the coach's share and Stripe's fee.
    await assertFails(getDoc(doc(as("alice", "customer"), "payments/pi_1")));
    await assertFails(getDocs(query(collection(as("alice", "customer"), "payments"), where("userId", "==", "alice"))));
  });

  it("a coach reads the payments of their programs, not another coach's", async () => {
    await assertSucceeds(getDoc(doc(as("bob", "coach"), "payments/pi_1")));
    await assertFails(getDoc(doc(as("bob", "coach"), "payments/pi_2")));
    await assertSucceeds(
      getDocs(query(collection(as("bob", "coach"), "payments"), where("coachId", "==", "bob"))),
    );
  });

  it("admins and the accountant read all payments and the ledger; others do not read the ledger", async () => {
    await assertSucceeds(getDocs(collection(as("root", "admin"), "payments")));
    await assertSucceeds(getDocs(collection(as("acc", "accountant"), "payments")));
    await assertSucceeds(getDoc(doc(as("acc", "accountant"), "ledger/pi_1:capture")));
    await assertFails(getDoc(doc(as("bob", "coach"), "ledger/pi_1:capture")));
    await assertFails(getDoc(doc(as("alice", "customer"), "ledger/pi_1:capture")));
  });

  it("only admins read raw Stripe events", async () => {
    await assertSucceeds(getDoc(doc(as("root", "admin"), "stripeEvents/evt_1")));
    await assertFails(getDoc(doc(as("acc", "accountant"), "stripeEvents/evt_1")));
    await assertFails(getDoc(doc(as("alice", "customer"), "stripeEvents/evt_1")));
  });

  it("subscriptions are read by their owner and admins", async () => {
    await assertSucceeds(getDoc(doc(as("alice", "customer"), "subscriptions/sub_1")));
    await assertFails(getDoc(doc(as("carol", "customer"), "subscriptions/sub_1")));
  });

  it("anonymous visitors read no money data", async () => {
    await assertFails(getDoc(doc(anon(), "payments/pi_1")));
    await assertFails(getDoc(doc(anon(), "plans/premium")));
  });

  it("no client writes money data, whatever the role", async () => {
    for (const [uid, role] of [
      ["alice", "customer"],
      ["bob", "coach"],
      ["root", "admin"],
      ["acc", "accountant"],
    ] as const) {
      const db = as(uid, role);
      await assertFails(updateDoc(doc(db, "payments/pi_1"), { amount: 1 }));
      await assertFails(setDoc(doc(db, "payments/pi_new"), { userId: uid, amount: 1 }));
      await assertFails(setDoc(doc(db, "ledger/x"), { postings: [] }));
      await assertFails(setDoc(doc(db, "stripeEvents/evt_x"), { type: "x" }));
      await assertFails(updateDoc(doc(db, "subscriptions/sub_1"), { status: "canceled" }));
      await assertFails(updateDoc(doc(db, "plans/premium"), { "price.amount": 1 }));
    }
  });
});
