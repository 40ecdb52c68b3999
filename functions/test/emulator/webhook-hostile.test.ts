/**
 * Hostile webhook deliveries against the running functions emulator: missing, stale,
 * forged and replayed-with-another-body signatures, oversize and empty bodies are answered
 * 400 and leave nothing in stripeEvents. A correctly signed event is the control: it is
 * stored, and stored once when delivered again.
 */
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { PROJECT_ID, admin } from "./stack";
import { eventually } from "./sandbox";

const FUNCTIONS_URL =
  process.env["FUNCTIONS_EMULATOR_URL"] ?? `http://127.0.0.1:5001/${PROJECT_ID}/europe-west1`;

function secrets(): Record<string, string> {
  const text = fs.readFileSync(path.join(__dirname, "..", "..", ".secret.local"), "utf8");
  return Object.fromEntries(
    text
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1).replace(/^"|"$/g, "")]),
  );
}

export const sign = (body: string, secret: string, t = Math.floor(Date.now() / 1000)): string =>
  `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;

const eventBody = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    object: "event",
    type: "customer.created",
    api_version: "2026-10-28",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: { id: `cus_${id.slice(4)}`, object: "customer", ...extra } },
  });

let delivered = 0;
async function deliver(endpoint: string, body: string, signature?: string, method = "POST") {
  delivered++;
  const res = await fetch(`${FUNCTIONS_URL}/${endpoint}`, {
    method,
    headers: {
      "Content-Type": "application/json",
      ...(signature ? { "Stripe-Signature": signature } : {}),
    },
    ...(method === "GET" ? {} : { body }),
  });
  return {
    status: res.status,
    json: (await res.json().catch(() => ({}))) as { error?: string; duplicate?: boolean },
  };
}

describe("webhooks refuse hostile deliveries (emulator)", function () {
  this.timeout(120_000);
  const run = randomBytes(4).toString("hex");
  const tried: string[] = [];
  let platformSecret = "";
  let connectSecret = "";
  let n = 0;
  const newId = () => {
    const id = `evt_hostile${run}${++n}`;
    tried.push(id);
    return id;
  };

  before(() => {
    admin();
    const s = secrets();
    platformSecret = s["STRIPE_WEBHOOK_SECRET"] ?? "";
    connectSecret = s["STRIPE_CONNECT_WEBHOOK_SECRET"] ?? "";
    assert.ok(
      platformSecret.startsWith("whsec_"),
      "the stack writes STRIPE_WEBHOOK_SECRET to functions/.secret.local",
    );
  });

  for (const endpoint of ["stripeWebhook", "stripeConnectWebhook"] as const) {
    const secret = () => (endpoint === "stripeWebhook" ? platformSecret : connectSecret);

    it(`${endpoint}: a missing signature -> 400`, async () => {
      const r = await deliver(endpoint, eventBody(newId()));
      assert.equal(r.status, 400);
      assert.match(r.json.error ?? "", /Stripe-Signature/);
    });

    it(`${endpoint}: a stale signature (older than 5 minutes) -> 400`, async () => {
      const body = eventBody(newId());
      const r = await deliver(
        endpoint,
        body,
        sign(body, secret(), Math.floor(Date.now() / 1000) - 301),
      );
      assert.equal(r.status, 400);
      assert.match(r.json.error ?? "", /signature/i);
    });

    it(`${endpoint}: forged signatures (other secrets, random digests, garbage headers) -> 400`, async () => {
      const forged = fc.oneof(
        fc
          .string({ minLength: 8, maxLength: 40 })
          .map((s) => ({
            kind: "other-secret",
            header: (body: string) => sign(body, `whsec_${s}`),
          })),
        fc
          .uint8Array({ minLength: 32, maxLength: 32 })
          .map((b) => ({
            kind: "random-digest",
            header: () => `t=${Math.floor(Date.now() / 1000)},v1=${Buffer.from(b).toString("hex")}`,
          })),
        fc
          .string({ minLength: 1, maxLength: 200 })
          .filter((s) => /^[\x20-\x7e]+$/.test(s) && s.trim() === s)
          .map((s) => ({ kind: "garbage", header: () => s })),
        fc.constant({
          kind: "v0-only",
          header: (body: string) => sign(body, secret()).replace("v1=", "v0="),
        }),
      );
      await fc.assert(
        fc.asyncProperty(forged, async (f) => {
          const body = eventBody(newId());
          const r = await deliver(endpoint, body, f.header(body));
          assert.equal(r.status, 400, `${f.kind}: ${r.status}`);
        }),
        { numRuns: 12 },
      );
    });

    it(`${endpoint}: a genuine signature replayed with another body -> 400`, async () => {
      const original = eventBody(newId());
      const header = sign(original, secret());
      for (const other of [
        eventBody(newId()),
        eventBody(newId(), { amount: 1 }),
        original.replace("customer.created", "payment_intent.succeeded"),
        `${original} `,
      ]) {
        const r = await deliver(endpoint, other, header);
        assert.equal(r.status, 400);
      }
    });

    it(`${endpoint}: oversize (> 512 kB, even correctly signed) and empty bodies -> 400`, async () => {
      const big = eventBody(newId(), { padding: "x".repeat(600 * 1024) });
      const r = await deliver(endpoint, big, sign(big, secret()));
      assert.equal(r.status, 400);
      assert.match(r.json.error ?? "", /larger/);
      const empty = await deliver(endpoint, "", sign("", secret()));
      assert.equal(empty.status, 400);
    });

    it(`${endpoint}: a signed body that is not JSON -> 400`, async () => {
      const body = "{not json";
      const r = await deliver(endpoint, body, sign(body, secret()));
      assert.equal(r.status, 400);
    });

    // Found by this suite (was a 500, which Stripe would retry): a correctly signed body that
    // is JSON but not an event object.
    it(`${endpoint}: signed JSON that is not an event -> 400`, async () => {
      for (const body of ["[]", "null", '"evt"']) {
        const r = await deliver(endpoint, body, sign(body, secret()));
        assert.equal(r.status, 400, `${body}: ${r.status}`);
      }
    });
  }

  it("nothing was stored for any refused delivery", async () => {
    const { db } = admin();
    const refs = tried.map((id) => db.doc(`stripeEvents/${id}`));
    const docs = await db.getAll(...refs);
    assert.deepEqual(
      docs.filter((d) => d.exists).map((d) => d.id),
      [],
    );
    console.log(`      hostile webhook deliveries refused with 400: ${delivered}, stored: 0`);
  });

  it("control: a correctly signed event is stored, and stored once when delivered twice", async () => {
    const id = `evt_control${run}`;
    const body = eventBody(id);
    const a = await deliver("stripeWebhook", body, sign(body, platformSecret));
    assert.equal(a.status, 200);
    const b = await deliver("stripeWebhook", body, sign(body, platformSecret));
    assert.equal(b.status, 200);
    assert.equal(b.json.duplicate, true);
    const { db } = admin();
    await eventually("control event stored", async () =>
      (await db.doc(`stripeEvents/${id}`).get()).exists ? true : undefined,
    );
  });
});
