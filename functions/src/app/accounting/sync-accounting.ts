/**
 * The Fortnox sync: books every ledger entry exactly once, whenever it arrived.
 *
 * A run (nightly 02:00, or "sync now") first plans (plan-vouchers.ts): entries recorded since
 * the watermark that no voucher holds yet go into new vouchers per business day, flow and
 * currency; late entries of a day already booked go, all flows together, into one
 * supplementary voucher per day and currency once the day's last voucher is
 * lateEntryWaitNights old (collecting them bounds the vouchers, hence the Fortnox calls, per
 * day). Then it posts
 * (post-voucher.ts) every voucher not yet posted: new ones first, oldest day first, then the
 * retries, least recently tried first. There is no cap on days: a voucher that cannot be posted
 * is marked failed with Fortnox's reason, alerted once and retried every run, and blocks
 * nothing else. Only the time budget ends a run early, and because new vouchers go first,
 * retries of stuck ones can never starve newer days. A revoked connection stops the run.
 */
import { flowOrder } from "../../domain/accounting-vouchers";
import { addDays } from "../../domain/accounting-dates";
import { dayOf } from "../../domain/calendar-day";
import { invalidInput } from "../../domain/errors";
import type { AlertStore } from "../../ports/alert-store";
import { RECONNECT_MESSAGE, type AccountingGateway, type FinancialYear } from "../../ports/accounting-gateway";
import type { AccountingLedger } from "../../ports/accounting-ledger";
import { TO_POST_STATES, type AccountingStore, type JobVoucherOutcome, type SyncJob, type VoucherRecord } from "../../ports/accounting-store";
import type { Clock } from "../../ports/clock";
import type { NotificationStore } from "../../ports/notification-store";
import { requireRole, type Caller } from "../caller";
import { currentSettings } from "./accounting-settings";
import { completePlanned, planNewEntries } from "./plan-vouchers";
import { isReconnectError, postVoucher, writeReferences, type PostContext } from "./post-voucher";
import { alertPartialRun, alertVoucherRefused } from "./voucher-alerts";
import type { ChartCache } from "./chart-cache";

export interface SyncDeps {
  ledger: AccountingLedger;
  store: AccountingStore;
  gateway: AccountingGateway;
  clock: Clock;
  alerts: AlertStore;
  notifications: NotificationStore;
  newRunId: () => string;
  /** The instance's chart of accounts for names on pages (chart-cache.ts); none: read each time. */
  chartCache?: ChartCache;
  /** How long a `posting` reservation shields the run that holds it. Default 5 min. */
  postingLeaseMs?: number;
  /** Posting stops starting new vouchers after this long (the function times out at 540 s). */
  budgetMs?: number;
  /** How far the watermark stays behind the ledger's clock (see accounting-ledger.ts). */
  settleMs?: number;
  /**
   * The clock of the database that stamps recordedAt (Firestore's), when it is not `clock`:
   * in the local stack Kassa's clock can be moved ahead, Firestore's cannot.
   */
  ledgerClock?: Clock;
  /**
   * Days a business day waits after it ended before its first vouchers are made (default 0:
   * the next night). Entries that arrive late for a day already booked each cost a
   * supplementary voucher, so a delay trades how soon a day is in Fortnox for fewer vouchers.
   */
  bookingDelayDays?: number;
  /**
   * Nights a day's late entries collect before they go into a supplementary voucher: a day and
   * currency gets a new voucher at most every this many nights (default 7, a week). 0: the
   * next run books them (the local stack, so a late entry is in Fortnox the next night).
   */
  lateEntryWaitNights?: number;
}

/**
 * A week: late entries of the bench's year (and Stripe's own retries, up to three days) arrive
 * within about ten days, so a day gets its first vouchers and one or two supplementary ones:
 * 258-310 Fortnox calls a month at 100,000 sales a year, against 370-451 when late entries are
 * booked the next night (bench/books/year.ts, LATE_WAIT_NIGHTS=0). A shorter wait means more
 * supplementary vouchers: at most 1 + (lateness window / wait) per day and currency.
 */
export const DEFAULT_LATE_ENTRY_WAIT_NIGHTS = 7;

const DEFAULT_POSTING_LEASE_MS = 5 * 60_000;
const DEFAULT_BUDGET_MS = 420_000;
const DEFAULT_SETTLE_MS = 10 * 60_000;
/** The job document keeps this many voucher outcomes (its counts keep them all). */
const MAX_JOB_VOUCHERS = 300;

