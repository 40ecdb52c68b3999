/**
 * Stripe faults during the weekly payout run: the real Stripe sandbox in-process with ~20 %
 * of Kassa's Stripe calls failing (500s, 500s after the payout was created, i.e. a response
 * lost on the way back, and 429s), the SDK's own retries off, and the task queue's retries
 * (plus Cloud Tasks' at-least-once redelivery) doing the recovering. Afterwards: exactly one
 * Stripe payout per due coach, for the amount the ledger had available, nobody paid twice,
 * and every coach not paid has an outcome with its reason.
 */
import assert from "node:assert/strict";
import path from "node:path";
import Stripe from "stripe";
import { StripeConnectGateway } from "../../../src/adapters/stripe/stripe-connect-gateway";
import { bookEntries } from "../../../src/app/ledger/book-entries";
import { startPayoutRun, type RunDeps } from "../../../src/app/payouts/payout-run";
import { runPayoutTask } from "../../../src/app/payouts/payout-task";
import { isDomainError } from "../../../src/domain/errors";
import { holdReleaseEntry, programSaleEntry } from "../../../src/domain/ledger";
import { paymentPosition } from "../../../src/domain/payment-position";
import type { PayoutTask } from "../../../src/ports/payout-dispatcher";
import { InMemoryPayoutStore } from "../../fakes/in-memory-payout-store";

interface Sbx {
  url: string;
  port: number;
  sandbox: { config: { secretKey: string }; now(): number; ownerOf(id: string): string | undefined; state: { payouts: Record<string, { id: string; amount: number; currency: string }> } };
  server: { log: { list(): { method: string; path: string; status: number }[]; clear(): void }; faults: { add(r: Record<string, unknown>): unknown; list(): { hits: number; status: number | null; after_effect: boolean }[] } };
  close(): Promise<void>;
}

const GROSS = 49_900;
const FEE = 9_980;
const COACHES = 60;

