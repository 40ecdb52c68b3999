/**
 * The Fortnox sync: books each finished Stockholm day from the ledger, one voucher per flow
 * and currency, never twice and never lost.
 *
 * Never twice: every voucher is reserved in `accounting/{day}_{flow}_{currency}` (state
 * posting, its marker as Description) in a transaction before the POST. Fortnox has no
 * idempotency key, so when a reservation shows a POST may already have happened (a run that
 * crashed or timed out after sending, or a 5xx/timeout answer just now) the day's vouchers
 * in the series are listed and the marker looked up before anything is posted again.
 *
 * Never lost: a voucher Fortnox refuses (locked period, missing account, no financial year)
 * is marked failed with Fortnox's message and code and retried on the next run, after the
 * accountant fixes it; the other vouchers and later days go on. A revoked connection stops
 * the run before anything more is sent ("Reconnect Fortnox").
 */
import { buildVouchers, type AccountingFlow, type VoucherDraft } from "../../domain/accounting";
import { assertDay, dayOf } from "../../domain/calendar-day";
import { DomainError, invalidInput, isDomainError } from "../../domain/errors";
import {
  RECONNECT_MESSAGE,
  type AccountingGateway,
  type FinancialYear,
  type PostedVoucherRef,
} from "../../ports/accounting-gateway";
import type {
  AccountingStore,
  DayRecord,
  JobVoucherOutcome,
  SyncJob,
  VoucherError,
  VoucherOutcome,
  VoucherRecord,
} from "../../ports/accounting-store";
import type { Clock } from "../../ports/clock";
import type { LedgerReader } from "../../ports/ledger-reader";
import { requireRole, type Caller } from "../caller";
import { currentSettings } from "./accounting-settings";

export interface SyncDeps {
  ledger: LedgerReader;
  store: AccountingStore;
  gateway: AccountingGateway;
  clock: Clock;
  newRunId: () => string;
  /** How long a `posting` reservation shields the run that holds it. Default 5 min. */
  postingLeaseMs?: number;
  /** Oldest-first cap, so a first run over a long history stays inside a function's timeout. */
  maxDaysPerRun?: number;
}

const DEFAULT_POSTING_LEASE_MS = 5 * 60_000;
const DEFAULT_MAX_DAYS = 62;
/** POST attempts per voucher within one run after ambiguous failures (each after a lookup). */
const MAX_POST_ATTEMPTS = 3;

export const voucherId = (v: Pick<VoucherDraft, "day" | "flow" | "currency">): string =>
  `${v.day}_${v.flow}_${v.currency}`;

function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export const isReconnectError = (e: unknown): boolean =>
  isDomainError(e) && e.details?.["reconnect"] === true;

function toVoucherError(e: unknown, at: number, ambiguous: boolean): VoucherError {
  if (isDomainError(e)) {
    const code = e.details?.["code"];
    return {
      message: e.message,
      ...(typeof code === "number" ? { code } : {}),
      kind: e.kind,
      ambiguous,
      at,
    };
  }
  return { message: e instanceof Error ? e.message : String(e), kind: "internal", ambiguous, at };
}

/** Payments are "booked" by their sale; payouts by the transfer that paid them. */
const PRIMARY: Record<AccountingFlow, { payments: boolean; payouts: boolean }> = {
  sales: { payments: true, payouts: false },
  subscriptions: { payments: true, payouts: false },
  stripe_fees: { payments: false, payouts: false },
  transfers: { payments: false, payouts: true },
  refunds: { payments: false, payouts: false },
  disputes: { payments: false, payouts: false },
  payouts: { payments: false, payouts: false },
};

export async function syncAccountingNow(
  deps: SyncDeps,
  caller: Caller,
  input: { day?: string },
): Promise<SyncJob> {
  requireRole(caller, "admin", "accountant");
  return syncAccounting(deps, { trigger: "manual", requestedBy: caller.uid, ...input });
}