export async function syncAccountingNow(deps: SyncDeps, caller: Caller, input: { day?: string }): Promise<SyncJob> {
  requireRole(caller, "admin", "accountant");
  if (input.day !== undefined) {
    // The unit of booking is the entry: every ended day is booked by every run, so a day
    // argument can only be checked, not used to pick days.
    const today = dayOf(deps.clock.now().getTime());
    if (input.day >= today) throw invalidInput("day", `${input.day} has not ended yet in Stockholm (today is ${today}); days up to ${addDays(today, -1)} can be booked`);
  }
  return syncAccounting(deps, { trigger: "manual", requestedBy: caller.uid });
}

/** Vouchers never tried go first (oldest day first), then retries, least recently tried first. */
export function postingOrder(records: VoucherRecord[]): VoucherRecord[] {
  return [...records].sort(
    (a, b) =>
      Number(a.attempts > 0) - Number(b.attempts > 0) ||
      (a.attempts > 0 ? a.updatedAt - b.updatedAt : 0) ||
      a.day.localeCompare(b.day) ||
      flowOrder(a.flow) - flowOrder(b.flow) ||
      a.currency.localeCompare(b.currency) ||
      a.sequence - b.sequence,
  );
}

export async function syncAccounting(
  deps: SyncDeps,
  request: { trigger: "schedule" | "manual"; requestedBy?: string },
): Promise<SyncJob> {
  const startedAt = deps.clock.now().getTime();
  const now = () => deps.clock.now().getTime();
  const job: SyncJob = {
    id: deps.newRunId(),
    type: "accounting_sync",
    trigger: request.trigger,
    ...(request.requestedBy ? { requestedBy: request.requestedBy } : {}),
    state: "running",
    days: [],
    progress: { vouchersDone: 0, vouchersTotal: 0 },
    counts: { entriesPlanned: 0, vouchersPlanned: 0, empty: 0, posted: 0, recovered: 0, failed: 0, busy: 0, deferred: 0, waiting: 0 },
    errors: [],
    vouchers: [],
    startedAt,
  };
  await deps.store.createJob(job);
  const budgetMs = deps.budgetMs ?? DEFAULT_BUDGET_MS;
  const lease = await deps.store.acquireRunLease(job.id, startedAt + budgetMs + 120_000, startedAt);
  if (!lease.acquired) {
    job.state = "failed";
    job.stoppedReason = `Another accounting sync (${lease.heldBy}) is running; this one did nothing.`;
    job.finishedAt = now();
    await deps.store.updateJob(job.id, { state: job.state, stoppedReason: job.stoppedReason, finishedAt: job.finishedAt });
    return job;
  }
  try {
    await runSync(deps, job, startedAt, budgetMs);
  } catch (error) {
    // Planning or the store failed: nothing is lost (the watermark did not move past what was
    // not planned), and the job says why instead of staying "running".
    job.state = "failed";
    job.stoppedReason = `The sync stopped: ${error instanceof Error ? error.message : String(error)}`;
    job.finishedAt = now();
    await deps.store.updateJob(job.id, { state: job.state, stoppedReason: job.stoppedReason, finishedAt: job.finishedAt, counts: job.counts, errors: job.errors.slice(0, 200) });
  } finally {
    await deps.store.releaseRunLease(job.id);
  }
  return job;
}

