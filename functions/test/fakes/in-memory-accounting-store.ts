import type {
  AccountingSettings,
  AccountingStore,
  DayRecord,
  ReserveResult,
  SyncJob,
  VoucherRecord,
} from "../../src/ports/accounting-store";

const clone = <T>(v: T): T => structuredClone(v);

/** AccountingStore in memory, with the same reservation rules as the Firestore adapter. */
export class InMemoryAccountingStore implements AccountingStore {
  saved: AccountingSettings | null = null;
  vouchers = new Map<string, VoucherRecord>();
  days = new Map<string, DayRecord>();
  jobs = new Map<string, SyncJob>();
  /** payments/{id} and payouts/{id} documents that exist, by "payments/pi_1". */
  docs = new Map<string, { fortnoxReference?: string; fortnoxVouchers?: { reference: string; voucherId: string }[] }>();
  failWriteReferences = false;

  async settings() {
    return this.saved ? clone(this.saved) : null;
  }
  async saveSettings(s: AccountingSettings) {
    this.saved = clone(s);
  }
  async voucher(id: string) {
    const v = this.vouchers.get(id);
    return v ? clone(v) : null;
  }
  async reserveVoucher(record: VoucherRecord, nowMs: number): Promise<ReserveResult> {
    const previous = this.vouchers.get(record.id) ?? null;
    if (previous?.state === "posted") return { outcome: "posted", record: clone(previous) };
    if (previous?.state === "posting" && (previous.postingUntil ?? 0) > nowMs && previous.runId !== record.runId) {
      return { outcome: "busy", record: clone(previous) };
    }
    this.vouchers.set(record.id, clone(record));
    return { outcome: "reserved", previous: previous ? clone(previous) : null };
  }
  async updateVoucher(id: string, patch: Partial<VoucherRecord>) {
    const v = this.vouchers.get(id);
    if (!v) throw new Error(`no voucher ${id}`);
    this.vouchers.set(id, { ...v, ...clone(patch) });
  }
  async vouchersOfDay(day: string) {
    return [...this.vouchers.values()].filter((v) => v.day === day).map(clone);
  }
  async day(day: string) {
    const d = this.days.get(day);
    return d ? clone(d) : null;
  }
  async saveDay(r: DayRecord) {
    this.days.set(r.day, clone(r));
  }
  async daysBetween(from: string, to: string) {
    return [...this.days.values()].filter((d) => d.day >= from && d.day <= to).map(clone);
  }
  async createJob(job: SyncJob) {
    if (this.jobs.has(job.id)) throw new Error(`job ${job.id} exists`);
    this.jobs.set(job.id, clone(job));
  }
  async updateJob(id: string, patch: Partial<SyncJob>) {
    this.jobs.set(id, { ...this.jobs.get(id)!, ...clone(patch) });
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
