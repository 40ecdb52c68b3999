/**
 * The whole payout world as a model for random command sequences: Kassa's payout use cases
 * over the in-memory stores, a Stripe that behaves like Stripe where it matters here
 * (idempotency keys forgotten after 24 h, payouts limited to the account's available
 * balance, funds that become available on Stripe's own schedule, payouts that settle paid
 * or failed later and can bounce after paid, events delivered late, twice and out of order),
 * a task queue with at-least-once delivery, and people (coaches, admins, a coach who is also
 * an admin). `checkInvariants` states what must hold after every step.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { connectEventHandlers } from "../../../src/app/connect/connect-event-handlers";
import { bookEntries } from "../../../src/app/ledger/book-entries";
import { approvePayout, cancelPayoutRequest, rejectPayout, requestPayout, retryPayout } from "../../../src/app/payouts/payout-requests";
import { startPayoutRun, type RunDeps } from "../../../src/app/payouts/payout-run";
import { runPayoutTask } from "../../../src/app/payouts/payout-task";
import { releaseHolds } from "../../../src/app/payouts/release-holds";
import type { StripeEventRecord } from "../../../src/app/stripe-events/event";
import { balanceFromEntries } from "../../../src/domain/balances";
import { isDomainError, DomainError } from "../../../src/domain/errors";
import { programSaleEntry, refundEntry } from "../../../src/domain/ledger";
import { paymentPosition } from "../../../src/domain/payment-position";
import { canTransitionPayout, isOpenPayout, type PayoutStatus } from "../../../src/domain/payout-status";
import type { Caller } from "../../../src/app/caller";
import type { ConnectAccountState, ConnectGateway, CreatePayoutInput } from "../../../src/ports/connect-gateway";
import type { PayoutTask } from "../../../src/ports/payout-dispatcher";
import type { PaymentRecord } from "../../../src/ports/money-store";
import type { PayoutTx } from "../../../src/ports/payout-store";
import { FixedClock } from "../../fakes/fixed-clock";
import { InMemoryPayoutStore } from "../../fakes/in-memory-payout-store";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
export const COACHES = ["c1", "c2"] as const;

interface StripePayout {
  id: string;
  accountId: string;
  coachId: string;
  amount: number;
  payoutId: string;
  attempt: number;
  status: "pending" | "paid" | "failed";
  /** Paid, then failed: the bank returned it. */
  returned: boolean;
}

/** Stripe's side: balances, payouts, idempotency (24 h) and the events it sends. */
export class ModelStripe implements ConnectGateway {
  /** Funds per account: amount and when Stripe makes them available (a transfer's available_on). */
  readonly funds = new Map<string, { amount: number; availableAt: number }[]>();
  readonly payouts: StripePayout[] = [];
  readonly inbox: StripeEventRecord[] = [];
  private readonly keys = new Map<string, { at: number; reply: { id: string } | { error: DomainError } }>();
  fault: "none" | "lost" | "down" = "none";
  calls = 0;
  private events = 0;

  constructor(private readonly clock: FixedClock) {}

  private now = () => this.clock.now().getTime();

  available(accountId: string): number {
    const funds = (this.funds.get(accountId) ?? []).filter((f) => f.availableAt <= this.now()).reduce((s, f) => s + f.amount, 0);
    return funds - this.payouts.filter((p) => p.accountId === accountId && p.status !== "failed").reduce((s, p) => s + p.amount, 0);
  }

  credit(accountId: string, amount: number, availableAt: number): void {
    const list = this.funds.get(accountId) ?? [];
    list.push({ amount, availableAt });
    this.funds.set(accountId, list);
  }

  async createAccount(): Promise<ConnectAccountState> {
    throw new Error("not modelled");
  }
  async accountLink(): Promise<string> {
    throw new Error("not modelled");
  }
  async loginLink(): Promise<string> {
    throw new Error("not modelled");
  }

  async balance(accountId: string): Promise<{ available: number; pending: number }> {
    this.calls++;
    return { available: this.available(accountId), pending: 0 };
  }

