/**
 * Planning: every ledger entry not yet in a voucher is put into exactly one, whenever it
 * arrived. The entries recorded since the watermark are read (accounting-ledger.ts says why
 * that is complete), those already holding a booking marker are dropped, and the rest are
 * grouped by business day, flow and currency into new vouchers: the group's first voucher, or
 * a supplementary `#n` when the group already has one. Vouchers are never reopened: what a
 * voucher holds is fixed when it is planned, so a posted voucher can never disagree with its
 * specification.
 *
 * Crash safety: a voucher is written (planned, with its spec chunks) before its entries'
 * markers, and becomes ready after them; the watermark moves only after every group is
 * planned. A run that dies midway leaves a planned voucher whose markers completePlanned
 * writes from its chunks, and entries it had not reached are read again from the old
 * watermark. Runs are serialized by the caller (one sync at a time per reservation rules), and
 * an entry read twice is dropped by its marker.
 */
import type { AccountingSettings, AccountingStore, BookingMarker, SpecChunk, VoucherRecord } from "../../ports/accounting-store";
import { SPEC_CHUNK_SIZE } from "../../ports/accounting-store";
import type { AccountingLedger, RecordedEntry } from "../../ports/accounting-ledger";
import { buildVoucher, groupEntries, type VoucherDraft } from "../../domain/accounting-vouchers";
import type { LedgerEntry } from "../../domain/ledger-entries";
import { dayOf } from "../../domain/calendar-day";

export interface PlanResult {
  vouchers: VoucherRecord[];
  entries: number;
  /** recordedAt of the first entry left for a later run (its day has not ended), if any. */
  deferredFromMs: number | null;
  /** An entry without recordedAt was left for later: the next run must read the whole ledger again. */
  deferredUnstamped: boolean;
}

const chunked = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const markersOf = (record: VoucherRecord, entryIds: readonly string[], at: number): BookingMarker[] =>
  entryIds.map((entryId) => ({ entryId, voucherId: record.id, day: record.day, flow: record.flow, currency: record.currency, at }));

/** Finishes vouchers a crashed run planned but did not mark: their markers, then ready. */
export async function completePlanned(store: AccountingStore, now: number): Promise<number> {
  const planned = await store.vouchersInState(["planned"]);
  for (const record of planned) {
    const chunks = await store.specChunks(record.id, record.chunkCount);
    await store.writeBookings(markersOf(record, chunks.flatMap((c) => c.lines.map((l) => l.entryId)), now));
    await store.updateVoucher(record.id, { state: record.rows.length === 0 ? "empty" : "ready", updatedAt: now });
  }
  return planned.length;
}

export async function planNewEntries(
  deps: { ledger: AccountingLedger; store: AccountingStore },
  settings: AccountingSettings,
  /** `bookThrough`: the last business day that may be booked (yesterday, or earlier with a delay). */
  window: { afterMs: number | null; throughMs: number; bookThrough: string },
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
  const ready = new Map<string, LedgerEntry>();
  for (const { entry, recordedAtMs } of seen) {
    if (dayOf(entry.occurredAt) <= window.bookThrough) ready.set(entry.id, entry);
    else if (recordedAtMs !== null) deferredFromMs = Math.min(deferredFromMs ?? recordedAtMs, recordedAtMs);
    // Written before recordedAt existed and not bookable yet: only a full read finds it again.
    else deferredUnstamped = true;
  }
  const unique = [...ready.values()];
  const booked = new Map<string, string>();
  for (const part of chunked(unique.map((e) => e.id), 300)) {
    for (const [id, voucherId] of await deps.store.bookingsOf(part)) booked.set(id, voucherId);
  }
  const fresh = unique.filter((e) => !booked.has(e.id));
  const vouchers: VoucherRecord[] = [];
  for (const group of groupEntries(fresh)) {
    const sequence = (await deps.store.lastSequence(group.day, group.flow, group.currency)) + 1;
    const draft = buildVoucher({ day: group.day, flow: group.flow, currency: group.currency, sequence }, group.entries, settings.mapping);
    vouchers.push(await planOne(deps.store, draft, runId, now));
  }
  return { vouchers, entries: fresh.length, deferredFromMs, deferredUnstamped };
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
  await store.writeBookings(markersOf(record, draft.lines.map((l) => l.entryId), now));
  const state = draft.rows.length === 0 ? "empty" : "ready";
  await store.updateVoucher(record.id, { state, updatedAt: now });
  return { ...record, state };
}
