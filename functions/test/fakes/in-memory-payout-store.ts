import { addAmounts, emptyCoachBalance, type CoachBalance } from "../../src/domain/balances";
import type { LedgerEntry } from "../../src/domain/ledger-entries";
import type { Currency } from "../../src/domain/money";
import type { HoldCursor, HoldQueue } from "../../src/ports/hold-queue";
import type { MoneyStore, MoneyTx, PaymentRecord } from "../../src/ports/money-store";
import { NO_PAY_SKIPS, runCountsOf, type PayableBalancesPage, type PaySkipTally, type PayoutRunStore, type RunOutcome, type RunPayoutTotals, type RunRecord, type RunStatus } from "../../src/ports/payout-run-store";
import { PayoutExists, type CoachRecord, type PayoutAuditRecord, type PayoutRecord, type PayoutSettings, type PayoutStore, type PayoutTx, type RelatedPayment, type ReviewItem } from "../../src/ports/payout-store";
import { RUN_AWAITING_STATUSES, RUN_FAILED_STATUSES, RUN_SENT_STATUSES } from "../../src/domain/payout-status";
import type { ReconciliationFlag, ReconciliationStore } from "../../src/ports/reconciliation-store";
import { InMemoryRollupStore } from "./in-memory-rollup-store";

const clone = <T>(v: T): T => structuredClone(v);

/**
 * Every payout port in memory over one set of maps. Transactions run one at a time (a
 * mutex), which is the serializable outcome Firestore's transactions guarantee: two racing
 * requests see each other's marker. Writes apply only when the function resolves.
 * Counts reads and writes for the benchmark.
 */
