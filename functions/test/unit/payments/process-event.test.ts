/**
 * Processing one stored Stripe event, as the stripeEvents document and an admin see it: the
 * outcome recorded, the attempt count, the retry time after a failure (exponential backoff),
 * a dead event after the last attempt with its alert, forced re-runs, and the sweeper.
 */
import assert from "node:assert/strict";
import type { EventHandlers } from "../../../src/app/stripe-events/event";
import {
  MAX_ATTEMPTS,
  processStripeEvent,
  retryDelayMs,
  retryDueEvents,
  STUCK_AFTER_MS,
  type ProcessEventDeps,
} from "../../../src/app/stripe-events/process-event";
import { DomainError } from "../../../src/domain/errors";
import type { StripeEventRecord } from "../../../src/ports/event-store";
import { InMemoryEvents } from "../../fakes/in-memory-payment-stores";

const T0 = Date.parse("2026-11-20T10:00:00Z");

function setup(handlers: EventHandlers) {
  let now = T0;
  const events = new InMemoryEvents();
  const dead: { id: string; type: string; error: string }[] = [];
  const deps: ProcessEventDeps = {
    events,
    handlers,
    clock: { now: () => new Date(now) },
    onDead: async (d) => {
      dead.push(d);
    },
  };
  const store = async (id: string, type = "test.event", receivedAt = T0) => {
    const ev: StripeEventRecord = {
      id,
      type,
      account: null,
      created: 1_795_000_000,
      livemode: false,
      data: { object: {} },
    };
    await events.record(ev, receivedAt, "platform");
  };
  return {
    events,
    deps,
    dead,
    store,
    at: (ms: number) => {
      now = ms;
    },
  };
}

