import { assertFails, assertSucceeds, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, where } from "firebase/firestore";
import { asRole, rulesEnv } from "./rules-env";

/** The books' read side: reconciliations for bookkeepers, statements for their coach and bookkeepers, counters for nobody. */
describe("firestore.rules: books (reconciliation, statements)", function () {
  this.timeout(30000);
  let env: RulesTestEnvironment;

  before(async () => {
    env = await rulesEnv("demo-kassa-rules-books");
  });
  after(async () => env?.cleanup());

  beforeEach(async () => {
    await env.clearFirestore();
    await env.withSecurityRulesDisabled(async (ctx) => {
      const db = ctx.firestore();
      await setDoc(doc(db, "booksReconciliations/2026-11-22_sek"), { day: "2026-11-22", currency: "sek", state: "ok" });
      await setDoc(doc(db, "statements/po-1"), { payoutId: "po-1", coachId: "c1", number: "2026-0001" });
      await setDoc(doc(db, "statements/po-2"), { payoutId: "po-2", coachId: "c2", number: "2026-0002" });
      await setDoc(doc(db, "statementCounters/2026"), { year: 2026, last: 2 });
    });
  });

  it("accountants and admins read reconciliations; coaches and customers do not", async () => {
    await assertSucceeds(getDoc(doc(asRole(env, "acc", "accountant"), "booksReconciliations/2026-11-22_sek")));
    await assertSucceeds(getDoc(doc(asRole(env, "adm", "admin"), "booksReconciliations/2026-11-22_sek")));
    await assertFails(getDoc(doc(asRole(env, "c1", "coach"), "booksReconciliations/2026-11-22_sek")));
    await assertFails(getDoc(doc(asRole(env, "u1", "customer"), "booksReconciliations/2026-11-22_sek")));
    await assertFails(getDoc(doc(env.unauthenticatedContext().firestore(), "booksReconciliations/2026-11-22_sek")));
  });

  it("a coach reads their own statements only; bookkeepers read all", async () => {
    const c1 = asRole(env, "c1", "coach");
    await assertSucceeds(getDoc(doc(c1, "statements/po-1")));
    await assertFails(getDoc(doc(c1, "statements/po-2")));
    await assertSucceeds(getDocs(query(collection(c1, "statements"), where("coachId", "==", "c1"))));
    await assertFails(getDocs(collection(c1, "statements")));
    await assertSucceeds(getDoc(doc(asRole(env, "acc", "accountant"), "statements/po-2")));
    await assertFails(getDoc(doc(asRole(env, "u1", "customer"), "statements/po-1")));
  });

  it("nobody writes: not a reconciliation, not a statement (not even the coach's own), not the counter; nobody reads the counter", async () => {
    const c1 = asRole(env, "c1", "coach");
    const acc = asRole(env, "acc", "accountant");
    const adm = asRole(env, "adm", "admin");
    await assertFails(setDoc(doc(acc, "booksReconciliations/2026-11-22_sek"), { state: "ok" }));
    await assertFails(setDoc(doc(adm, "booksReconciliations/2026-11-23_sek"), { state: "ok" }));
    await assertFails(setDoc(doc(c1, "statements/po-1"), { payoutId: "po-1", coachId: "c1", number: "2026-0009" }));
    await assertFails(deleteDoc(doc(adm, "statements/po-2")));
    await assertFails(setDoc(doc(adm, "statementCounters/2026"), { year: 2026, last: 1 }));
    await assertFails(getDoc(doc(adm, "statementCounters/2026")));
    await assertFails(getDoc(doc(acc, "statementCounters/2026")));
  });
});