async function runSync(deps: SyncDeps, job: SyncJob, startedAt: number, budgetMs: number): Promise<void> {
  const now = () => deps.clock.now().getTime();
  const settings = await currentSettings(deps.store);
  const today = dayOf(startedAt);
  const days = new Set<string>();

  // Plan: entries committed up to settleMs ago (by the clock of whoever stamps recordedAt),
  // of business days that have ended.
  await completePlanned(deps.store, now());
  const cutoff = (deps.ledgerClock ?? deps.clock).now().getTime() - (deps.settleMs ?? DEFAULT_SETTLE_MS);
  const afterMs = await deps.store.cursor();
  if (afterMs === null || cutoff > afterMs) {
    const bookThrough = addDays(today, -1 - (deps.bookingDelayDays ?? 0));
    const wait = deps.lateEntryWaitNights ?? DEFAULT_LATE_ENTRY_WAIT_NIGHTS;
    if (!Number.isInteger(wait) || wait < 0) throw invalidInput("lateEntryWaitNights", `must be a whole number of nights, 0 or more, got ${wait}`);
    const lateThrough = addDays(today, -wait);
    const plan = await planNewEntries(deps, settings, { afterMs, throughMs: cutoff, bookThrough, lateThrough }, job.id, now());
    const through = plan.deferredFromMs === null ? cutoff : Math.min(cutoff, plan.deferredFromMs - 1);
    if (!plan.deferredUnstamped && (afterMs === null || through > afterMs)) await deps.store.saveCursor(through, job.id);
    job.counts.entriesPlanned = plan.entries;
    job.counts.waiting = plan.waiting;
    job.counts.vouchersPlanned = plan.vouchers.length;
    job.counts.empty = plan.vouchers.filter((v) => v.state === "empty").length;
    for (const v of plan.vouchers) days.add(v.day);
  }

  // Post.
  const toPost = postingOrder(await deps.store.vouchersInState(TO_POST_STATES));
  job.progress = { vouchersDone: 0, vouchersTotal: toPost.length };
  await deps.store.updateJob(job.id, progressPatch(job, days));
  const years = new Map<string, FinancialYear | null>();
  let lockedThrough: string | null | undefined;
  const ctx = (): PostContext => ({
    store: deps.store,
    gateway: deps.gateway,
    now,
    runId: job.id,
    series: settings.series,
    leaseMs: deps.postingLeaseMs ?? DEFAULT_POSTING_LEASE_MS,
    lockedThrough: lockedThrough ?? null,
    today,
    yearFor: async (date) => {
      const cached = [...years.values()].find((y) => y && y.fromDate <= date && date <= y.toDate);
      if (cached) return cached;
      if (years.has(date)) return years.get(date) ?? null;
      const year = await deps.gateway.financialYearFor(date);
      years.set(date, year);
      return year;
    },
  });

  for (const record of toPost) {
    days.add(record.day);
    if (now() - startedAt > budgetMs) {
      job.counts.deferred += 1;
      pushOutcome(job, record, "deferred");
      continue;
    }
    try {
      // Read once per run, and only when something is to be posted; it also proves the connection.
      if (lockedThrough === undefined && record.currency === "sek") {
        try {
          lockedThrough = await deps.gateway.lockedPeriodEnd();
        } catch (error) {
          if (isReconnectError(error)) throw error;
          // Fortnox not answering reads: this voucher waits for the next run, the others still try.
          const message = `Could not read Fortnox's locked period: ${error instanceof Error ? error.message : String(error)}`;
          job.counts.failed += 1;
          job.errors.push({ day: record.day, voucherId: record.id, message });
          pushOutcome(job, record, "failed", { error: { message } });
          continue;
        }
      }
      const out = await postVoucher(ctx(), record);
      if (out.outcome === "posted" || out.outcome === "recovered") {
        job.counts[out.outcome] += 1;
        pushOutcome(job, record, out.outcome, { reference: out.reference });
      } else if (out.outcome === "failed") {
        job.counts.failed += 1;
        const error = { message: out.error.message, ...(out.error.code ? { code: out.error.code } : {}) };
        job.errors.push({ day: record.day, voucherId: record.id, ...error });
        pushOutcome(job, record, "failed", { error });
        if (out.firstFailure) await alertVoucherRefused(deps, record, out.error);
      } else if (out.outcome === "busy") {
        job.counts.busy += 1;
        job.errors.push({ day: record.day, voucherId: record.id, message: out.message });
        pushOutcome(job, record, "busy", { error: { message: out.message } });
      }
    } catch (error) {
      if (!isReconnectError(error)) throw error;
      job.stoppedReason = RECONNECT_MESSAGE;
      job.errors.push({ day: record.day, voucherId: record.id, message: RECONNECT_MESSAGE });
      break;
    }
    job.progress = { vouchersDone: job.progress.vouchersDone + 1, vouchersTotal: toPost.length };
    if (job.progress.vouchersDone % 25 === 0) await deps.store.updateJob(job.id, progressPatch(job, days));
  }

  // References that failed to write after an earlier post: no Fortnox call needed.
  for (const r of await deps.store.vouchersInState(["posted"])) {
    if (r.referencesWritten === false && r.reference) await writeReferences(deps, r, r.reference);
  }

  const notPosted = job.counts.failed + job.counts.busy + job.counts.deferred;
  job.state = job.stoppedReason ? "failed" : notPosted > 0 ? "partial" : "succeeded";
  job.finishedAt = now();
  // The caller gets the job as stored (the manual sync's answer names the days it booked).
  job.days = [...days].sort().slice(0, 400);
  await deps.store.updateJob(job.id, {
    ...progressPatch(job, days),
    state: job.state,
    finishedAt: job.finishedAt,
    ...(job.stoppedReason ? { stoppedReason: job.stoppedReason } : {}),
  });
  if (job.state === "partial") await alertPartialRun(deps, job);
}

function pushOutcome(job: SyncJob, record: VoucherRecord, outcome: JobVoucherOutcome["outcome"], extra: Partial<JobVoucherOutcome> = {}): void {
  if (job.vouchers.length >= MAX_JOB_VOUCHERS) return;
  job.vouchers.push({ id: record.id, day: record.day, flow: record.flow, currency: record.currency, outcome, totalMinor: record.totalMinor, ...extra });
}

const progressPatch = (job: SyncJob, days: Set<string>): Partial<SyncJob> => ({
  days: [...days].sort().slice(0, 400),
  progress: job.progress,
  counts: job.counts,
  errors: job.errors.slice(0, 200),
  vouchers: job.vouchers,
});
