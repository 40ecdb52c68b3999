import assert from "node:assert/strict";
import { admin, call, createUser, idToken } from "./stack";

describe("setUserRole callable (functions emulator)", function () {
  this.timeout(30000);
  const target = "it-role-target";

  beforeEach(async () => {
    await createUser(target, "customer");
    await admin().db.doc(`users/${target}`).delete();
  });

  it("lets an admin make a customer a coach: claim set and users/{uid} mirrored", async () => {
    const res = await call("setUserRole", { uid: target, role: "coach" }, await idToken("admin@kassa.test"));
    assert.equal(res.status, 200, JSON.stringify(res.error));
    assert.deepEqual(res.result, { uid: target, role: "coach", status: "changed" });
    const user = await admin().auth.getUser(target);
    assert.equal(user.customClaims?.["role"], "coach");
    const doc = (await admin().db.doc(`users/${target}`).get()).data();
    assert.equal(doc?.["role"], "coach");
    assert.equal(doc?.["roleChangedBy"], "demo-admin");
  });

  it("refuses unauthenticated callers and writes nothing", async () => {
    const res = await call("setUserRole", { uid: target, role: "admin" });
    assert.equal(res.error?.status, "UNAUTHENTICATED");
    assert.equal((await admin().auth.getUser(target)).customClaims?.["role"], "customer");
    assert.equal((await admin().db.doc(`users/${target}`).get()).exists, false);
  });

  it("refuses a non-admin with permission-denied and writes nothing", async () => {
    const res = await call("setUserRole", { uid: target, role: "admin" }, await idToken("coach@kassa.test"));
    assert.equal(res.error?.status, "PERMISSION_DENIED");
    assert.equal((await admin().auth.getUser(target)).customClaims?.["role"], "customer");
    assert.equal((await admin().db.doc(`users/${target}`).get()).exists, false);
  });

  it("answers invalid-argument naming the field for a missing or unknown role", async () => {
    const token = await idToken("admin@kassa.test");
    const missing = await call("setUserRole", { uid: target }, token);
    assert.equal(missing.error?.status, "INVALID_ARGUMENT");
    assert.equal(missing.error?.details?.["field"], "role");
    const unknown = await call("setUserRole", { uid: target, role: "root" }, token);
    assert.equal(unknown.error?.status, "INVALID_ARGUMENT");
    assert.match(unknown.error?.message ?? "", /role/);
    const noUid = await call("setUserRole", { role: "coach" }, token);
    assert.equal(noUid.error?.details?.["field"], "uid");
    assert.equal((await admin().auth.getUser(target)).customClaims?.["role"], "customer");
    assert.equal((await admin().db.doc(`users/${target}`).get()).exists, false);
  });

  it("answers not-found naming uid for a user that does not exist", async () => {
    const res = await call("setUserRole", { uid: "no-such-user", role: "coach" }, await idToken("admin@kassa.test"));
    assert.equal(res.error?.status, "NOT_FOUND");
    assert.equal(res.error?.details?.["field"], "uid");
    assert.equal((await admin().db.doc("users/no-such-user").get()).exists, false);
  });
});

describe("ensureUserProfile callable (functions emulator)", function () {
  this.timeout(30000);
  it("gives a self-registered user the customer role and a profile", async () => {
    await createUser("it-selfsignup", null);
    await admin().db.doc("users/it-selfsignup").delete();
    const res = await call("ensureUserProfile", {}, await idToken("it-selfsignup@kassa.test"));
    assert.equal(res.status, 200, JSON.stringify(res.error));
    assert.equal((await admin().auth.getUser("it-selfsignup")).customClaims?.["role"], "customer");
    assert.equal((await admin().db.doc("users/it-selfsignup").get()).data()?.["role"], "customer");
  });
});