describe("weekly payout run under Stripe faults (sandbox in-process)", function () {
  this.timeout(120_000);
  let sbx: Sbx;
  let addTxn: (sb: unknown, t: Record<string, unknown>) => unknown;

  before(async () => {
    const root = path.join(__dirname, "../../../../sandbox/stripe/src");
    const server = (await import(path.join(root, "server.ts"))) as { startStripeSandbox(o: unknown): Promise<Sbx> };
    addTxn = ((await import(path.join(root, "balance.ts"))) as { addTxn: typeof addTxn }).addTxn;
    sbx = await server.startStripeSandbox({ config: { rateLimitPerSecond: 0 } });
  });
  after(async () => sbx?.close());

  it("pays each due coach exactly once, the ledger's amount, whatever fails", async () => {
    const key = sbx.sandbox.config.secretKey;
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/x-www-form-urlencoded" };
    const store = new InMemoryPayoutStore();
    store.settings = { requireApproval: true, minimums: {} };
    const now = Date.now();
    const expected = new Map<string, { accountId: string; amount: number }>();
    const notDue = new Set<string>();
    for (let i = 0; i < COACHES; i++) {
      const uid = `coach-${i}`;
      const res = await fetch(`${sbx.url}/v1/accounts`, { method: "POST", headers, body: new URLSearchParams({ type: "express", country: "SE", "settings[payouts][schedule][interval]": "manual" }) });
      const account = (await res.json()) as { id: string };
      await fetch(`${sbx.url}/__sandbox/accounts/${account.id}/verify`, { method: "POST" });
      const sales = 1 + (i % 3);
      // Every 10th coach has not finished onboarding: due money, but no payout, with a reason.
      const payoutsEnabled = i % 10 !== 9;
      for (let s = 0; s < sales; s++) {
        const id = `pi_${uid}_${s}`;
        addTxn(sbx.sandbox, { account: account.id, amount: GROSS - FEE, currency: "sek", type: "transfer", source: null, reporting_category: "transfer", available_on: sbx.sandbox.now() });
        const sale = programSaleEntry({ paymentId: id, coachId: uid, gross: { amount: GROSS, currency: "sek" }, fee: { amount: FEE, currency: "sek" }, occurredAt: now - 8 * 86400000 });
        const release = holdReleaseEntry({ position: paymentPosition([sale]), occurredAt: now - 86400000 })!;
        await store.transact((tx) => bookEntries(tx, [sale, release]));
        store.putPayment({
          id, kind: "program", userId: "cust", coachId: uid, programId: "prog", subscriptionId: null, invoiceId: null, description: "Program",
          amount: GROSS, currency: "sek", date: now - 8 * 86400000, status: "succeeded", stripePaymentId: id, stripeChargeId: null, feeAmount: FEE,
          coachAmount: GROSS - FEE, stripeFee: 0, refundedAmount: 0, availableOn: now - 86400000, entryIds: [sale.id, release.id], refundRequests: 0,
          holdReleased: true, day: "2026-01-01", updatedAt: now,
        });
      }
      store.coaches.set(uid, {
        uid, stripeAccountId: account.id, chargesEnabled: true, payoutsEnabled, detailsSubmitted: true, requirementsDue: [], disabledReason: null,
        accountEventAt: null, openPayouts: {}, paidThrough: {}, payoutMinimums: {}, payoutRequests: 0, updatedAt: now,
      });
      if (payoutsEnabled) expected.set(uid, { accountId: account.id, amount: store.balance(uid).available });
      else notDue.add(uid);
    }

    // ~20 % of Kassa's Stripe calls fail: 500, 500 after the payout was made, 429.
    for (const p of ["/v1/payouts", "/v1/balance"]) {
      sbx.server.faults.add({ method: "*", path: p, status: 500, fraction: 0.07 });
      sbx.server.faults.add({ method: "*", path: p, status: 500, after_effect: true, fraction: 0.075 });
      sbx.server.faults.add({ method: "*", path: p, status: 429, fraction: 0.08 });
    }
    sbx.server.log.clear();
    const stripe = new Stripe(key, { host: "127.0.0.1", port: sbx.port, protocol: "http", maxNetworkRetries: 0 });
    const tasks: PayoutTask[] = [];
    const deps: RunDeps = { store, runs: store, gateway: new StripeConnectGateway(stripe), dispatcher: { enqueue: async (t) => void tasks.push(...t) }, clock: { now: () => new Date() }, timeZone: "Europe/Stockholm" };

    const { runId } = await startPayoutRun(deps, { trigger: "schedule" });
    // The queue: up to 8 attempts per task (payoutCoach's retryConfig), permanent refusals
    // given up at once as the trigger does; then every task delivered once more (at-least-once).
    let attempts = 0;
    let retried = 0;
    const runTask = async (t: PayoutTask) => {
      for (let attempt = 1; ; attempt++) {
        attempts++;
        try {
          await runPayoutTask(deps, t);
          return;
        } catch (e) {
          if (isDomainError(e) && ["precondition", "not_found", "invalid_input", "permission"].includes(e.kind)) return;
          if (attempt >= 8) throw e;
          retried++;
        }
      }
    };
    const seen: PayoutTask[] = [];
    while (tasks.length) {
      const batch = tasks.splice(0, tasks.length);
      seen.push(...batch);
      await Promise.all(batch.map(runTask));
    }
    for (const t of seen) await runTask(t);
    while (tasks.length) await runTask(tasks.shift()!);

    const log = sbx.server.log.list().filter((r) => r.path.startsWith("/v1/"));
    const faults = sbx.server.faults.list().reduce((s, r) => s + r.hits, 0);
    const payouts = Object.values(sbx.sandbox.state.payouts);
    const byAccount = new Map<string, { amount: number }[]>();
    for (const p of payouts) byAccount.set(sbx.sandbox.ownerOf(p.id) ?? "?", [...(byAccount.get(sbx.sandbox.ownerOf(p.id) ?? "?") ?? []), p]);

    for (const [uid, want] of expected) {
      const mine = byAccount.get(want.accountId) ?? [];
      assert.equal(mine.length, 1, `${uid}: ${mine.length} Stripe payouts`);
      assert.equal(mine[0]!.amount, want.amount, `${uid}: paid ${mine[0]!.amount}, ledger had ${want.amount}`);
      const b = store.balance(uid);
      assert.equal(b.available, 0);
      assert.equal(b.inPayout, want.amount);
    }
    for (const uid of notDue) {
      const outcome = [...store.outcomes.values()].find((o) => o.coachId === uid);
      assert.ok(outcome && outcome.status === "skipped" && outcome.reason, `${uid} left out without a reason: ${JSON.stringify(outcome)}`);
      assert.equal(byAccount.get(store.coaches.get(uid)!.stripeAccountId!)?.length ?? 0, 0);
    }
    const run = store.runs.get(runId)!;
    assert.equal(payouts.length, expected.size);
    console.log(
      `      payout run under faults: ${expected.size} coaches due, ${notDue.size} skipped with a reason; Stripe calls ${log.length}, faults injected ${faults} (${((100 * faults) / log.length).toFixed(0)} %), task attempts ${attempts} (${retried} retries); Stripe payouts ${payouts.length}, paid twice 0; run ${run.status}`,
    );
  });
});
