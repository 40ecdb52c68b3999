/** AccountingStore in Firestore (collections described in ports/accounting-store.ts). */
import { FieldValue, type DocumentReference, type Firestore } from "firebase-admin/firestore";
import type {
  AccountingSettings,
  AccountingStore,
  DayRecord,
  ReserveResult,
  SyncJob,
  VoucherRecord,
} from "../../ports/accounting-store";

/** getAll and batched writes stay well under Firestore's per-call limits. */
const CHUNK = 300;

const chunks = <T>(items: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};

export class FirestoreAccountingStore implements AccountingStore {
  constructor(private readonly db: Firestore) {}

  async settings(): Promise<AccountingSettings | null> {
    const snap = await this.db.doc("settings/accounting").get();
    return snap.exists ? (snap.data() as AccountingSettings) : null;
  }

  async saveSettings(settings: AccountingSettings): Promise<void> {
    await this.db.doc("settings/accounting").set(settings);
  }

  async voucher(id: string): Promise<VoucherRecord | null> {
    const snap = await this.db.doc(`accounting/${id}`).get();
    return snap.exists ? (snap.data() as VoucherRecord) : null;
  }

  reserveVoucher(record: VoucherRecord, nowMs: number): Promise<ReserveResult> {
    const ref = this.db.doc(`accounting/${record.id}`);
    return this.db.runTransaction(async (tx): Promise<ReserveResult> => {
      const snap = await tx.get(ref);
      const previous = snap.exists ? (snap.data() as VoucherRecord) : null;
      if (previous?.state === "posted") return { outcome: "posted", record: previous };
      if (previous?.state === "posting" && (previous.postingUntil ?? 0) > nowMs && previous.runId !== record.runId) {
        return { outcome: "busy", record: previous };
      }
      tx.set(ref, record);
      return { outcome: "reserved", previous };
    });
  }

  async updateVoucher(id: string, patch: Partial<VoucherRecord>): Promise<void> {
    await this.db.doc(`accounting/${id}`).set(patch, { merge: true });
  }

  async vouchersOfDay(day: string): Promise<VoucherRecord[]> {
    const snap = await this.db.collection("accounting").where("day", "==", day).get();
    return snap.docs.map((d) => d.data() as VoucherRecord);
  }

  async day(day: string): Promise<DayRecord | null> {
    const snap = await this.db.doc(`accountingDays/${day}`).get();
    return snap.exists ? (snap.data() as DayRecord) : null;
  }

  async saveDay(record: DayRecord): Promise<void> {
    await this.db.doc(`accountingDays/${record.day}`).set(record);
  }

  async daysBetween(fromDay: string, toDay: string): Promise<DayRecord[]> {
    const snap = await this.db.collection("accountingDays").where("day", ">=", fromDay).where("day", "<=", toDay).get();
    return snap.docs.map((d) => d.data() as DayRecord);
  }

  async createJob(job: SyncJob): Promise<void> {
    await this.db.doc(`jobs/${job.id}`).create(job);
  }

  async updateJob(id: string, patch: Partial<SyncJob>): Promise<void> {
    await this.db.doc(`jobs/${id}`).set(patch, { merge: true });
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
