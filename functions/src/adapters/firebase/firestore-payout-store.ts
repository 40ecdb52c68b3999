/**
 * Firestore implementation of the payout ports: `payouts/{id}`, `coaches/{uid}`,
 * `settings/payouts`, `jobs/{runId}` (+ `outcomes/{coach_currency}`), `payoutReviews/{id}`,
 * `reconciliation/{coach_currency}`, and the same `payments`, `ledger` and `balances` the
 * money store writes (same shapes, so both stores can touch them). Transactions read first
 * and apply queued writes at the end, like FirestoreMoneyStore.
 */
import {
  AggregateField,
  FieldPath,
  FieldValue,
  type DocumentReference,
  type Firestore,
  type Query,
  type Transaction,
} from "firebase-admin/firestore";
import type { CoachBalance } from "../../domain/balances";
import { CURRENCIES, isCurrency } from "../../domain/money";
import { RUN_AWAITING_STATUSES, RUN_FAILED_STATUSES, RUN_SENT_STATUSES } from "../../domain/payout-status";
import type { PaymentRecord } from "../../ports/money-store";
import type { HoldCursor, HoldQueue } from "../../ports/hold-queue";
import {
  NO_PAY_SKIPS,
  runCountsOf,
  type PayableBalancesPage,
  type PaySkipTally,
  type PayoutRunStore,
  type RunOutcome,
  type RunPayoutTotals,
  type RunRecord,
  type RunStatus,
} from "../../ports/payout-run-store";
import {
  PayoutExists,
  type CoachRecord,
  type PayoutRecord,
  type PayoutSettings,
  type PayoutStore,
  type PayoutTx,
  type ReviewItem,
} from "../../ports/payout-store";
import type { ReconciliationFlag, ReconciliationStore } from "../../ports/reconciliation-store";
import { moneyTxView, type QueuedWrites, runQueued } from "./firestore-money-store";
import { countingReads } from "./op-counter";

function settingsOf(doc: Record<string, unknown> | undefined): PayoutSettings {
  return {
    requireApproval: doc?.["requireApproval"] !== false,
    minimums: (doc?.["minimums"] as PayoutSettings["minimums"] | undefined) ?? {},
    secondApprovalAbove: secondApprovalOf(doc?.["secondApprovalAbove"]),
  };
}

/**
 * The settings form writes whole minor units only; anything else in the document (written by
 * hand in the console) fails closed: 0, so every payout in that currency needs a second admin,
 * rather than a value that compares as "never above" and quietly drops the second approval.
 */
function secondApprovalOf(value: unknown): PayoutSettings["secondApprovalAbove"] {
  if (typeof value !== "object" || value === null) return {};
  const out: NonNullable<PayoutSettings["secondApprovalAbove"]> = {};
  for (const [currency, limit] of Object.entries(value)) {
    if (!isCurrency(currency)) continue;
    out[currency] = typeof limit === "number" && Number.isSafeInteger(limit) && limit >= 0 ? limit : 0;
  }
  return out;
}

function coachOf(uid: string, doc: Record<string, unknown> | undefined): CoachRecord | null {
  if (!doc) return null;
  return {
    uid,
    stripeAccountId: null,
    chargesEnabled: false,
    payoutsEnabled: false,
    detailsSubmitted: false,
    requirementsDue: [],
    disabledReason: null,
    accountEventAt: null,
    openPayouts: {},
    paidThrough: {},
    payoutMinimums: {},
    payoutRequests: 0,
    updatedAt: 0,
    ...(doc as Partial<CoachRecord>),
  };
}