  async createPayout(input: CreatePayoutInput): Promise<{ stripePayoutId: string; status: string }> {
    this.calls++;
    const fault = this.fault;
    this.fault = "none";
    if (fault === "down") throw new DomainError("provider_unavailable", "Stripe is unavailable (model)");
    const slot = `${input.accountId}:${input.idempotencyKey}`;
    const known = this.keys.get(slot);
    // Stripe forgets a key 24 h after its first use: a resend after that is a new payout.
    let reply = known && this.now() - known.at < DAY ? known.reply : undefined;
    if (!reply) {
      if (input.amount > this.available(input.accountId)) {
        reply = { error: new DomainError("provider_rejected", "Stripe refused: insufficient funds", "amount", { stripeCode: "balance_insufficient" }) };
      } else {
        const id = `po_${this.payouts.length + 1}`;
        const coachId = input.accountId.replace(/^acct_/, "");
        this.payouts.push({ id, accountId: input.accountId, coachId, amount: input.amount, payoutId: input.payoutId, attempt: input.attempt, status: "pending", returned: false });
        reply = { id };
      }
      this.keys.set(slot, { at: this.now(), reply });
    }
    if (fault === "lost") throw new DomainError("provider_unavailable", "Stripe is unavailable (model): response lost");
    if ("error" in reply) throw reply.error;
    return { stripePayoutId: reply.id, status: "pending" };
  }

  /** Stripe settles a payout: paid, failed, or (when paid) returned by the bank. */
  settle(index: number, outcome: "paid" | "failed"): void {
    const open = this.payouts.filter((p) => p.status === "pending" || (p.status === "paid" && outcome === "failed"));
    const p = open[index % Math.max(open.length, 1)];
    if (!p) return;
    if (p.status === "paid") p.returned = true;
    p.status = outcome;
    this.emit(p, outcome === "paid" ? "payout.paid" : this.events % 3 === 0 ? "payout.canceled" : "payout.failed");
  }

  private emit(p: StripePayout, type: string): void {
    this.events++;
    this.inbox.push({
      id: `evt_${this.events}`,
      type,
      account: p.accountId,
      created: this.events,
      livemode: false,
      data: { object: { id: p.id, object: "payout", amount: p.amount, currency: "sek", metadata: { kassaPayoutId: p.payoutId, kassaAttempt: String(p.attempt) }, ...(type === "payout.paid" ? {} : { failure_code: "account_closed", failure_message: "The bank account has been closed." }) } },
    });
  }
}

export type Command =
  | { t: "sale"; coach: number; gross: number; holdDays: number; stripeDays: number }
  | { t: "release" }
  | { t: "refund"; sale: number; part: number }
  | { t: "request"; coach: number; amount: "all" | "minimum" | "half" | "below" | "above" }
  | { t: "cancel"; payout: number; asAdmin: boolean }
  | { t: "approve"; payout: number; admin: number }
  | { t: "approveTwiceAtOnce"; payout: number }
  | { t: "reject"; payout: number; admin: number }
  | { t: "retry"; payout: number; admin: number }
  | { t: "run" }
  | { t: "task"; index: number; fault: "none" | "lost" | "down" | "twice" }
  | { t: "settle"; index: number; outcome: "paid" | "failed" }
  | { t: "deliver"; index: number; keep: boolean }
  | { t: "clock"; hours: number };

const idx = fc.nat(20);
export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant("sale" as const), coach: fc.nat(1), gross: fc.integer({ min: 5_000, max: 90_000 }), holdDays: fc.integer({ min: 0, max: 4 }), stripeDays: fc.integer({ min: 0, max: 5 }) }), weight: 6 },
  { arbitrary: fc.constant({ t: "release" as const }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant("refund" as const), sale: idx, part: fc.integer({ min: 1, max: 4 }) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant("request" as const), coach: fc.nat(1), amount: fc.constantFrom("all" as const, "all" as const, "minimum" as const, "half" as const, "below" as const, "above" as const) }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant("cancel" as const), payout: idx, asAdmin: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant("approve" as const), payout: idx, admin: fc.nat(2) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant("approveTwiceAtOnce" as const), payout: idx }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant("reject" as const), payout: idx, admin: fc.nat(2) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant("retry" as const), payout: idx, admin: fc.nat(2) }), weight: 2 },
  { arbitrary: fc.constant({ t: "run" as const }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant("task" as const), index: idx, fault: fc.constantFrom("none" as const, "none" as const, "lost" as const, "down" as const, "twice" as const) }), weight: 6 },
  { arbitrary: fc.record({ t: fc.constant("settle" as const), index: idx, outcome: fc.constantFrom("paid" as const, "paid" as const, "failed" as const) }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant("deliver" as const), index: idx, keep: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant("clock" as const), hours: fc.constantFrom(1, 6, 21, 25, 30, 48, 7 * 24) }), weight: 4 },
);

