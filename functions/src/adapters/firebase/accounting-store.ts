/** AccountingStore in Firestore (collections and costs described in ports/accounting-store.ts). */
import { FieldValue, type DocumentReference, type Firestore } from "firebase-admin/firestore";
import type {
  AccountingSettings,
  AccountingStore,
  BookedByHand,
  BookingMarker,
  MappingChange,
  ReserveResult,
  SpecChunk,
  SyncJob,
  VoucherRecord,
  VoucherState,
} from "../../ports/accounting-store";
import { BOOKED_STATES, bookedByHandRefusal } from "../../ports/accounting-store";

/** getAll and batched writes stay well under Firestore's per-call limits (500 writes a batch). */
const CHUNK = 300;

const chunks = <T>(items: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

export class FirestoreAccountingStore implements AccountingStore {
  constructor(private readonly db: Firestore) {}

  private voucherRef(id: string): DocumentReference {
    return this.db.doc(`accounting/${id}`);
  }

  async settings(): Promise<AccountingSettings | null> {
    const snap = await this.db.doc("settings/accounting").get();
    return snap.exists ? (snap.data() as AccountingSettings) : null;
  }

  async saveSettings(settings: AccountingSettings, change?: MappingChange): Promise<void> {
    if (!change) {
      await this.db.doc("settings/accounting").set(settings);
      return;
    }
    // The trail and the change commit together: no change without its record, no record of a change not made.
    await this.db.runTransaction(async (tx) => {
      tx.set(this.db.doc("settings/accounting"), settings);
      tx.create(this.db.collection("accountingMappingAudit").doc(), change);
    });
  }

  async mappingChanges(limit: number): Promise<MappingChange[]> {
    const snap = await this.db.collection("accountingMappingAudit").orderBy("at", "desc").limit(limit).get();
    return snap.docs.map((d) => d.data() as MappingChange);
  }

  acquireRunLease(runId: string, untilMs: number, nowMs: number): Promise<{ acquired: true } | { acquired: false; heldBy: string }> {
    const ref = this.db.doc("accountingCursor/lease");
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      const held = snap.exists ? (snap.data() as { runId: string; untilMs: number }) : null;
      if (held && held.runId !== runId && held.untilMs > nowMs) return { acquired: false as const, heldBy: held.runId };
      tx.set(ref, { runId, untilMs });
      return { acquired: true as const };
    });
  }

  async releaseRunLease(runId: string): Promise<void> {
    const ref = this.db.doc("accountingCursor/lease");
    await this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (snap.exists && snap.get("runId") === runId) tx.delete(ref);
    });
  }

  async cursor(): Promise<number | null> {
    const snap = await this.db.doc("accountingCursor/ledger").get();
    const v: unknown = snap.get("recordedThroughMs");
    return typeof v === "number" ? v : null;
  }

  async saveCursor(recordedThroughMs: number, runId: string): Promise<void> {
    await this.db.doc("accountingCursor/ledger").set({ recordedThroughMs, runId, updatedAt: Date.now() });
  }

  async bookingsOf(entryIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(entryIds)) {
      if (part.length === 0) continue;
      const snaps = await this.db.getAll(...part.map((id) => this.db.doc(`accountingBookings/${id}`)));
      for (const s of snaps) if (s.exists) out.set(s.id, s.get("voucherId") as string);
    }
    return out;
  }

  async planVoucher(record: VoucherRecord, specChunks: SpecChunk[]): Promise<void> {
    const existing = await this.voucherRef(record.id).get();
    if (existing.exists && existing.get("state") !== "planned") {
      throw new Error(`voucher ${record.id} exists (${String(existing.get("state"))}); vouchers are never re-planned`);
    }
    for (const part of chunks(specChunks, 4)) {
      const batch = this.db.batch();
      for (const c of part) batch.set(this.voucherRef(record.id).collection("entries").doc(String(c.index)), c);
      await batch.commit();
    }
    await this.voucherRef(record.id).set(record);
  }

  async writeBookings(markers: BookingMarker[]): Promise<void> {
    for (const part of chunks(markers, 450)) {
      const batch = this.db.batch();
      for (const m of part) batch.set(this.db.doc(`accountingBookings/${m.entryId}`), m);
      await batch.commit();
    }
  }

  async vouchersInState(states: readonly VoucherState[]): Promise<VoucherRecord[]> {
    const snap = await this.db.collection("accounting").where("state", "in", [...states]).get();
    return snap.docs.map((d) => d.data() as VoucherRecord);
  }

  async voucher(id: string): Promise<VoucherRecord | null> {
    const snap = await this.voucherRef(id).get();
    return snap.exists ? (snap.data() as VoucherRecord) : null;
  }

  async specChunks(id: string, chunkCount: number): Promise<SpecChunk[]> {
    if (chunkCount === 0) return [];
    const refs = Array.from({ length: chunkCount }, (_, i) => this.voucherRef(id).collection("entries").doc(String(i)));
    const snaps = await this.db.getAll(...refs);
    return snaps.filter((s) => s.exists).map((s) => s.data() as SpecChunk);
  }

  async vouchersOfDay(day: string): Promise<VoucherRecord[]> {
    const snap = await this.db.collection("accounting").where("day", "==", day).get();
    return snap.docs.map((d) => d.data() as VoucherRecord);
  }

  reserveVoucher(id: string, patch: Partial<VoucherRecord>, runId: string, nowMs: number): Promise<ReserveResult> {
    const ref = this.voucherRef(id);
    return this.db.runTransaction(async (tx): Promise<ReserveResult> => {
      const snap = await tx.get(ref);
      if (!snap.exists) throw new Error(`no voucher ${id}`);
      const previous = snap.data() as VoucherRecord;
      if (BOOKED_STATES.includes(previous.state) || previous.state === "planned") return { outcome: "done", record: previous };
      if (previous.state === "posting" && (previous.postingUntil ?? 0) > nowMs && previous.runId !== runId) {
        return { outcome: "busy", record: previous };
      }
      tx.set(ref, patch, { merge: true });
      return { outcome: "reserved", previous };
    });
  }

  async updateVoucher(id: string, patch: Partial<VoucherRecord>): Promise<void> {
    await this.voucherRef(id).set(patch, { merge: true });
  }

  markBookedByHand(id: string, byHand: BookedByHand, nowMs: number) {
    const ref = this.voucherRef(id);
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (!snap.exists) return { outcome: "refused" as const, record: null, reason: `no voucher ${id}` };
      const record = snap.data() as VoucherRecord;
      const reason = bookedByHandRefusal(record, nowMs);
      if (reason) return { outcome: "refused" as const, record, reason };
      const patch: Partial<VoucherRecord> = { state: "booked_by_hand", bookedByHand: byHand, postingUntil: 0, updatedAt: nowMs };
      tx.set(ref, patch, { merge: true });
      return { outcome: "marked" as const, record: { ...record, ...patch } };
    });
  }

  async createJob(job: SyncJob): Promise<void> {
    await this.db.doc(`jobs/${job.id}`).create(job);
  }

  async updateJob(id: string, patch: Partial<SyncJob>): Promise<void> {
    await this.db.doc(`jobs/${id}`).set(patch, { merge: true });
  }

  async accountantIds(): Promise<string[]> {
    const snap = await this.db.collection("users").where("role", "==", "accountant").get();
    return snap.docs.map((d) => d.id);
  }

  async writeReferences(input: {
    paymentIds: string[];
    payoutIds: string[];
    reference: string;
    voucherId: string;
    primary: { payments: boolean; payouts: boolean };
  }): Promise<{ written: number; skipped: number }> {
    let written = 0;
    let skipped = 0;
    const targets: { ref: DocumentReference; primary: boolean }[] = [
      ...input.paymentIds.map((id) => ({ ref: this.db.doc(`payments/${id}`), primary: input.primary.payments })),
      ...input.payoutIds.map((id) => ({ ref: this.db.doc(`payouts/${id}`), primary: input.primary.payouts })),
    ];
    for (const part of chunks(targets)) {
      const snaps = await this.db.getAll(...part.map((t) => t.ref));
      const batch = this.db.batch();
      snaps.forEach((snap, i) => {
        if (!snap.exists) {
          skipped += 1;
          return;
        }
        const setReference = part[i]!.primary || !snap.get("fortnoxReference");
        batch.set(
          snap.ref,
          {
            ...(setReference ? { fortnoxReference: input.reference } : {}),
            fortnoxVouchers: FieldValue.arrayUnion({ reference: input.reference, voucherId: input.voucherId }),
          },
          { merge: true },
        );
        written += 1;
      });
      await batch.commit();
    }
    return { written, skipped };
  }
}