export async function syncAccounting(
  deps: SyncDeps,
  request: { trigger: "schedule" | "manual"; day?: string; requestedBy?: string },
): Promise<SyncJob> {
  const now = deps.clock.now().getTime();
  const today = dayOf(now);
  const yesterday = addDays(today, -1);
  let days: string[];
  if (request.day !== undefined) {
    assertDay(request.day);
    if (request.day > yesterday) {
      throw invalidInput(
        "day",
        `${request.day} has not ended yet in Stockholm (today is ${today}); days up to ${yesterday} can be booked`,
      );
    }
    days = [request.day];
  } else {
    days = await daysToBook(deps, yesterday);
  }

  const job: SyncJob = {
    id: deps.newRunId(),
    type: "accounting_sync",
    trigger: request.trigger,
    ...(request.requestedBy ? { requestedBy: request.requestedBy } : {}),
    state: "running",
    days,
    progress: { daysDone: 0, daysTotal: days.length },
    counts: { posted: 0, alreadyPosted: 0, recovered: 0, failed: 0, busy: 0, nothingToBook: 0 },
    errors: [],
    vouchers: [],
    dayOutcomes: [],
    startedAt: now,
  };
  await deps.store.createJob(job);
  const settings = await currentSettings(deps.store);
  const run = new DayRun(deps, job, settings.mapping, settings.series);

  for (const day of days) {
    try {
      await run.bookDay(day);
    } catch (error) {
      if (isReconnectError(error)) {
        job.stoppedReason = RECONNECT_MESSAGE;
        job.errors.push({ day, message: RECONNECT_MESSAGE });
        break;
      }
      // A day that cannot even be planned (bad ledger data, Fortnox down for reads) is
      // recorded and retried next run; later days still get their chance.
      const err = toVoucherError(error, deps.clock.now().getTime(), false);
      job.errors.push({ day, message: err.message, ...(err.code ? { code: err.code } : {}) });
      await deps.store.saveDay(dayRecord(day, "failed", 0, 1, job.id, deps.clock));
      job.dayOutcomes.push({ day, state: "failed" });
    }
    job.progress = { daysDone: job.progress.daysDone + 1, daysTotal: days.length };
    await deps.store.updateJob(job.id, progressPatch(job));
  }

  job.state = job.stoppedReason
    ? "failed"
    : job.counts.failed > 0 || job.errors.length > 0
      ? "partial"
      : "succeeded";
  job.finishedAt = deps.clock.now().getTime();
  await deps.store.updateJob(job.id, {
    ...progressPatch(job),
    state: job.state,
    finishedAt: job.finishedAt,
    ...(job.stoppedReason ? { stoppedReason: job.stoppedReason } : {}),
  });
  return job;
}

const progressPatch = (job: SyncJob): Partial<SyncJob> => ({
  progress: job.progress,
  counts: job.counts,
  errors: job.errors,
  vouchers: job.vouchers,
  dayOutcomes: job.dayOutcomes,
});

const dayRecord = (
  day: string,
  state: DayRecord["state"],
  vouchers: number,
  failed: number,
  runId: string,
  clock: Clock,
): DayRecord => ({ day, state, vouchers, failed, lastRunId: runId, updatedAt: clock.now().getTime() });

/**
 * Days from the ledger's first day up to yesterday that are not booked yet (never synced or
 * failed), oldest first. Days already booked or with nothing to book are not revisited.
 */
async function daysToBook(deps: SyncDeps, yesterday: string): Promise<string[]> {
  const first = (await deps.ledger.earliestDay()) ?? yesterday;
  if (first > yesterday) return [];
  const done = new Set(
    (await deps.store.daysBetween(first, yesterday))
      .filter((d) => d.state !== "failed")
      .map((d) => d.day),
  );
  const days: string[] = [];
  for (let d = first; d <= yesterday && days.length < (deps.maxDaysPerRun ?? DEFAULT_MAX_DAYS); d = addDays(d, 1)) {
    if (!done.has(d)) days.push(d);
  }
  return days;
}