/** Admins: two plain admins and c1 acting as an admin (a coach who is also an admin). */
const ADMINS: Caller[] = [
  { uid: "a1", role: "admin", email: null },
  { uid: "a2", role: "admin", email: null },
  { uid: "c1", role: "admin", email: null },
];
const coachCaller = (uid: string): Caller => ({ uid, role: "coach", email: null });
const PERMANENT = ["precondition", "not_found", "invalid_input", "permission"];

interface SaleFact {
  id: string;
  coachId: string;
  coachAmount: number;
}

export class PayoutModel {
  readonly clock = new FixedClock(Date.UTC(2026, 0, 12, 7, 0, 0));
  readonly store = new InMemoryPayoutStore();
  readonly stripe = new ModelStripe(this.clock);
  readonly tasks: PayoutTask[] = [];
  readonly deps: RunDeps;
  readonly handlers;
  readonly sales: SaleFact[] = [];
  /** Every status change written, checked against the lifecycle's graph. */
  readonly transitions: { id: string; from: PayoutStatus | null; to: PayoutStatus }[] = [];
  /** Per coach: coach shares of sales minus reversals, as the model counts them. */
  readonly earned = new Map<string, number>();
  private runs = 0;
  readonly log: string[] = [];

  constructor(settings: { requireApproval: boolean; secondApprovalAbove: number | null }) {
    const store = this.store;
    const transitions = this.transitions;
    const transact = store.transact.bind(store);
    store.transact = <T>(fn: (tx: PayoutTx) => Promise<T>) =>
      transact((tx) => {
        const written = new Map<string, PayoutStatus>();
        return fn({
          ...tx,
          setPayout: (p) => {
            const from = written.get(p.id) ?? store.payouts.get(p.id)?.status ?? null;
            if (from !== p.status) transitions.push({ id: p.id, from, to: p.status });
            written.set(p.id, p.status);
            tx.setPayout(p);
          },
        });
      });
    store.settings = { requireApproval: settings.requireApproval, minimums: { sek: 10_000 }, secondApprovalAbove: settings.secondApprovalAbove === null ? {} : { sek: settings.secondApprovalAbove } };
    this.deps = { store, runs: store, gateway: this.stripe, clock: this.clock, dispatcher: { enqueue: async (t) => void this.tasks.push(...t) }, timeZone: "Europe/Stockholm" };
    this.handlers = connectEventHandlers({ store, clock: this.clock });
    for (const uid of COACHES) {
      store.coaches.set(uid, {
        uid, stripeAccountId: `acct_${uid}`, chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true, requirementsDue: [], disabledReason: null,
        accountEventAt: null, openPayouts: {}, paidThrough: {}, carriedLines: {}, payoutMinimums: {}, payoutRequests: 0, updatedAt: 0,
      });
      this.earned.set(uid, 0);
    }
  }

  private now = () => this.clock.now().getTime();
  private payoutAt = (i: number) => {
    const all = [...this.store.payouts.keys()].sort();
    return all.length ? all[i % all.length]! : "none";
  };

