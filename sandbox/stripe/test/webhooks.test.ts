import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type Stripe from "stripe";
import type { Harness } from "./helpers.js";
import { start, verifiedAccount } from "./helpers.js";

interface Received {
  body: string;
  signature: string;
}

/** A tiny receiver that answers 500 to its first `failFirst` requests, then 200. */
async function receiver(failFirst = 0): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  let seen = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen += 1;
      got.push({ body: Buffer.concat(chunks).toString("utf8"), signature: String(req.headers["stripe-signature"] ?? "") });
      res.writeHead(seen <= failFirst ? 500 : 200);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe("webhooks", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await start();
  });
  afterEach(async () => h.sbx.close());

  it("signs deliveries so constructEvent accepts them, and refuses a tampered body", async () => {
    const rx = await receiver();
    const ep = await h.stripe.webhookEndpoints.create({ url: rx.url, enabled_events: ["customer.created"] });
    assert.match(ep.secret ?? "", /^whsec_/);
    const c = await h.stripe.customers.create({ email: "w@example.com" });
    assert.ok(await h.sbx.server.webhooks.idle());
    assert.equal(rx.got.length, 1);
    const first = rx.got[0] as Received;
    const event = h.stripe.webhooks.constructEvent(first.body, first.signature, ep.secret as string);
    assert.equal(event.type, "customer.created");
    assert.equal((event.data.object as Stripe.Customer).id, c.id);
    assert.throws(() => h.stripe.webhooks.constructEvent(first.body.replace(c.id, "cus_forged"), first.signature, ep.secret as string), /signature/i);
    assert.throws(() => h.stripe.webhooks.constructEvent(first.body, first.signature, "whsec_other"), /signature/i);
    await rx.close();
  });

  it("retries after a 500 from the receiver and logs each attempt", async () => {
    const rx = await receiver(2);
    const ep = await h.stripe.webhookEndpoints.create({ url: rx.url, enabled_events: ["*"] });
    await h.stripe.products.create({ name: "Retry me" });
    assert.ok(await h.sbx.server.webhooks.idle());
    assert.equal(rx.got.length, 3, "two failures then success");
    const log = await h.control<{ data: Array<{ status: string; attempts: Array<{ status: number }>; endpoint_id: string }> }>("GET", "/__sandbox/webhooks");
    const d = log.body.data.find((x) => x.endpoint_id === ep.id);
    assert.equal(d?.status, "succeeded");
    assert.deepEqual(d?.attempts.map((a) => a.status), [500, 500, 200]);
    const ids = new Set(rx.got.map((g) => (JSON.parse(g.body) as Stripe.Event).id));
    assert.equal(ids.size, 1, "the same event each time");
    await rx.close();
  });

  it("routes connected-account events to connect endpoints only, with account set", async () => {
    const platform = await receiver();
    const connect = await receiver();
    const pEp = await h.stripe.webhookEndpoints.create({ url: platform.url, enabled_events: ["account.updated", "customer.created"] });
    const cEp = await h.stripe.webhookEndpoints.create({ url: connect.url, enabled_events: ["account.updated", "customer.created"], connect: true });
    const acct = await verifiedAccount(h);
    await h.stripe.customers.create({ email: "plat@example.com" });
    assert.ok(await h.sbx.server.webhooks.idle());
    const pTypes = platform.got.map((g) => h.stripe.webhooks.constructEvent(g.body, g.signature, pEp.secret as string).type);
    const cEvents = connect.got.map((g) => h.stripe.webhooks.constructEvent(g.body, g.signature, cEp.secret as string));
    assert.deepEqual(pTypes, ["customer.created"]);
    assert.deepEqual(cEvents.map((e) => [e.type, e.account]), [["account.updated", acct.id]]);
    await platform.close();
    await connect.close();
  });

  it("controls: pause, duplicate, bad signature, resume", async () => {
    const rx = await receiver();
    const ep = await h.stripe.webhookEndpoints.create({ url: rx.url, enabled_events: ["customer.created"] });
    await h.control("POST", "/__sandbox/webhooks", { action: "pause" });
    await h.stripe.customers.create({ email: "1@example.com" });
    const ev = (await h.stripe.events.list({ type: "customer.created" })).data[0] as Stripe.Event;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(rx.got.length, 0, "paused");
    await h.control("POST", "/__sandbox/webhooks", { action: "duplicate", event_id: ev.id });
    await h.control("POST", "/__sandbox/webhooks", { action: "resume" });
    assert.ok(await h.sbx.server.webhooks.idle());
    assert.equal(rx.got.length, 3, "original plus two duplicates");
    assert.ok(rx.got.every((g) => (JSON.parse(g.body) as Stripe.Event).id === ev.id));
    await h.control("POST", "/__sandbox/webhooks", { action: "bad_signature", event_id: ev.id });
    await h.sbx.server.webhooks.idle();
    const last = rx.got[rx.got.length - 1] as Received;
    assert.throws(() => h.stripe.webhooks.constructEvent(last.body, last.signature, ep.secret as string));
    await rx.close();
  });
});

describe("persistence", () => {
  it("writes state to the file and reloads it at start", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stripe-sbx-"));
    const file = path.join(dir, "state.json");
    try {
      const h1 = await start({ stateFile: file });
      const acct = await verifiedAccount(h1);
      const c = await h1.stripe.customers.create({ email: "keep@example.com" }, { idempotencyKey: "persist-1" });
      await h1.control("POST", "/__sandbox/clock", { advance_seconds: 3600 });
      const now1 = (await h1.control<{ now: number }>("GET", "/__sandbox/clock")).body.now;
      await h1.sbx.close();
      assert.ok(JSON.parse(readFileSync(file, "utf8")).customers[c.id]);

      const h2 = await start({ stateFile: file });
      assert.equal(((await h2.stripe.customers.retrieve(c.id)) as Stripe.Customer).email, "keep@example.com");
      assert.equal((await h2.stripe.accounts.retrieve(acct.id)).payouts_enabled, true);
      const replay = await h2.stripe.customers.create({ email: "keep@example.com" }, { idempotencyKey: "persist-1" });
      assert.equal(replay.id, c.id, "idempotency survives a restart");
      const now2 = (await h2.control<{ now: number }>("GET", "/__sandbox/clock")).body.now;
      assert.ok(now2 >= now1, "the clock offset survives");
      await h2.sbx.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