class DayRun {
  constructor(
    private readonly deps: SyncDeps,
    private readonly job: SyncJob,
    private readonly mapping: Parameters<typeof buildVouchers>[2],
    private readonly series: string,
  ) {}

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  async bookDay(day: string): Promise<void> {
    const entries = await this.deps.ledger.entriesOfDay(day);
    const drafts = buildVouchers(day, entries, this.mapping);
    if (drafts.length === 0) {
      await this.deps.store.saveDay(dayRecord(day, "nothing_to_book", 0, 0, this.job.id, this.deps.clock));
      this.job.counts.nothingToBook += 1;
      this.job.dayOutcomes.push({ day, state: "nothing_to_book" });
      return;
    }
    const existing = new Map((await this.deps.store.vouchersOfDay(day)).map((r) => [r.id, r]));
    // Only ask Fortnox for the year (which also proves the connection, before anything is
    // reserved) when something is left to post: a re-run of a booked day makes no calls.
    const pending = drafts.filter((d) => existing.get(voucherId(d))?.state !== "posted");
    const year = pending.length > 0 ? await this.deps.gateway.financialYearFor(day) : null;

    let failed = 0;
    for (const draft of drafts) {
      const outcome = await this.bookVoucher(draft, existing.get(voucherId(draft)) ?? null, year);
      if (outcome === "failed" || outcome === "busy") failed += 1;
    }
    const state = failed > 0 ? "failed" : "booked";
    await this.deps.store.saveDay(dayRecord(day, state, drafts.length, failed, this.job.id, this.deps.clock));
    this.job.dayOutcomes.push({ day, state });
  }

  private record(outcome: VoucherOutcome, draft: VoucherDraft, total: number, extra: Partial<JobVoucherOutcome> = {}): VoucherOutcome {
    const key = outcome === "already_posted" ? "alreadyPosted" : outcome;
    this.job.counts[key] += 1;
    this.job.vouchers.push({
      id: voucherId(draft),
      day: draft.day,
      flow: draft.flow,
      currency: draft.currency,
      outcome,
      totalMinor: total,
      ...extra,
    });
    if (extra.error) {
      this.job.errors.push({
        day: draft.day,
        voucherId: voucherId(draft),
        message: extra.error.message,
        ...(extra.error.code ? { code: extra.error.code } : {}),
      });
    }
    return outcome;
  }

