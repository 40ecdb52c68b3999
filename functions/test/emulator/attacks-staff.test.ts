import assert from "node:assert/strict";
import { admin, call, DEMO_PASSWORD, idToken, localAppCheckToken } from "./stack";

/**
 * Issue 14's staff findings, attacked on the emulators (Auth's real revocation check):
 * a demoted admin's old ID token is refused by every money callable, and an address nobody
 * proved cannot be made staff.
 */
export const staffAttacks = { tried: 0, refused: 0 };

describe("attacks: staff accounts that stay trustworthy (Auth emulator)", function () {
  this.timeout(120_000);
  const { auth, db } = admin();
  const stamp = Date.now().toString(36);
  const demoted = `it-demoted-admin-${stamp}`;
  const squatter = `it-squatter-${stamp}`;

  async function user(uid: string, role: string, emailVerified: boolean): Promise<void> {
    await auth.createUser({ uid, email: `${uid}@kassa.test`, password: DEMO_PASSWORD, emailVerified });
    await auth.setCustomUserClaims(uid, { role });
    await db.doc(`users/${uid}`).set({ uid, email: `${uid}@kassa.test`, role });
  }

  after(() => process.stdout.write(`      staff attacks tried: ${staffAttacks.tried}, refused: ${staffAttacks.refused}\n`));

  it("a demoted admin's old token is refused by every money callable, and cannot make itself admin again", async () => {
    await user(demoted, "admin", true);
    const oldToken = await idToken(`${demoted}@kassa.test`);
    // Revocation compares whole seconds of sign-in time: the demotion must come in a later second.
    await new Promise((r) => setTimeout(r, 1100));
    const demote = await call("setUserRole", { uid: demoted, role: "customer" }, await idToken("admin@kassa.test"));
    assert.equal(demote.status, 200, JSON.stringify(demote.error));

    const attempts: [string, unknown][] = [
      ["setUserRole", { uid: demoted, role: "admin" }],
      ["refundPayment", { paymentId: "pi_attack0000000000", requestId: `attack-${stamp}` }],
      ["runWeeklyPayoutNow", {}],
      ["approvePayout", { payoutId: "rq-attack-1" }],
      ["rejectPayout", { payoutId: "rq-attack-1", reason: "attack" }],
      ["retryPayout", { payoutId: "rq-attack-1" }],
      ["updateSettings", { payments: { feeBps: 100 } }],
      ["getSettings", {}],
      ["fortnoxConnectUrl", {}],
      ["fortnoxConnectClientCredentials", { tenantId: "9999999" }],
      ["fortnoxDisconnect", {}],
      ["retryStripeEvent", { eventId: "evt_attack" }],
    ];
    for (const [name, data] of attempts) {
      staffAttacks.tried++;
      const res = await call(name, data, oldToken);
      assert.equal(res.error?.status, "UNAUTHENTICATED", `${name} with the demoted admin's old token: ${res.status} ${JSON.stringify(res.error ?? res.result)}`);
      assert.match(res.error?.message ?? "", /Sign in again/);
      staffAttacks.refused++;
    }
    assert.equal(((await auth.getUser(demoted)).customClaims ?? {})["role"], "customer", "still demoted");

    // Signed in again, the token carries the new role, and the role decides.
    const fresh = await idToken(`${demoted}@kassa.test`);
    staffAttacks.tried++;
    const again = await call("setUserRole", { uid: demoted, role: "admin" }, fresh);
    assert.equal(again.error?.status, "PERMISSION_DENIED");
    staffAttacks.refused++;
  });

  it("an address nobody verified cannot be made admin or accountant; nothing changes", async () => {
    await user(squatter, "customer", false);
    const adminToken = await idToken("admin@kassa.test");
    for (const role of ["admin", "accountant"]) {
      staffAttacks.tried++;
      const res = await call("setUserRole", { uid: squatter, role }, adminToken);
      assert.equal(res.error?.status, "FAILED_PRECONDITION", JSON.stringify(res));
      assert.match(res.error?.message ?? "", /has not verified their email address/);
      staffAttacks.refused++;
    }
    assert.equal(((await auth.getUser(squatter)).customClaims ?? {})["role"], "customer");
    assert.equal((await db.doc(`users/${squatter}`).get()).get("role"), "customer");
  });

  it("a script with a customer's ID token but no App Check token starts no payment, nor does one with a token not made for Kassa", async () => {
    const token = await idToken("customer@kassa.test");
    const attemptsBefore = (await db.collection("checkoutAttempts").get()).size;
    for (const [what, appCheck] of [["no App Check token", null], ["a token for another app", localAppCheckToken("1:123:web:not-kassa")], ["garbage", "not-a-jwt"]] as const) {
      for (const name of ["createPaymentIntent", "createCheckoutSession"]) {
        staffAttacks.tried++;
        const res = await call(name, { programId: "mindful-mornings" }, token, appCheck);
        assert.equal(res.error?.status, "UNAUTHENTICATED", `${name} with ${what}: ${res.status} ${JSON.stringify(res.error ?? res.result)}`);
        staffAttacks.refused++;
      }
    }
    assert.equal((await db.collection("checkoutAttempts").get()).size, attemptsBefore, "no attempt counted: refused before the quota");
    // The same caller with the local app's token is served: App Check was all that stopped it.
    const ok = await call<{ clientSecret: string }>("createPaymentIntent", { programId: "mindful-mornings" }, token);
    assert.equal(ok.status, 200, JSON.stringify(ok.error));
  });

  it("an admin cannot grant a staff role alone, nor approve their own request; a second admin can", async () => {
    const target = `it-promoted-${stamp}`;
    await user(target, "customer", true);
    const ada = await idToken("admin@kassa.test");
    const asked = await call<{ status: string; approvalId: string }>("setUserRole", { uid: target, role: "admin" }, ada);
    assert.equal(asked.result?.status, "pending_approval", JSON.stringify(asked));
    staffAttacks.tried++;
    const own = await call("approveRequest", { approvalId: asked.result!.approvalId }, ada);
    assert.equal(own.error?.status, "FAILED_PRECONDITION", JSON.stringify(own));
    assert.match(own.error?.message ?? "", /another admin must approve/);
    staffAttacks.refused++;
    assert.equal(((await auth.getUser(target)).customClaims ?? {})["role"], "customer", "not promoted by one admin");
    const approved = await call<{ state: string }>("approveRequest", { approvalId: asked.result!.approvalId }, await idToken("admin2@kassa.test"));
    assert.equal(approved.result?.state, "approved", JSON.stringify(approved));
    assert.equal(((await auth.getUser(target)).customClaims ?? {})["role"], "admin");
    const trail = (await db.collection("audit").where("target", "==", target).get()).docs.map((d) => d.get("action") as string).sort();
    assert.deepEqual(trail, ["approval_requested", "role_changed"]);
  });
});
