import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import Stripe from "stripe";
import { verifyStripeEvent } from "../../../src/adapters/stripe/verify-webhook";
import { DomainError } from "../../../src/domain/errors";

const SECRET = "whsec_test_secret";
const stripe = new Stripe("sk_test_x");
const sign = (body: string, t = Math.floor(Date.now() / 1000)) =>
  `t=${t},v1=${createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex")}`;
const invalid = (e: unknown) => e instanceof DomainError && e.kind === "invalid_input";

describe("verifyStripeEvent", () => {
  const event = {
    id: "evt_1",
    object: "event",
    type: "payment_intent.succeeded",
    created: 1,
    livemode: false,
    account: "acct_1",
    data: { object: { id: "pi_1" } },
  };

  it("accepts a correctly signed event and keeps the account", () => {
    const body = JSON.stringify(event);
    const r = verifyStripeEvent(stripe, Buffer.from(body), sign(body), SECRET);
    assert.equal(r.id, "evt_1");
    assert.equal(r.account, "acct_1");
    assert.deepEqual(r.data.object, { id: "pi_1" });
  });

  it("refuses missing, forged, stale and tampered signatures as invalid input", () => {
    const body = JSON.stringify(event);
    assert.throws(() => verifyStripeEvent(stripe, Buffer.from(body), undefined, SECRET), invalid);
    assert.throws(() => verifyStripeEvent(stripe, Buffer.from(body), "t=1,v1=00", SECRET), invalid);
    assert.throws(
      () =>
        verifyStripeEvent(
          stripe,
          Buffer.from(body),
          sign(body, Math.floor(Date.now() / 1000) - 600),
          SECRET,
        ),
      invalid,
    );
    assert.throws(
      () =>
        verifyStripeEvent(stripe, Buffer.from(body.replace("pi_1", "pi_2")), sign(body), SECRET),
      invalid,
    );
  });

  it("refuses signed JSON that is not an event object", () => {
    for (const body of [
      "[]",
      "null",
      '"evt"',
      JSON.stringify({ ...event, data: null }),
      JSON.stringify({ ...event, id: 42 }),
    ]) {
      assert.throws(
        () => verifyStripeEvent(stripe, Buffer.from(body), sign(body), SECRET),
        invalid,
        body,
      );
    }
  });
});