  /** Runs one command. Refusals (DomainError) are expected; anything else is a bug. */
  async step(cmd: Command): Promise<void> {
    this.log.push(JSON.stringify(cmd));
    try {
      await this.apply(cmd);
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }

  private async refusedChangesNothing(fn: () => Promise<unknown>): Promise<void> {
    const before = JSON.stringify([[...this.store.payouts], [...this.store.balances], this.store.entries.size, this.stripe.payouts.length, this.tasks.length]);
    try {
      await fn();
    } catch (error) {
      if (!isDomainError(error)) throw error;
      // Bad input: a clear error naming the state, nothing moved, no Stripe call.
      assert.equal(JSON.stringify([[...this.store.payouts], [...this.store.balances], this.store.entries.size, this.stripe.payouts.length, this.tasks.length]), before, `a refused command changed something: ${error.message}`);
      assert.ok(error.message.length > 10);
    }
  }

  private async apply(cmd: Command): Promise<void> {
    const now = this.now();
    switch (cmd.t) {
      case "sale": {
        const coachId = COACHES[cmd.coach]!;
        const id = `pi_${this.sales.length + 1}`;
        const fee = Math.round(cmd.gross * 0.2);
        const entry = programSaleEntry({ paymentId: id, coachId, gross: { amount: cmd.gross, currency: "sek" }, fee: { amount: fee, currency: "sek" }, occurredAt: now });
        const payment: PaymentRecord = {
          id, kind: "program", userId: "cust", coachId, programId: `prog-${cmd.gross % 3}`, subscriptionId: null, invoiceId: null, description: "Program",
          amount: cmd.gross, currency: "sek", date: now, status: "succeeded", stripePaymentId: id, stripeChargeId: null, feeAmount: fee, coachAmount: cmd.gross - fee,
          stripeFee: 0, refundedAmount: 0, availableOn: now + cmd.holdDays * DAY, entryIds: [entry.id], refundRequests: 0, holdReleased: false, day: "2026-01-12", updatedAt: now,
        };
        await this.store.transact(async (tx) => {
          await bookEntries(tx, [entry]);
          tx.setPayment(payment);
        });
        // The destination charge's transfer lands on the connected account on Stripe's schedule.
        this.stripe.credit(`acct_${coachId}`, cmd.gross - fee, now + cmd.stripeDays * DAY);
        this.sales.push({ id, coachId, coachAmount: cmd.gross - fee });
        this.earned.set(coachId, this.earned.get(coachId)! + cmd.gross - fee);
        return;
      }
      case "release":
        await releaseHolds({ money: this.store, holds: this.store, clock: this.clock });
        return;
      case "refund": {
        const sale = this.sales[cmd.sale % Math.max(this.sales.length, 1)];
        if (!sale) return;
        await this.store.transact(async (tx) => {
          const payment = (await tx.getPayment(sale.id))!;
          const position = paymentPosition(await tx.getEntries(payment.entryIds));
          const left = position.gross - (payment.refundedAmount ?? 0);
          const amount = Math.floor(left / cmd.part);
          if (amount < 1) return;
          const entry = refundEntry({ refundId: `re_${sale.id}_${payment.entryIds.length}`, position, amount: { amount, currency: "sek" }, occurredAt: now });
          await bookEntries(tx, [entry]);
          tx.setPayment({ ...payment, refundedAmount: (payment.refundedAmount ?? 0) + amount, entryIds: [...payment.entryIds, entry.id], updatedAt: now });
          const coachPart = entry.postings.filter((p) => p.account.startsWith(`coach:${sale.coachId}:`)).reduce((s, p) => s + p.amount, 0);
          // The transfer reversal takes the coach's part back from the connected account now.
          this.stripe.credit(`acct_${sale.coachId}`, -coachPart, 0);
          this.earned.set(sale.coachId, this.earned.get(sale.coachId)! - coachPart);
        });
        return;
      }
      case "request": {
        const uid = COACHES[cmd.coach]!;
        const available = this.store.balance(uid).available;
        const amount = { all: available, minimum: 10_000, half: Math.floor(available / 2), below: 9_999, above: available + 1 }[cmd.amount];
        await this.refusedChangesNothing(() => requestPayout(this.deps, coachCaller(uid), { amount, currency: "sek" }));
        return;
      }
      case "cancel": {
        const id = this.payoutAt(cmd.payout);
        const p = this.store.payouts.get(id);
        const caller = cmd.asAdmin ? ADMINS[0]! : coachCaller(p?.coachId ?? "c1");
        await this.refusedChangesNothing(() => cancelPayoutRequest(this.deps, caller, { payoutId: id }));
        return;
      }
      case "approve": {
        const id = this.payoutAt(cmd.payout);
        const p = this.store.payouts.get(id);
        const admin = ADMINS[cmd.admin]!;
        if (p && (p.coachId === admin.uid || p.requestedBy === admin.uid)) {
          await assert.rejects(approvePayout(this.deps, admin, { payoutId: id }), (e: unknown) => isDomainError(e) && e.kind === "permission", "the payee approved their own payout");
          return;
        }
        await this.refusedChangesNothing(() => approvePayout(this.deps, admin, { payoutId: id }));
        return;
      }
      case "approveTwiceAtOnce": {
        const id = this.payoutAt(cmd.payout);
        const results = await Promise.allSettled([approvePayout(this.deps, ADMINS[0]!, { payoutId: id }), approvePayout(this.deps, ADMINS[1]!, { payoutId: id })]);
        for (const r of results) if (r.status === "rejected" && !isDomainError(r.reason)) throw r.reason;
        return;
      }
      case "reject":
        await this.refusedChangesNothing(() => rejectPayout(this.deps, ADMINS[cmd.admin]!, { payoutId: this.payoutAt(cmd.payout), reason: "model" }));
        return;
      case "retry":
        await this.refusedChangesNothing(() => retryPayout(this.deps, ADMINS[cmd.admin]!, { payoutId: this.payoutAt(cmd.payout) }));
        return;
      case "run":
        await startPayoutRun(this.deps, { trigger: "admin", runId: `run-${++this.runs}` });
        return;
      case "task": {
        if (this.tasks.length === 0) return;
        const i = cmd.index % this.tasks.length;
        const task = this.tasks[i]!;
        if (cmd.fault === "lost" || cmd.fault === "down") this.stripe.fault = cmd.fault;
        try {
          await runPayoutTask(this.deps, task);
          if (cmd.fault !== "twice") this.tasks.splice(i, 1); // at-least-once: "twice" leaves it queued
        } catch (error) {
          // The trigger gives up on permanent refusals and lets Cloud Tasks retry the rest.
          if (isDomainError(error) && PERMANENT.includes(error.kind)) this.tasks.splice(i, 1);
          else if (!isDomainError(error)) throw error;
        } finally {
          this.stripe.fault = "none";
        }
        return;
      }
      case "settle":
        this.stripe.settle(cmd.index, cmd.outcome);
        return;
      case "deliver": {
        if (this.stripe.inbox.length === 0) return;
        const i = cmd.index % this.stripe.inbox.length;
        const event = this.stripe.inbox[i]!;
        await this.handlers[event.type]!(event);
        if (!cmd.keep) this.stripe.inbox.splice(i, 1); // kept: delivered again later
        return;
      }
      case "clock":
        this.clock.advance(cmd.hours * HOUR);
        return;
    }
  }

  /** Lets the world come to rest: every task run, every Stripe payout settled paid, every event delivered. */
  async quiesce(): Promise<void> {
    for (let round = 0; round < 20 && (this.tasks.length || this.stripe.inbox.length || this.stripe.payouts.some((p) => p.status === "pending")); round++) {
      while (this.tasks.length) await this.step({ t: "task", index: 0, fault: "none" });
      while (this.stripe.payouts.some((p) => p.status === "pending")) this.stripe.settle(0, "paid");
      while (this.stripe.inbox.length) await this.step({ t: "deliver", index: 0, keep: false });
    }
  }

  /** The invariants of issue 17, after every step. `atRest`: all events delivered. */
  checkInvariants(atRest = false): void {
    const payouts = [...this.store.payouts.values()];
    const ctx = () => `\n  after: ${this.log.slice(-8).join("\n         ")}`;
    for (const t of this.transitions) {
      const ok = t.from === null ? t.to === "requested" || t.to === "approved" : canTransitionPayout(t.from, t.to);
      assert.ok(ok, `undocumented transition ${t.from} -> ${t.to} of ${t.id}${ctx()}`);
    }
    const entries = [...this.store.entries.values()];
    for (const uid of COACHES) {
      const b = this.store.balance(uid);
      const mine = payouts.filter((p) => p.coachId === uid);
      assert.deepEqual(balanceFromEntries(uid, "sek", entries), b, `balance document drifted from the ledger for ${uid}${ctx()}`);
      assert.ok(b.inPayout >= 0, `in_payout ${b.inPayout} < 0 for ${uid}${ctx()}`);
      // Nothing is created or lost: the buckets add up to what the coach earned minus reversals.
      assert.equal(b.held + b.available + b.inPayout + b.paid, this.earned.get(uid), `money appeared or vanished for ${uid}${ctx()}`);
      const open = mine.filter((p) => isOpenPayout(p.status));
      assert.ok(open.length <= 1, `${open.length} open payouts for ${uid}: ${open.map((p) => `${p.id} ${p.status}`).join(", ")}${ctx()}`);
      assert.equal(this.store.coaches.get(uid)!.openPayouts.sek ?? null, open[0]?.id ?? null, `open-payout marker is wrong for ${uid}${ctx()}`);
      assert.equal(b.inPayout, open.reduce((s, p) => s + p.amount, 0), `in_payout is not the open payout's amount for ${uid}${ctx()}`);
      assert.equal(b.paid, mine.filter((p) => p.status === "paid").reduce((s, p) => s + p.amount, 0), `ledger paid is not the paid payouts for ${uid}${ctx()}`);
      // Stripe never sends more than Kassa reserved or paid.
      const stripeOut = this.stripe.payouts.filter((s) => s.coachId === uid && s.status !== "failed").reduce((s, p) => s + p.amount, 0);
      assert.ok(stripeOut <= b.paid + b.inPayout, `Stripe paid out ${stripeOut} but the ledger has ${b.paid} paid + ${b.inPayout} in payout for ${uid}${ctx()}`);
      if (atRest) {
        const stripePaid = this.stripe.payouts.filter((s) => s.coachId === uid && s.status === "paid").reduce((s, p) => s + p.amount, 0);
        assert.equal(stripePaid, b.paid, `at rest: Stripe paid ${stripePaid}, the ledger's paid bucket ${b.paid} for ${uid}${ctx()}`);
      }
      // Every released sale is on exactly one live payout's lines, carried to the next, or still ahead of the marker.
      const coach = this.store.coaches.get(uid)!;
      const live = mine.filter((p) => isOpenPayout(p.status) || p.status === "paid");
      for (const sale of this.sales.filter((s) => s.coachId === uid)) {
        const payment = this.store.payments.get(sale.id)!;
        if (!payment.holdReleased) continue;
        const listed = live.filter((p) => p.relatedPaymentIds.includes(sale.id)).length;
        const carried = coach.carriedLines?.sek?.paymentIds.includes(sale.id) ? 1 : 0;
        const ahead = (payment.availableOn ?? 0) > (coach.paidThrough.sek ?? 0) ? 1 : 0;
        assert.equal(listed + carried + ahead, 1, `sale ${sale.id}: on ${listed} live payouts, carried ${carried}, ahead of the marker ${ahead}${ctx()}`);
      }
    }
    for (const p of payouts) {
      assert.equal(p.lineItems.reduce((s, l) => s + l.coachAmount, 0), p.amount, `lines of ${p.id} do not add up to its amount${ctx()}`);
    }
    const perAttempt = new Map<string, number>();
    for (const s of this.stripe.payouts) perAttempt.set(`${s.payoutId}#${s.attempt}`, (perAttempt.get(`${s.payoutId}#${s.attempt}`) ?? 0) + 1);
    for (const [k, n] of perAttempt) assert.equal(n, 1, `${n} Stripe payouts for attempt ${k}${ctx()}`);
  }
}

export const settingsArb = fc.record({ requireApproval: fc.boolean(), secondApprovalAbove: fc.option(fc.integer({ min: 20_000, max: 80_000 }), { nil: null }) });

/** The property: any sequence keeps every invariant after every step, and at rest. */
export function payoutWorldProperty(maxCommands: number) {
  return fc.asyncProperty(settingsArb, fc.array(commandArb, { minLength: Math.min(20, maxCommands), maxLength: maxCommands }), async (settings, commands) => {
    const m = new PayoutModel(settings);
    for (const c of commands) {
      await m.step(c);
      m.checkInvariants();
    }
    await m.quiesce();
    m.checkInvariants(true);
  });
}
