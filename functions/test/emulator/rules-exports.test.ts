import { assertFails, assertSucceeds, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { deleteDoc, doc, getDoc, setDoc, updateDoc } from "firebase/firestore";
import { asRole, rulesEnv } from "./rules-env";

/** Export jobs: the asker and admins read a job (progress, link); nobody else reads; no client writes. */
describe("firestore.rules: export jobs", function () {
  this.timeout(30000);
  let env: RulesTestEnvironment;

  before(async () => {
    env = await rulesEnv("demo-kassa-rules-exports");
  });
  after(async () => env?.cleanup());

  beforeEach(async () => {
    await env.clearFirestore();
    await env.withSecurityRulesDisabled(async (ctx) => {
      await setDoc(doc(ctx.firestore(), "exports/job-c1"), { requestedBy: "c1", status: "done", downloadUrl: "http://x" });
      await setDoc(doc(ctx.firestore(), "exports/job-adm"), { requestedBy: "adm", status: "running" });
    });
  });

  it("the coach who asked reads their job; another coach, a customer and nobody signed in do not; admins read every job", async () => {
    await assertSucceeds(getDoc(doc(asRole(env, "c1", "coach"), "exports/job-c1")));
    await assertFails(getDoc(doc(asRole(env, "c2", "coach"), "exports/job-c1")));
    await assertFails(getDoc(doc(asRole(env, "c1", "coach"), "exports/job-adm")));
    await assertFails(getDoc(doc(asRole(env, "u1", "customer"), "exports/job-c1")));
    await assertFails(getDoc(doc(env.unauthenticatedContext().firestore(), "exports/job-c1")));
    await assertSucceeds(getDoc(doc(asRole(env, "adm2", "admin"), "exports/job-c1")));
  });

  it("no client writes a job, not even its own asker or an admin", async () => {
    await assertFails(updateDoc(doc(asRole(env, "c1", "coach"), "exports/job-c1"), { status: "queued" }));
    await assertFails(setDoc(doc(asRole(env, "c1", "coach"), "exports/new"), { requestedBy: "c1", status: "queued" }));
    await assertFails(setDoc(doc(asRole(env, "adm", "admin"), "exports/new"), { requestedBy: "adm", status: "queued" }));
    await assertFails(deleteDoc(doc(asRole(env, "adm", "admin"), "exports/job-adm")));
  });
});
