import assert from "node:assert/strict";
import { ingestStripeEvent } from "../../../src/app/stripe-events/ingest-event";
import { DomainError } from "../../../src/domain/errors";
import type { StripeEventRecord } from "../../../src/ports/event-store";
import { InMemoryEvents } from "../../fakes/in-memory-payment-stores";

/** Issue 14: an event is tied to the endpoint it came on (Stripe signs each endpoint's deliveries with its own secret). */
export const endpointAttacks = { tried: 0, refused: 0 };

const event = (id: string, account: string | null): StripeEventRecord => ({
  id,
  type: "payout.paid",
  created: 1_790_000_000,
  account,
  livemode: false,
  data: { object: { id: "po_1", object: "payout" } },
});
const clock = { now: () => new Date("2026-11-24T08:00:00Z") };

describe("attacks: webhook events and the endpoint they arrive on", () => {
  it("refuses a connected account's event on the platform endpoint, naming the account, and stores nothing", async () => {
    const events = new InMemoryEvents();
    endpointAttacks.tried++;
    await assert.rejects(
      ingestStripeEvent({ events, clock, expectLivemode: false, endpoint: "platform" }, event("evt_connected", "acct_coach1")),
      (e: unknown) => e instanceof DomainError && e.kind === "invalid_input" && e.field === "account" && /acct_coach1 arrived on the platform endpoint/.test(e.message),
    );
    endpointAttacks.refused++;
    assert.equal(events.events.size, 0);
  });

  it("refuses a platform event on the Connect endpoint", async () => {
    const events = new InMemoryEvents();
    endpointAttacks.tried++;
    await assert.rejects(ingestStripeEvent({ events, clock, expectLivemode: false, endpoint: "connect" }, event("evt_platform", null)), (e: unknown) => e instanceof DomainError && e.field === "account");
    endpointAttacks.refused++;
    assert.equal(events.events.size, 0);
  });

  it("stores each event with the endpoint it arrived on", async () => {
    const events = new InMemoryEvents();
    await ingestStripeEvent({ events, clock, expectLivemode: false, endpoint: "connect" }, event("evt_c", "acct_coach1"));
    await ingestStripeEvent({ events, clock, expectLivemode: false, endpoint: "platform" }, event("evt_p", null));
    assert.deepEqual([events.events.get("evt_c")?.endpoint, events.events.get("evt_p")?.endpoint], ["connect", "platform"]);
  });
});
