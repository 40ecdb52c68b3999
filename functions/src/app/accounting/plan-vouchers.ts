/**
 * Planning: every ledger entry not yet in a voucher is put into exactly one, whenever it
 * arrived. The entries recorded since the watermark are read (accounting-ledger.ts says why
 * that is complete), those already holding a booking marker are dropped, and the rest are
 * grouped by business day and currency. A day and currency without vouchers gets its first
 * vouchers, one per flow. One that has vouchers already gets the entries (late: they arrived
 * after its first vouchers were made), whatever their flow, in one supplementary voucher
 * `KASSA {day} late {CUR} #n`, but not before its last voucher is `lateWaitNights` nights old:
 * until then they wait, read again each run. So a day and currency gets a new voucher at most
 * every lateWaitNights nights, and no late entry waits longer than that: the number of vouchers
 * (and Fortnox calls) grows with days, flows and the lateness window / the wait, never with
 * the number of entries or with how many flows got a late entry. Vouchers are never reopened:
 * what a voucher holds is fixed when it is planned, so a posted voucher can never disagree
 * with its specification.
 *
 * Crash safety: a voucher is written (planned, with its spec chunks) before its entries'
 * markers, and becomes ready after them; the watermark moves only after every group is
 * planned. A run that dies midway leaves a planned voucher whose markers completePlanned
 * writes from its chunks, and entries it had not reached are read again from the old
 * watermark. Runs are serialized by the caller (one sync at a time per reservation rules), and
 * an entry read twice is dropped by its marker. Waiting late entries hold the watermark back
 * like entries of a day that has not ended (re-read each run, up to lateWaitNights of ledger:
 * reads, never writes or Fortnox calls).
 */
import type { AccountingSettings, AccountingStore, BookingMarker, SpecChunk, VoucherRecord } from "../../ports/accounting-store";
import { SPEC_CHUNK_SIZE } from "../../ports/accounting-store";
import type { AccountingLedger, RecordedEntry } from "../../ports/accounting-ledger";
import { buildVoucher, flowOfLine, groupEntries, LATE_FLOW, type EntryGroup, type VoucherDraft } from "../../domain/accounting-vouchers";
import type { SpecLine } from "../../domain/accounting-vouchers";
import type { LedgerEntry } from "../../domain/ledger-entries";
import { dayOf } from "../../domain/calendar-day";

export interface PlanResult {
  vouchers: VoucherRecord[];
  entries: number;
  /** Late entries left collecting for their day's next supplementary voucher. */
  waiting: number;
  /** recordedAt of the first entry left for a later run (its day has not ended, or it waits), if any. */
  deferredFromMs: number | null;
  /** An entry without recordedAt was left for later: the next run must read the whole ledger again. */
  deferredUnstamped: boolean;
}

const chunked = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const markersOf = (record: VoucherRecord, lines: readonly SpecLine[], at: number): BookingMarker[] =>
  lines.map((l) => ({ entryId: l.entryId, voucherId: record.id, day: record.day, flow: flowOfLine(l, record.flow), currency: record.currency, at }));

/** Finishes vouchers a crashed run planned but did not mark: their markers, then ready. */
export async function completePlanned(store: AccountingStore, now: number): Promise<number> {
  const planned = await store.vouchersInState(["planned"]);
  for (const record of planned) {
    const chunks = await store.specChunks(record.id, record.chunkCount);
    await store.writeBookings(markersOf(record, chunks.flatMap((c) => c.lines), now));
    await store.updateVoucher(record.id, { state: record.rows.length === 0 ? "empty" : "ready", updatedAt: now });
  }
  return planned.length;
}