describe("processStripeEvent", () => {
  it("records the handler's outcome and the attempt; a processed event is not run again", async () => {
    let runs = 0;
    const s = setup({
      "test.event": async () => {
        runs++;
        return { result: "processed", note: "did it" };
      },
    });
    await s.store("evt_1");
    assert.deepEqual(await processStripeEvent(s.deps, "evt_1"), {
      result: "processed",
      note: "did it",
    });
    const e = s.events.events.get("evt_1")!;
    assert.equal(e.status, "processed");
    assert.equal(e.note, "did it");
    assert.equal(e.attempts, 1);
    assert.deepEqual(await processStripeEvent(s.deps, "evt_1"), {
      result: "ignored",
      note: "already processed",
    });
    assert.equal(runs, 1);
  });

  it("an ignored event is not run again either, unless forced (an admin's re-run)", async () => {
    let runs = 0;
    const s = setup({
      "test.event": async () => {
        runs++;
        return { result: "ignored", note: "not ours" };
      },
    });
    await s.store("evt_1");
    await processStripeEvent(s.deps, "evt_1");
    assert.equal(s.events.events.get("evt_1")?.status, "ignored");
    assert.deepEqual(await processStripeEvent(s.deps, "evt_1"), {
      result: "ignored",
      note: "already processed",
    });
    assert.deepEqual(await processStripeEvent(s.deps, "evt_1", { force: true }), {
      result: "ignored",
      note: "not ours",
    });
    assert.equal(runs, 2);
    assert.equal(s.events.events.get("evt_1")?.attempts, 2);
  });

  it("uses the document the trigger passed instead of reading it", async () => {
    const s = setup({ "test.event": async (e) => ({ result: "processed", note: e.id }) });
    await s.store("evt_1");
    const stored = { ...s.events.events.get("evt_1")!, attempts: 3 };
    s.events.events.delete("evt_1");
    s.events.events.set("evt_1", { ...stored, attempts: 0 });
    await processStripeEvent(s.deps, "evt_1", { stored });
    assert.equal(s.events.events.get("evt_1")?.attempts, 4);
  });

  it("an event not stored is reported, and one Kassa has no handler for is done as ignored", async () => {
    const s = setup({});
    assert.deepEqual(await processStripeEvent(s.deps, "evt_x"), {
      result: "ignored",
      note: "event evt_x is not stored",
    });
    await s.store("evt_1", "customer.created");
    assert.deepEqual(await processStripeEvent(s.deps, "evt_1"), {
      result: "ignored",
      note: "Kassa does not act on customer.created",
    });
    const e = s.events.events.get("evt_1")!;
    assert.equal(e.status, "ignored");
    assert.equal(e.attempts, 1);
  });

  it("a failure records its message and retries after 1, 2, 4 ... minutes, then the event is dead", async () => {
    const s = setup({
      "test.event": async () => {
        throw new DomainError("precondition", "not yet");
      },
    });
    await s.store("evt_1");
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      assert.deepEqual(await processStripeEvent(s.deps, "evt_1"), {
        result: "failed",
        error: "not yet",
      });
      const e = s.events.events.get("evt_1")!;
      assert.equal(e.status, "failed");
      assert.equal(e.attempts, attempt);
      assert.equal(e.error, "not yet");
      assert.equal(e.nextAttemptAt, T0 + 60_000 * 2 ** (attempt - 1));
    }
    assert.deepEqual(s.dead, []);
    await processStripeEvent(s.deps, "evt_1");
    const e = s.events.events.get("evt_1")!;
    assert.equal(e.status, "dead");
    assert.equal(e.attempts, MAX_ATTEMPTS);
    assert.equal(e.nextAttemptAt, null);
    assert.deepEqual(s.dead, [{ id: "evt_1", type: "test.event", error: "not yet" }]);
  });

  it("a failure that is not an Error is recorded as text; without onDead a dead event still dies", async () => {
    const s = setup({
      "test.event": async () => {
        throw "plain string";
      },
    });
    delete s.deps.onDead;
    await s.store("evt_1");
    s.events.events.set("evt_1", { ...s.events.events.get("evt_1")!, attempts: MAX_ATTEMPTS - 1 });
    assert.deepEqual(await processStripeEvent(s.deps, "evt_1"), {
      result: "failed",
      error: "plain string",
    });
    assert.equal(s.events.events.get("evt_1")?.status, "dead");
  });

  it("a plain Error's message is kept", async () => {
    const s = setup({
      "test.event": async () => {
        throw new Error("Stripe timed out");
      },
    });
    await s.store("evt_1");
    await processStripeEvent(s.deps, "evt_1");
    assert.equal(s.events.events.get("evt_1")?.error, "Stripe timed out");
  });

  it("retry delays double from one minute and never go below it", () => {
    assert.equal(retryDelayMs(0), 60_000);
    assert.equal(retryDelayMs(1), 60_000);
    assert.equal(retryDelayMs(2), 120_000);
    assert.equal(retryDelayMs(5), 960_000);
  });
});

describe("retryDueEvents", () => {
  it("re-runs failed events whose time has come and events their trigger missed, up to the limit", async () => {
    let fail = true;
    const ran: string[] = [];
    const s = setup({
      "test.event": async (e) => {
        ran.push(e.id);
        if (fail) throw new Error("down");
        return { result: "processed" };
      },
    });
    await s.store("evt_failed");
    await processStripeEvent(s.deps, "evt_failed");
    await s.store("evt_stuck", "test.event", T0);
    await s.store("evt_fresh", "test.event", T0 + STUCK_AFTER_MS);
    ran.length = 0;
    fail = false;

    s.at(T0 + 59_999);
    assert.deepEqual(await retryDueEvents(s.deps), { retried: 0 });

    s.at(T0 + STUCK_AFTER_MS);
    assert.deepEqual(await retryDueEvents(s.deps, 1), { retried: 1 });
    assert.deepEqual(await retryDueEvents(s.deps), { retried: 1 });
    assert.deepEqual(ran.sort(), ["evt_failed", "evt_stuck"]);
    assert.equal(s.events.events.get("evt_fresh")?.status, "received");
    assert.equal(s.events.events.get("evt_stuck")?.status, "processed");
    assert.equal(s.events.events.get("evt_failed")?.status, "processed");
  });

  it("by default takes up to 50 events per sweep", async () => {
    const s = setup({ "test.event": async () => ({ result: "processed" }) });
    for (let i = 0; i < 51; i++) await s.store(`evt_${i}`, "test.event", T0 - STUCK_AFTER_MS);
    assert.deepEqual(await retryDueEvents(s.deps), { retried: 50 });
  });
});
