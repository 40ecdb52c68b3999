import assert from "node:assert/strict";
import { FirestoreCheckoutAttempts } from "../../src/adapters/firebase/firestore-checkout-attempts";
import { admin } from "./stack";

/** The card-testing quota's store on the real Firestore emulator: its transaction is the guard. */
describe("checkoutAttempts/{uid} on the Firestore emulator", function () {
  this.timeout(60_000);
  const { db } = admin();
  const store = new FirestoreCheckoutAttempts(db);
  const attempt = (id: string, at: number) => ({ id, kind: "payment_intent" as const, itemId: "p1", at, stripeId: null, clientSecret: null });

  it("admits exactly the limit when 25 attempts race for 10 slots", async () => {
    const uid = `it-racer-${Date.now()}`;
    const now = Date.now();
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => store.admit(uid, attempt(`a${i}`, now + i), now - 3_600_000, 10)));
    assert.equal(results.filter((r) => r.admitted).length, 10);
    assert.equal((await store.recent(uid, now - 3_600_000)).length, 10);
  });

  it("forgets attempts older than the window, and keeps what an attempt made for reuse", async () => {
    const uid = `it-window-${Date.now()}`;
    const now = Date.now();
    await store.admit(uid, attempt("old", now - 2 * 3_600_000), now - 3 * 3_600_000, 10);
    const later = await store.admit(uid, attempt("new", now), now - 3_600_000, 1);
    assert.equal(later.admitted, true, "the old attempt no longer counts");
    await store.attach(uid, "new", { stripeId: "pi_123", clientSecret: "pi_123_secret" });
    assert.deepEqual((await store.recent(uid, now - 3_600_000)).map((a) => [a.id, a.stripeId, a.clientSecret]), [["new", "pi_123", "pi_123_secret"]]);
  });
});
