import assert from "node:assert/strict";
import { connectEventHandlers } from "../../../src/app/connect/connect-event-handlers";
import { coachDashboardLink, startCoachOnboarding } from "../../../src/app/connect/onboarding";
import { DomainError } from "../../../src/domain/errors";
import type { StripeEventRecord } from "../../../src/app/stripe-events/event";
import { T0, world } from "./world";

const coach = { uid: "c1", role: "coach" as const, email: "c1@kassa.test" };

function setup() {
  const w = world();
  return { ...w, onboarding: { store: w.store, gateway: w.gateway, clock: w.clock, webAppUrl: "http://127.0.0.1:5173/" } };
}

const accountEvent = (account: string, created: number, fields: Record<string, unknown>): StripeEventRecord => ({
  id: `evt_${created}`,
  type: "account.updated",
  account,
  created,
  livemode: false,
  data: { object: { id: account, object: "account", metadata: {}, ...fields } },
});

describe("coach onboarding", () => {
  it("creates one connected account even when started twice at once, and links back to the coach page", async () => {
    const s = setup();
    const [a, b] = await Promise.all([startCoachOnboarding(s.onboarding, coach), startCoachOnboarding(s.onboarding, coach)]);
    assert.equal(a.accountId, b.accountId);
    assert.equal(s.gateway.accounts.size, 1);
    assert.equal(s.store.coaches.get("c1")?.stripeAccountId, a.accountId);
    assert.equal(s.store.coaches.get("c1")?.chargesEnabled, false);
    assert.match(a.url, /return=http%3A%2F%2F127\.0\.0\.1%3A5173%2Fcoach%3Fonboarding%3Dreturn/);
    const again = await startCoachOnboarding(s.onboarding, coach);
    assert.equal(again.accountId, a.accountId);
    assert.equal(s.gateway.accounts.size, 1);
  });

  it("refuses callers who are not coaches", async () => {
    const s = setup();
    await assert.rejects(startCoachOnboarding(s.onboarding, { ...coach, role: "customer" }), (e: unknown) => e instanceof DomainError && e.kind === "permission");
    assert.equal(s.gateway.calls, 0);
  });

  it("opens the dashboard only once details are submitted", async () => {
    const s = setup();
    await assert.rejects(coachDashboardLink(s.onboarding, coach), /Start onboarding first/);
    const { accountId } = await startCoachOnboarding(s.onboarding, coach);
    await assert.rejects(coachDashboardLink(s.onboarding, coach), /Finish onboarding first/);
    const handlers = connectEventHandlers({ store: s.store, clock: s.clock });
    await handlers["account.updated"]!(accountEvent(accountId, 100, { charges_enabled: true, payouts_enabled: true, details_submitted: true, requirements: { currently_due: [], disabled_reason: null } }));
    assert.deepEqual(await coachDashboardLink(s.onboarding, coach), { url: `https://express.example/${accountId}` });
  });
});

describe("account.updated", () => {
  it("keeps coaches/{uid} current and ignores an older event delivered late", async () => {
    const s = setup();
    const { accountId } = await startCoachOnboarding(s.onboarding, coach);
    const handler = connectEventHandlers({ store: s.store, clock: s.clock })["account.updated"]!;
    const verified = accountEvent(accountId, 200, { charges_enabled: true, payouts_enabled: true, details_submitted: true, requirements: { currently_due: [], disabled_reason: null } });
    const stale = accountEvent(accountId, 100, { charges_enabled: false, payouts_enabled: false, details_submitted: false, requirements: { currently_due: ["external_account"], disabled_reason: "requirements.past_due" } });
    assert.equal((await handler(verified)).result, "processed");
    assert.equal((await handler(stale)).result, "ignored");
    const c = s.store.coaches.get("c1")!;
    assert.deepEqual([c.chargesEnabled, c.payoutsEnabled, c.detailsSubmitted, c.requirementsDue, c.disabledReason], [true, true, true, [], null]);
    assert.equal(c.accountEventAt, 200);
  });

  it("records requirements due and the disabled reason", async () => {
    const s = setup();
    const { accountId } = await startCoachOnboarding(s.onboarding, coach);
    const handler = connectEventHandlers({ store: s.store, clock: s.clock })["account.updated"]!;
    await handler(accountEvent(accountId, 300, { charges_enabled: false, payouts_enabled: false, details_submitted: true, requirements: { currently_due: ["individual.dob.day"], disabled_reason: "requirements.past_due" } }));
    const c = s.store.coaches.get("c1")!;
    assert.deepEqual(c.requirementsDue, ["individual.dob.day"]);
    assert.equal(c.disabledReason, "requirements.past_due");
    assert.equal(c.updatedAt, T0);
  });

  it("ignores accounts that belong to no coach", async () => {
    const s = setup();
    const out = await connectEventHandlers({ store: s.store, clock: s.clock })["account.updated"]!(accountEvent("acct_x", 1, {}));
    assert.equal(out.result, "ignored");
    assert.equal(s.store.coaches.size, 0);
  });
});