export class FirestorePayoutStore
  implements PayoutStore, PayoutRunStore, HoldQueue, ReconciliationStore
{
  constructor(private readonly db: Firestore) {}

  async transact<T>(fn: (tx: PayoutTx) => Promise<T>): Promise<T> {
    const created: string[] = [];
    try {
      return await runQueued(this.db, (t, writes) => this.txView(t, writes, created), fn);
    } catch (error) {
      // create() of a payout that exists fails the commit with ALREADY_EXISTS (so does its
      // reserve entry, whose id is the payout's): the port's PayoutExists, nothing written.
      if ((error as { code?: number }).code === 6 && created.length) throw new PayoutExists(created[created.length - 1]!);
      throw error;
    }
  }

  private txView(t: Transaction, writes: QueuedWrites, created: string[]): PayoutTx {
    const db = this.db;
    const get = async (ref: DocumentReference) => countingReads(1, () => t.get(ref));
    return {
      ...moneyTxView(db, t, writes),
      async getCoach(uid) {
        const snap = await get(db.doc(`coaches/${uid}`));
        return coachOf(uid, snap.data());
      },
      async getPayout(id) {
        const snap = await get(db.doc(`payouts/${id}`));
        return snap.exists ? (snap.data() as PayoutRecord) : null;
      },
      async getSettings() {
        return settingsOf((await get(db.doc("settings/payouts"))).data());
      },
      updateCoach(uid, patch) {
        // mergeFields replaces each named field whole, so a key removed from openPayouts is gone.
        writes.push((tx) =>
          tx.set(db.doc(`coaches/${uid}`), patch, { mergeFields: Object.keys(patch) }),
        );
      },
      setPayout(payout) {
        writes.push((tx) => tx.set(db.doc(`payouts/${payout.id}`), payout));
      },
      createPayout(payout) {
        created.push(payout.id);
        writes.push((tx) => tx.create(db.doc(`payouts/${payout.id}`), payout));
      },
      appendAudit(record) {
        // create(): the trail is append-only; a record written twice fails the transaction.
        const seq = record.id.slice(record.id.lastIndexOf(":") + 1);
        writes.push((tx) => tx.create(db.doc(`payouts/${record.payoutId}/audit/${seq}`), record));
      },
      async releasedPayments(coachId, currency, afterMs, throughMs, limit) {
        // A query inside the transaction: a hold released meanwhile makes it retry.
        const q = db
          .collection("payments")
          .where("coachId", "==", coachId)
          .where("currency", "==", currency)
          .where("holdReleased", "==", true)
          .where("availableOn", ">", afterMs)
          .where("availableOn", "<=", throughMs)
          .orderBy("availableOn")
          .limit(limit);
        const snap = await t.get(q);
        await countingReads(Math.max(1, snap.size), async () => undefined);
        return snap.docs.map((d) => {
          const p = d.data() as PaymentRecord;
          return { id: p.id, programId: p.programId ?? null, description: p.description ?? null, coachAmount: p.coachAmount, availableOn: p.availableOn };
        });
      },
    };
  }

  async findCoachByAccount(accountId: string): Promise<string | null> {
    const q = await countingReads(1, () =>
      this.db.collection("coaches").where("stripeAccountId", "==", accountId).limit(1).get(),
    );
    return q.docs[0]?.id ?? null;
  }

  async findPayoutByStripeId(stripePayoutId: string): Promise<string | null> {
    const q = await countingReads(1, () =>
      this.db.collection("payouts").where("stripePayoutId", "==", stripePayoutId).limit(1).get(),
    );
    return q.docs[0]?.id ?? null;
  }

  async recordReview(item: ReviewItem): Promise<void> {
    await this.db.doc(`payoutReviews/${item.id}`).set(item);
  }

  // --- runs ---

  async createRun(run: RunRecord): Promise<boolean> {
    try {
      await this.db.doc(`jobs/${run.id}`).create(run);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === 6) return false; // ALREADY_EXISTS
      throw error;
    }
  }

  /**
   * A finished run carries its final counts. A paying one is counted now: its tally shards
   * (pay-time skips) and its payouts by status group, as aggregations (count, and sum of
   * the sent amounts per currency), one read per 1,000 payouts each instead of one per payout.
   */
  async getRun(id: string): Promise<RunRecord | null> {
    const snap = await countingReads(1, () => this.db.doc(`jobs/${id}`).get());
    if (!snap.exists) return null;
    const run = snap.data() as RunRecord;
    if (run.status === "done") return run;
    const shards = await this.db.collection(`jobs/${id}/tally`).get();
    await countingReads(Math.max(1, shards.size), async () => undefined);
    const paySkips = shards.docs.reduce((acc, d) => addTally(acc, d.data() as Tally), NO_PAY_SKIPS);
    return runCountsOf(run, await this.runPayoutTotals(id), paySkips);
  }

  private async runPayoutTotals(runId: string): Promise<RunPayoutTotals> {
    const ofRun = this.db.collection("payouts").where("runId", "==", runId);
    const count = async (statuses: readonly string[]) => {
      const agg = await ofRun.where("status", "in", [...statuses]).count().get();
      const n = agg.data().count;
      await countingReads(Math.max(1, Math.ceil(n / 1000)), async () => undefined);
      return n;
    };
    const [sent, failed, awaiting, sending] = await Promise.all([count(RUN_SENT_STATUSES), count(RUN_FAILED_STATUSES), count(RUN_AWAITING_STATUSES), count(["sending"])]);
    const amounts: RunPayoutTotals["amounts"] = {};
    if (sent > 0) {
      for (const currency of CURRENCIES) {
        const agg = await ofRun.where("currency", "==", currency).where("status", "in", [...RUN_SENT_STATUSES]).aggregate({ n: AggregateField.count(), sum: AggregateField.sum("amount") }).get();
        const { n, sum } = agg.data();
        await countingReads(Math.max(1, Math.ceil(n / 1000)), async () => undefined);
        if (n > 0) amounts[currency] = sum;
      }
    }
    return { sent, failed, awaiting, sending, amounts };
  }

  async getRunStatus(runId: string): Promise<RunStatus | null> {
    const snap = await countingReads(1, () => this.db.doc(`jobs/${runId}`).get());
    const data = snap.data() as Partial<RunRecord> | undefined;
    return data?.type === "payout_run" && data.status ? data.status : null;
  }

  takePlanningLease(id: string, now: number, leaseMs: number): Promise<boolean> {
    return this.db.runTransaction(async (t) => {
      const snap = await t.get(this.db.doc(`jobs/${id}`));
      const run = snap.data() as RunRecord | undefined;
      if (!run || run.planned || run.planningLeaseUntil > now) return false;
      t.update(snap.ref, { planningLeaseUntil: now + leaseMs });
      return true;
    });
  }

  async updateRun(id: string, patch: Partial<RunRecord>): Promise<void> {
    await this.db.doc(`jobs/${id}`).update(patch);
  }

  private async readPage(
    q: Query,
    limit: number,
    cursorOf: (b: CoachBalance, id: string) => string,
  ): Promise<PayableBalancesPage> {
    const snap = await q.limit(limit).get();
    await countingReads(Math.max(1, snap.size), async () => undefined);
    const last = snap.docs[snap.size - 1];
    return {
      balances: snap.docs.map((d) => d.data() as CoachBalance),
      next: snap.size === limit && last ? cursorOf(last.data() as CoachBalance, last.id) : null,
    };
  }

  /**
   * The inequality on `available` makes Firestore order by it first, so the cursor is
   * (available, id). A balance that changes while the run plans may move past the cursor;
   * outcomes are written once per coach, so a coach seen twice is still paid once.
   */
  payableBalances(after: string | null, limit: number): Promise<PayableBalancesPage> {
    let q: Query = this.db
      .collection("balances")
      .where("available", ">", 0)
      .orderBy("available")
      .orderBy(FieldPath.documentId());
    if (after) {
      const [available, id] = JSON.parse(after) as [number, string];
      q = q.startAfter(available, id);
    }
    return this.readPage(q, limit, (b, id) => JSON.stringify([b.available, id]));
  }

  allBalances(after: string | null, limit: number): Promise<PayableBalancesPage> {
    let q: Query = this.db.collection("balances").orderBy(FieldPath.documentId());
    if (after) q = q.startAfter(after);
    return this.readPage(q, limit, (_b, id) => id);
  }

  async getCoaches(uids: readonly string[]): Promise<Map<string, CoachRecord>> {
    const out = new Map<string, CoachRecord>();
    if (uids.length === 0) return out;
    const snaps = await countingReads(uids.length, () =>
      this.db.getAll(...uids.map((u) => this.db.doc(`coaches/${u}`))),
    );
    for (const s of snaps) {
      const c = coachOf(s.id, s.data());
      if (c) out.set(s.id, c);
    }
    return out;
  }

  async getSettings(): Promise<PayoutSettings> {
    return settingsOf((await countingReads(1, () => this.db.doc("settings/payouts").get())).data());
  }

  recordPlannedPage(runId: string, page: { after: string | null; next: string | null; due: number; skipped: readonly RunOutcome[] }): Promise<boolean> {
    const run = this.db.doc(`jobs/${runId}`);
    return this.db.runTransaction(async (t) => {
      const snap = await t.get(run);
      const cur = snap.data() as RunRecord | undefined;
      if (!cur || cur.planned || (cur.planningCursor ?? null) !== page.after) return false;
      const refs = page.skipped.map((o) => run.collection("outcomes").doc(o.key));
      const existing = refs.length ? await t.getAll(...refs) : [];
      const plan = { ...(cur.plan ?? { due: 0, skipped: 0, skippedByReason: {} }) };
      plan.skippedByReason = { ...plan.skippedByReason };
      plan.due += page.due;
      page.skipped.forEach((o, i) => {
        if (existing[i]?.exists) return;
        t.create(refs[i]!, o);
        plan.skipped++;
        plan.skippedByReason[o.reason ?? "other"] = (plan.skippedByReason[o.reason ?? "other"] ?? 0) + 1;
      });
      // One planner writes the run document, once per page of 300: no hot spot.
      t.update(run, { plan, planningCursor: page.next, ...(page.next === null ? { planned: true, status: "paying" } : {}) });
      return true;
    });
  }

  recordPaySkip(runId: string, outcome: RunOutcome): Promise<boolean> {
    const run = this.db.doc(`jobs/${runId}`);
    const ref = run.collection("outcomes").doc(outcome.key);
    return this.db.runTransaction(async (t) => {
      if ((await t.get(ref)).exists) return false;
      t.create(ref, outcome);
      // The count goes to one of the run's tally shards, written and never read here: many
      // tasks may skip at once, and blind increments on different shards never make
      // concurrent tasks retry each other's transactions.
      const inc = FieldValue.increment;
      t.set(tallyRef(run, outcome.key), { skipped: inc(1), skippedByReason: { [outcome.reason ?? "other"]: inc(1) } }, { merge: true });
      return true;
    });
  }

  // --- holds ---

  async due(nowMs: number, limit: number, cursor: HoldCursor | null): Promise<HoldCursor[]> {
    let q = this.db
      .collection("payments")
      .where("holdReleased", "==", false)
      .where("availableOn", "<=", nowMs)
      .orderBy("availableOn")
      .orderBy(FieldPath.documentId())
      .limit(limit);
    if (cursor) q = q.startAfter(cursor.availableOn, cursor.id);
    const snap = await q.get();
    return snap.docs.map((d) => ({ availableOn: d.get("availableOn") as number, id: d.id }));
  }

  // --- reconciliation ---

  async save(flag: ReconciliationFlag): Promise<void> {
    await this.db.doc(`reconciliation/${flag.id}`).set(flag);
  }
}

/** Tally shards per run: pay-time skips can come as fast as the queue dispatches (24/s). */
const TALLY_SHARDS = 10;

/** The shard an outcome counts in, fixed by its key so a retried write lands on the same one. */
function tallyRef(run: DocumentReference, key: string): DocumentReference {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return run.collection("tally").doc(String(h % TALLY_SHARDS));
}

interface Tally {
  skipped?: number;
  skippedByReason?: Record<string, number>;
}

function addTally(acc: PaySkipTally, t: Tally): PaySkipTally {
  const skippedByReason = { ...acc.skippedByReason };
  for (const [r, n] of Object.entries(t.skippedByReason ?? {})) skippedByReason[r] = (skippedByReason[r] ?? 0) + n;
  return { skipped: acc.skipped + (t.skipped ?? 0), skippedByReason };
}
