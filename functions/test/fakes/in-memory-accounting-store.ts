import {
  BOOKED_STATES,
  bookedByHandRefusal,
  type AccountingSettings,
  type AccountingStore,
  type BookedByHand,
  type BookingMarker,
  type MappingChange,
  type ReserveResult,
  type SpecChunk,
  type SyncJob,
  type VoucherRecord,
  type VoucherState,
} from "../../src/ports/accounting-store";

const clone = <T>(v: T): T => structuredClone(v);

/** AccountingStore in memory, with the same transaction rules as the Firestore adapter. */
export class InMemoryAccountingStore implements AccountingStore {
  saved: AccountingSettings | null = null;
  vouchers = new Map<string, VoucherRecord>();
  chunks = new Map<string, SpecChunk[]>();
  bookings = new Map<string, BookingMarker>();
  watermark: number | null = null;
  lease: { runId: string; untilMs: number } | null = null;
  jobs = new Map<string, SyncJob>();
  accountants: string[] = ["acc1"];
  /** payments/{id} and payouts/{id} documents that exist, by "payments/pi_1". */
  docs = new Map<string, { fortnoxReference?: string; fortnoxVouchers?: { reference: string; voucherId: string }[] }>();
  failWriteReferences = false;
  /** Throws after this many more booking markers are written (a crash mid-plan). */
  crashAfterBookings: number | null = null;

  async settings() {
    return this.saved ? clone(this.saved) : null;
  }
  mappingTrail: MappingChange[] = [];
  async saveSettings(s: AccountingSettings, change?: MappingChange) {
    this.saved = clone(s);
    if (change) this.mappingTrail.push(clone(change));
  }
  async mappingChanges(limit: number) {
    return clone([...this.mappingTrail].reverse().slice(0, limit));
  }
  async acquireRunLease(runId: string, untilMs: number, nowMs: number) {
    if (this.lease && this.lease.runId !== runId && this.lease.untilMs > nowMs) return { acquired: false as const, heldBy: this.lease.runId };
    this.lease = { runId, untilMs };
    return { acquired: true as const };
  }
  async releaseRunLease(runId: string) {
    if (this.lease?.runId === runId) this.lease = null;
  }
  async cursor() {
    return this.watermark;
  }
  async saveCursor(ms: number) {
    this.watermark = ms;
  }
  async bookingsOf(ids: string[]) {
    const out = new Map<string, string>();
    for (const id of ids) {
      const m = this.bookings.get(id);
      if (m) out.set(id, m.voucherId);
    }
    return out;
  }
  async planVoucher(record: VoucherRecord, chunks: SpecChunk[]) {
    const existing = this.vouchers.get(record.id);
    if (existing && existing.state !== "planned") throw new Error(`voucher ${record.id} exists (${existing.state})`);
    this.chunks.set(record.id, clone(chunks));
    this.vouchers.set(record.id, clone(record));
  }
  async writeBookings(markers: BookingMarker[]) {
    for (const m of markers) {
      if (this.crashAfterBookings !== null) {
        if (this.crashAfterBookings <= 0) {
          this.crashAfterBookings = null;
          throw new Error("crashed while writing booking markers");
        }
        this.crashAfterBookings--;
      }
      this.bookings.set(m.entryId, clone(m));
    }
  }
  async vouchersInState(states: readonly VoucherState[]) {
    return [...this.vouchers.values()].filter((v) => states.includes(v.state)).map(clone);
  }
  async voucher(id: string) {
    const v = this.vouchers.get(id);
    return v ? clone(v) : null;
  }
  async specChunks(id: string, chunkCount: number) {
    return clone((this.chunks.get(id) ?? []).slice(0, chunkCount));
  }
  async vouchersOfDay(day: string) {
    return [...this.vouchers.values()].filter((v) => v.day === day).map(clone);
  }
  async reserveVoucher(id: string, patch: Partial<VoucherRecord>, runId: string, nowMs: number): Promise<ReserveResult> {
    const previous = this.vouchers.get(id);
    if (!previous) throw new Error(`no voucher ${id}`);
    if (BOOKED_STATES.includes(previous.state) || previous.state === "planned") return { outcome: "done", record: clone(previous) };
    if (previous.state === "posting" && (previous.postingUntil ?? 0) > nowMs && previous.runId !== runId) return { outcome: "busy", record: clone(previous) };
    this.vouchers.set(id, { ...previous, ...clone(patch) });
    return { outcome: "reserved", previous: clone(previous) };
  }
  async updateVoucher(id: string, patch: Partial<VoucherRecord>) {
    const v = this.vouchers.get(id);
    if (!v) throw new Error(`no voucher ${id}`);
    this.vouchers.set(id, { ...v, ...clone(patch) });
  }
  async markBookedByHand(id: string, byHand: BookedByHand, nowMs: number) {
    const record = this.vouchers.get(id);
    if (!record) return { outcome: "refused" as const, record: null, reason: `no voucher ${id}` };
    const reason = bookedByHandRefusal(record, nowMs);
    if (reason) return { outcome: "refused" as const, record: clone(record), reason };
    const next: VoucherRecord = { ...record, state: "booked_by_hand", bookedByHand: clone(byHand), postingUntil: 0, updatedAt: nowMs };
    this.vouchers.set(id, next);
    return { outcome: "marked" as const, record: clone(next) };
  }
  async createJob(job: SyncJob) {
    if (this.jobs.has(job.id)) throw new Error(`job ${job.id} exists`);
    this.jobs.set(job.id, clone(job));
  }
  async updateJob(id: string, patch: Partial<SyncJob>) {
    this.jobs.set(id, { ...this.jobs.get(id)!, ...clone(patch) });
  }
  async accountantIds() {
    return [...this.accountants];
  }
  async writeReferences(input: {
    paymentIds: string[];
    payoutIds: string[];
    reference: string;
    voucherId: string;
    primary: { payments: boolean; payouts: boolean };
  }) {
    if (this.failWriteReferences) throw new Error("firestore unavailable");
    let written = 0;
    let skipped = 0;
    const targets = [
      ...input.paymentIds.map((id) => ({ key: `payments/${id}`, primary: input.primary.payments })),
      ...input.payoutIds.map((id) => ({ key: `payouts/${id}`, primary: input.primary.payouts })),
    ];
    for (const t of targets) {
      const doc = this.docs.get(t.key);
      if (!doc) {
        skipped++;
        continue;
      }
      if (t.primary || !doc.fortnoxReference) doc.fortnoxReference = input.reference;
      const list = (doc.fortnoxVouchers ??= []);
      if (!list.some((v) => v.reference === input.reference)) list.push({ reference: input.reference, voucherId: input.voucherId });
      written++;
    }
    return { written, skipped };
  }
}