export async function planNewEntries(
  deps: { ledger: AccountingLedger; store: AccountingStore },
  settings: AccountingSettings,
  /**
   * `bookThrough`: the last business day that may be booked (yesterday, or earlier with a
   * delay). `lateThrough`: a day and currency that has vouchers gets a supplementary one only
   * when its last voucher was planned on this Stockholm day or earlier (today minus the wait).
   */
  window: { afterMs: number | null; throughMs: number; bookThrough: string; lateThrough: string },
  runId: string,
  now: number,
): Promise<PlanResult> {
  const seen: RecordedEntry[] =
    window.afterMs === null
      ? await deps.ledger.allEntries()
      : await deps.ledger.entriesRecordedBetween(window.afterMs, window.throughMs);
  // A business day is booked once it has ended (and any booking delay passed): later entries
  // wait, and the watermark stops before the first of them so the next run reads them again.
  let deferredFromMs: number | null = null;
  let deferredUnstamped = false;
  const defer = (recordedAtMs: number | null): void => {
    if (recordedAtMs !== null) deferredFromMs = Math.min(deferredFromMs ?? recordedAtMs, recordedAtMs);
    // Written before recordedAt existed and not bookable yet: only a full read finds it again.
    else deferredUnstamped = true;
  };
  const ready = new Map<string, LedgerEntry>();
  const recordedAt = new Map<string, number | null>();
  for (const { entry, recordedAtMs } of seen) {
    if (dayOf(entry.occurredAt) <= window.bookThrough) {
      ready.set(entry.id, entry);
      recordedAt.set(entry.id, recordedAtMs);
    } else defer(recordedAtMs);
  }
  const unique = [...ready.values()];
  const booked = new Map<string, string>();
  for (const part of chunked(unique.map((e) => e.id), 300)) {
    for (const [id, voucherId] of await deps.store.bookingsOf(part)) booked.set(id, voucherId);
  }
  const fresh = unique.filter((e) => !booked.has(e.id));

  // Per business day and currency, in day order; each holds its flows' groups in flow order.
  const byDay = new Map<string, EntryGroup[]>();
  for (const group of groupEntries(fresh)) {
    const key = `${group.day}|${group.currency}`;
    byDay.set(key, [...(byDay.get(key) ?? []), group]);
  }
  const vouchers: VoucherRecord[] = [];
  let waiting = 0;
  let planned = 0;
  const dayVouchers = new Map<string, VoucherRecord[]>();
  for (const groups of byDay.values()) {
    const { day, currency } = groups[0]!;
    if (!dayVouchers.has(day)) dayVouchers.set(day, await deps.store.vouchersOfDay(day));
    const existing = dayVouchers.get(day)!.filter((v) => v.currency === currency);
    if (existing.length === 0) {
      // The day's first vouchers: one per flow.
      for (const g of groups) {
        const draft = buildVoucher({ day, flow: g.flow, currency, sequence: 1 }, g.entries, settings.mapping);
        vouchers.push(await planOne(deps.store, draft, runId, now));
        planned += g.entries.length;
      }
      continue;
    }
    const entries = groups.flatMap((g) => g.entries);
    const lastPlanned = dayOf(Math.max(...existing.map((v) => v.plannedAt)));
    if (lastPlanned > window.lateThrough) {
      // Collecting: the day's last voucher is too recent. Read again by the next runs.
      for (const e of entries) defer(recordedAt.get(e.id) ?? null);
      waiting += entries.length;
      continue;
    }
    const sequence = Math.max(...existing.map((v) => v.sequence)) + 1;
    const draft = buildVoucher({ day, flow: LATE_FLOW, currency, sequence }, entries, settings.mapping);
    vouchers.push(await planOne(deps.store, draft, runId, now));
    planned += entries.length;
  }
  return { vouchers, entries: planned, waiting, deferredFromMs, deferredUnstamped };
}

async function planOne(store: AccountingStore, draft: VoucherDraft, runId: string, now: number): Promise<VoucherRecord> {
  const chunks: SpecChunk[] = chunked(draft.lines, SPEC_CHUNK_SIZE).map((lines, index) => ({ index, lines }));
  const record: VoucherRecord = {
    id: draft.id,
    day: draft.day,
    flow: draft.flow,
    currency: draft.currency,
    sequence: draft.sequence,
    marker: draft.description,
    state: "planned",
    rows: draft.rows,
    totalMinor: draft.rows.reduce((s, r) => s + r.debit, 0),
    vatMinor: draft.vatMinor,
    fxMinor: draft.fxMinor,
    entryCount: draft.lines.length,
    chunkCount: chunks.length,
    plannedAt: now,
    plannedByRun: runId,
    attempts: 0,
    runId,
    attemptedDates: [],
    error: null,
    updatedAt: now,
  };
  await store.planVoucher(record, chunks);
  await store.writeBookings(markersOf(record, draft.lines, now));
  const state = draft.rows.length === 0 ? "empty" : "ready";
  await store.updateVoucher(record.id, { state, updatedAt: now });
  return { ...record, state };
}