export class InMemoryPayoutStore implements PayoutStore, PayoutRunStore, HoldQueue, ReconciliationStore, MoneyStore {
  readonly payments = new Map<string, PaymentRecord>();
  readonly entries = new Map<string, LedgerEntry>();
  readonly balances = new Map<string, CoachBalance>();
  readonly rollups = new InMemoryRollupStore();
  readonly coaches = new Map<string, CoachRecord>();
  readonly payouts = new Map<string, PayoutRecord>();
  readonly runs = new Map<string, RunRecord>();
  readonly outcomes = new Map<string, RunOutcome>();
  readonly reviews = new Map<string, ReviewItem>();
  readonly flags = new Map<string, ReconciliationFlag>();
  /** Audit records by id (`${payoutId}:0001`), append-only like the Firestore subcollection. */
  readonly audit = new Map<string, PayoutAuditRecord>();
  settings: PayoutSettings = { requireApproval: true, minimums: {}, secondApprovalAbove: {} };
  reads = 0;
  writes = 0;
  private lock: Promise<unknown> = Promise.resolve();

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  transact<T>(fn: (tx: PayoutTx) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      const queued: (() => void)[] = [];
      const pending = new Set<string>();
      let duplicate: string | null = null;
      let createdPayout: string | null = null;
      const tx: PayoutTx = {
        getPayment: async (id) => (this.reads++, clone(this.payments.get(id) ?? null)),
        getBalance: async (c, cur) => (this.reads++, clone(this.balances.get(`${c}_${cur}`) ?? emptyCoachBalance(c, cur))),
        getEntries: async (ids) => {
          this.reads += ids.length;
          return ids.flatMap((id) => (this.entries.has(id) ? [clone(this.entries.get(id)!)] : []));
        },
        setPayment: (p) => queued.push(() => this.putPayment(clone(p))),
        createEntry: (e) => {
          // Firestore's create() fails at commit, after the function ran: so does this.
          if (this.entries.has(e.id) || pending.has(e.id)) return void (duplicate ??= `ledger entry ${e.id} already exists`);
          pending.add(e.id);
          queued.push(() => this.entries.set(e.id, clone(e)));
        },
      addToBalance: (coachId, currency, delta) =>
        queued.push(() => {
          const key = `${coachId}_${currency}`;
          this.balances.set(key, addAmounts(this.balances.get(key) ?? emptyCoachBalance(coachId, currency), delta));
        }),
        addToRollups: (deltas) => queued.push(() => this.rollups.apply(structuredClone(deltas))),
        getCoach: async (uid) => (this.reads++, clone(this.coaches.get(uid) ?? null)),
        getPayout: async (id) => (this.reads++, clone(this.payouts.get(id) ?? null)),
        getSettings: async () => (this.reads++, clone(this.settings)),
        updateCoach: (uid, patch) =>
          queued.push(() => {
            const cur = this.coaches.get(uid);
            this.coaches.set(uid, { ...(cur ?? ({ uid } as CoachRecord)), ...clone(patch) });
          }),
        setPayout: (p) => queued.push(() => this.payouts.set(p.id, clone(p))),
        createPayout: (p) => {
          // Firestore's create() fails the commit; here the transaction fails at once, same outcome.
          createdPayout = p.id;
          if (this.payouts.has(p.id) || pending.has(`payout:${p.id}`)) return void (duplicate ??= `payout ${p.id} already exists`);
          pending.add(`payout:${p.id}`);
          queued.push(() => this.payouts.set(p.id, clone(p)));
        },
        appendAudit: (r) => {
          if (this.audit.has(r.id) || pending.has(`audit:${r.id}`)) throw new Error(`audit record ${r.id} already exists`);
          pending.add(`audit:${r.id}`);
          queued.push(() => this.audit.set(r.id, clone(r)));
        },
        releasedPayments: async (coachId, currency, afterMs, throughMs, limit) => this.releasedPayments(coachId, currency, afterMs, throughMs, limit),
      };
      const result = await fn(tx);
      // As the Firestore adapter maps ALREADY_EXISTS: PayoutExists when the transaction created a payout.
      if (duplicate) throw createdPayout ? new PayoutExists(createdPayout) : new Error(duplicate);
      for (const w of queued) w();
      this.writes += queued.length;
      return result;
    });
  }

  async findCoachByAccount(accountId: string): Promise<string | null> {
    this.reads++;
    return [...this.coaches.values()].find((c) => c.stripeAccountId === accountId)?.uid ?? null;
  }

  async findPayoutByStripeId(id: string): Promise<string | null> {
    this.reads++;
    return [...this.payouts.values()].find((p) => p.stripePayoutId === id)?.id ?? null;
  }

  /** Per-coach index, as Firestore's composite index would be: keeps the benchmark linear. */
  private readonly byCoach = new Map<string, Set<string>>();

  putPayment(p: PaymentRecord): void {
    this.payments.set(p.id, p);
    if (p.coachId) {
      let ids = this.byCoach.get(p.coachId);
      if (!ids) this.byCoach.set(p.coachId, (ids = new Set()));
      ids.add(p.id);
    }
  }

  async releasedPayments(coachId: string, currency: Currency, afterMs: number, throughMs: number, limit: number): Promise<RelatedPayment[]> {
    const rows = [...(this.byCoach.get(coachId) ?? [])]
      .map((id) => this.payments.get(id)!)
      .filter((p) => p.coachId === coachId && p.currency === currency && p.holdReleased && (p.availableOn ?? 0) > afterMs && (p.availableOn ?? 0) <= throughMs)
      .sort((a, b) => (a.availableOn ?? 0) - (b.availableOn ?? 0))
      .slice(0, limit);
    this.reads += Math.max(1, rows.length);
    return rows.map((p) => ({ id: p.id, programId: p.programId, description: p.description, coachAmount: p.coachAmount, availableOn: p.availableOn }));
  }

  async recordReview(item: ReviewItem): Promise<void> {
    this.writes++;
    this.reviews.set(item.id, clone(item));
  }

  async createRun(run: RunRecord): Promise<boolean> {
    this.writes++;
    if (this.runs.has(run.id)) return false;
    this.runs.set(run.id, clone(run));
    return true;
  }

  async getRun(id: string): Promise<RunRecord | null> {
    this.reads++;
    const run = this.runs.get(id);
    if (!run) return null;
    if (run.status === "done") return clone(run);
    this.reads++; // the tally shards (one query)
    return clone(runCountsOf(run, this.runPayoutTotals(id), this.paySkips.get(id) ?? NO_PAY_SKIPS));
  }

  async takePlanningLease(id: string, now: number, leaseMs: number): Promise<boolean> {
    const run = this.runs.get(id);
    if (!run || run.planned || run.planningLeaseUntil > now) return false;
    run.planningLeaseUntil = now + leaseMs;
    return true;
  }

  async updateRun(id: string, patch: Partial<RunRecord>): Promise<void> {
    this.writes++;
    const run = this.runs.get(id);
    if (run) this.runs.set(id, { ...run, ...clone(patch) });
  }

  private page(filter: (b: CoachBalance) => boolean, after: string | null, limit: number): PayableBalancesPage {
    const keys = [...this.balances.keys()].sort().filter((k) => (after === null || k > after) && filter(this.balances.get(k)!));
    const slice = keys.slice(0, limit);
    this.reads += Math.max(1, slice.length);
    return { balances: slice.map((k) => clone(this.balances.get(k)!)), next: slice.length === limit ? slice[slice.length - 1]! : null };
  }

  async payableBalances(after: string | null, limit: number): Promise<PayableBalancesPage> {
    return this.page((b) => b.available > 0, after, limit);
  }

  async allBalances(after: string | null, limit: number): Promise<PayableBalancesPage> {
    return this.page(() => true, after, limit);
  }

  async getCoaches(uids: readonly string[]): Promise<Map<string, CoachRecord>> {
    this.reads += uids.length;
    return new Map(uids.flatMap((u) => (this.coaches.has(u) ? [[u, clone(this.coaches.get(u)!)] as const] : [])));
  }

  async getSettings(): Promise<PayoutSettings> {
    this.reads++;
    return clone(this.settings);
  }

  /** What became of a coach in a run: its skip outcome, or else its payout read as an outcome. */
  outcome(runId: string, key: string): RunOutcome | undefined {
    const skipped = this.outcomes.get(`${runId}/${key}`);
    if (skipped) return skipped;
    const p = this.payouts.get(`${runId}_${key}`);
    if (!p) return undefined;
    const failed = RUN_FAILED_STATUSES.includes(p.status);
    const status = failed ? "failed" : RUN_SENT_STATUSES.includes(p.status) ? "done" : "awaiting";
    return { key, coachId: p.coachId, currency: p.currency, status, reason: failed ? p.failureCode : status === "awaiting" ? "awaiting_approval" : null, message: failed ? p.failureReason : null, amount: p.amount, payoutId: p.id, updatedAt: p.updatedAt };
  }

  /** Pay-time skips per run, as the Firestore adapter's tally shards hold them. */
  private readonly paySkips = new Map<string, PaySkipTally>();

  async recordPlannedPage(runId: string, page: { after: string | null; next: string | null; due: number; skipped: readonly RunOutcome[] }): Promise<boolean> {
    return this.serial(async () => {
      this.reads++; // the run document, read in the transaction
      const run = this.runs.get(runId);
      if (!run || (run.planningCursor ?? null) !== page.after || run.planned) return false;
      const plan = { ...(run.plan ?? { due: 0, skipped: 0, skippedByReason: {} }) };
      plan.skippedByReason = { ...plan.skippedByReason };
      plan.due += page.due;
      if (page.skipped.length) this.reads += page.skipped.length;
      for (const o of page.skipped) {
        if (this.outcomes.has(`${runId}/${o.key}`)) continue;
        this.writes++;
        this.outcomes.set(`${runId}/${o.key}`, clone(o));
        plan.skipped++;
        plan.skippedByReason[o.reason ?? "other"] = (plan.skippedByReason[o.reason ?? "other"] ?? 0) + 1;
      }
      this.writes++;
      this.runs.set(runId, { ...run, plan, planningCursor: page.next, ...(page.next === null ? { planned: true, status: "paying" as const } : {}) });
      return true;
    });
  }

  async recordPaySkip(runId: string, o: RunOutcome): Promise<boolean> {
    return this.serial(async () => {
      this.reads++;
      if (this.outcomes.has(`${runId}/${o.key}`)) return false;
      this.writes += 2; // the outcome and its tally shard
      this.outcomes.set(`${runId}/${o.key}`, clone(o));
      const t = this.paySkips.get(runId) ?? { skipped: 0, skippedByReason: {} };
      const reason = o.reason ?? "other";
      this.paySkips.set(runId, { skipped: t.skipped + 1, skippedByReason: { ...t.skippedByReason, [reason]: (t.skippedByReason[reason] ?? 0) + 1 } });
      return true;
    });
  }

  async getRunStatus(runId: string): Promise<RunStatus | null> {
    this.reads++;
    return this.runs.get(runId)?.status ?? null;
  }

  /** The run's payouts counted as the Firestore adapter's aggregations do, with their read cost. */
  private runPayoutTotals(runId: string): RunPayoutTotals {
    const mine = [...this.payouts.values()].filter((p) => p.runId === runId);
    const inGroup = (statuses: readonly string[]) => mine.filter((p) => statuses.includes(p.status));
    const sent = inGroup(RUN_SENT_STATUSES);
    const amounts: RunPayoutTotals["amounts"] = {};
    for (const p of sent) amounts[p.currency] = (amounts[p.currency] ?? 0) + p.amount;
    const currencies = new Set(mine.map((p) => p.currency));
    // One aggregation per group and one sum per currency; each costs a read per 1,000 matches.
    const cost = (n: number) => Math.max(1, Math.ceil(n / 1000));
    this.reads += cost(sent.length) + cost(inGroup(RUN_FAILED_STATUSES).length) + cost(inGroup(RUN_AWAITING_STATUSES).length) + cost(inGroup(["sending"]).length);
    for (const c of currencies) this.reads += cost(sent.filter((p) => p.currency === c).length);
    return { sent: sent.length, failed: inGroup(RUN_FAILED_STATUSES).length, awaiting: inGroup(RUN_AWAITING_STATUSES).length, sending: inGroup(["sending"]).length, amounts };
  }

  async due(nowMs: number, limit: number, cursor: HoldCursor | null): Promise<HoldCursor[]> {
    const rows = [...this.payments.values()]
      .filter((p) => !p.holdReleased && p.availableOn !== null && p.availableOn <= nowMs)
      .map((p) => ({ availableOn: p.availableOn!, id: p.id }))
      .sort((a, b) => a.availableOn - b.availableOn || (a.id < b.id ? -1 : 1))
      .filter((c) => !cursor || c.availableOn > cursor.availableOn || (c.availableOn === cursor.availableOn && c.id > cursor.id));
    return rows.slice(0, limit);
  }

  async save(flag: ReconciliationFlag): Promise<void> {
    this.writes++;
    this.flags.set(flag.id, clone(flag));
  }

  /** MoneyStore view over the same maps (hold release uses it). */
  get money(): MoneyStore {
    return { transact: <T>(fn: (tx: MoneyTx) => Promise<T>) => this.transact(fn) };
  }

  /** A payout's audit trail in order. */
  auditOf(payoutId: string): PayoutAuditRecord[] {
    return [...this.audit.values()].filter((r) => r.payoutId === payoutId).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  balance(coachId: string, currency: Currency = "sek"): CoachBalance {
    return this.balances.get(`${coachId}_${currency}`) ?? emptyCoachBalance(coachId, currency);
  }
}