  private async bookVoucher(
    draft: VoucherDraft,
    existing: VoucherRecord | null,
    year: FinancialYear | null,
  ): Promise<VoucherOutcome> {
    const id = voucherId(draft);
    const total = draft.rows.reduce((s, r) => s + r.debit, 0);
    if (existing?.state === "posted") {
      if (!existing.referencesWritten) await this.writeReferences(draft, existing.reference ?? "");
      return this.record("already_posted", draft, total, existing.reference ? { reference: existing.reference } : {});
    }

    const now = this.now();
    const reservation: VoucherRecord = {
      id,
      day: draft.day,
      flow: draft.flow,
      currency: draft.currency,
      marker: draft.description,
      state: "posting",
      rows: draft.rows,
      totalMinor: total,
      entryCount: draft.entryIds.length,
      paymentIds: draft.paymentIds,
      payoutIds: draft.payoutIds,
      attempts: (existing?.attempts ?? 0) + 1,
      runId: this.job.id,
      postingUntil: now + (this.deps.postingLeaseMs ?? DEFAULT_POSTING_LEASE_MS),
      error: existing?.error ?? null,
      updatedAt: now,
    };
    const reserved = await this.deps.store.reserveVoucher(reservation, now);
    if (reserved.outcome === "posted") {
      return this.record("already_posted", draft, total, reserved.record.reference ? { reference: reserved.record.reference } : {});
    }
    if (reserved.outcome === "busy") {
      return this.record("busy", draft, total, {
        error: { message: `Another sync (run ${reserved.record.runId}) is posting this voucher right now.` },
      });
    }
    const previous = reserved.previous;
    let mayExist = previous !== null && (previous.state === "posting" || previous.error?.ambiguous === true);

    const fail = async (error: unknown, ambiguous: boolean): Promise<VoucherOutcome> => {
      const err = toVoucherError(error, this.now(), ambiguous);
      await this.deps.store.updateVoucher(id, { state: "failed", error: err, postingUntil: 0, updatedAt: this.now() });
      return this.record("failed", draft, total, { error: { message: err.message, ...(err.code ? { code: err.code } : {}) } });
    };

    if (draft.currency !== "sek") {
      // Fortnox books in SEK; converting at a rate is a bookkeeping decision Kassa does not make.
      return fail(
        new DomainError("precondition", `Vouchers in ${draft.currency.toUpperCase()} need an exchange rate; Kassa books SEK only. Book this one by hand.`),
        false,
      );
    }
    if (!year) {
      return fail(
        new DomainError("provider_rejected", `Fortnox has no financial year covering ${draft.day}. Create it in Fortnox, then sync again.`, undefined, { code: 2000595 }),
        mayExist,
      );
    }

    let lastError: unknown = null;
    for (let attempt = 1; attempt <= MAX_POST_ATTEMPTS; attempt++) {
      try {
        if (mayExist) {
          const found = await this.findByMarker(year, draft);
          if (found) return await this.posted(draft, found, year, "recovered", total);
        }
        const posted = await this.deps.gateway.postVoucher(year.id, {
          description: draft.description,
          transactionDate: draft.day,
          series: this.series,
          comments: `Kassa ${id}: ${draft.entryIds.length} ledger entries, ${draft.paymentIds.length} payments, ${draft.payoutIds.length} payouts`,
          rows: draft.rows,
        });
        return await this.posted(draft, posted, year, "posted", total);
      } catch (error) {
        if (isReconnectError(error)) {
          await fail(error, mayExist);
          throw error;
        }
        if (isDomainError(error) && error.kind === "provider_unavailable" && error.details?.["ambiguous"] === true) {
          mayExist = true;
          lastError = error;
          continue;
        }
        // A refusal (or a lookup that could not be made) is final for this run; the
        // reservation keeps `mayExist` so the next run looks before it posts.
        return fail(error, mayExist || !isDomainError(error));
      }
    }
    return fail(lastError, true);
  }

  private async findByMarker(year: FinancialYear, draft: VoucherDraft): Promise<PostedVoucherRef | null> {
    const listed = await this.deps.gateway.listVouchers({
      financialYearId: year.id,
      series: this.series,
      fromDate: draft.day,
      toDate: draft.day,
    });
    return listed.find((v) => v.description === draft.description) ?? null;
  }

  private async posted(
    draft: VoucherDraft,
    ref: PostedVoucherRef,
    year: FinancialYear,
    outcome: "posted" | "recovered",
    total: number,
  ): Promise<VoucherOutcome> {
    const reference = `${ref.series}-${ref.number} (${year.fromDate.slice(0, 4)})`;
    const now = this.now();
    await this.deps.store.updateVoucher(voucherId(draft), {
      state: "posted",
      financialYearId: year.id,
      series: ref.series,
      number: ref.number,
      year: Number(year.fromDate.slice(0, 4)),
      reference,
      postedAt: now,
      postingUntil: 0,
      error: null,
      referencesWritten: false,
      updatedAt: now,
    });
    await this.writeReferences(draft, reference);
    return this.record(outcome, draft, total, { reference });
  }

  /** Failing here leaves referencesWritten false; the next run writes them (no Fortnox call). */
  private async writeReferences(draft: VoucherDraft, reference: string): Promise<void> {
    try {
      await this.deps.store.writeReferences({
        paymentIds: draft.paymentIds,
        payoutIds: draft.payoutIds,
        reference,
        voucherId: voucherId(draft),
        primary: PRIMARY[draft.flow],
      });
      await this.deps.store.updateVoucher(voucherId(draft), { referencesWritten: true });
    } catch (error) {
      this.job.errors.push({
        day: draft.day,
        voucherId: voucherId(draft),
        message: `Posted as ${reference}, but writing fortnoxReference back failed (retried next run): ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}
