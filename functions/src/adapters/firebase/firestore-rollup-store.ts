/**
 * Rollups over Firestore: `rollups/{YYYY-MM}_{shard}` = { month, shard, days: { [day]: {
 * [currency]: { figures: {...}, coaches: { [uid]: {...} } } } } }. Bookings add with
 * FieldValue.increment inside the money transaction (no read); readers query the months of a
 * range on the single-field `month` index and sum the shards. `days` is exempt from indexing
 * (firestore.indexes.json fieldOverrides): nobody queries inside it, and a month of many
 * coaches would pass the 20,000 index entries a document may have.
 */
import { FieldPath, FieldValue, type Firestore, type Transaction } from "firebase-admin/firestore";
import {
  COACH_FIGURES,
  DAY_FIGURES,
  daysBetween,
  emptyDayFigures,
  mergeDays,
  monthOf,
  type CurrencyDay,
  type RollupDays,
  type RollupShardDelta,
} from "../../domain/rollups";
import type { RollupStore } from "../../ports/rollup-store";
import { countingReads } from "./op-counter";

export const ROLLUPS = "rollups";
export const rollupDocId = (month: string, shard: number): string => `${month}_${shard}`;

const int = (v: unknown): number => (typeof v === "number" && Number.isSafeInteger(v) ? v : 0);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A day's currencies as increments: zero figures are left out (a missing figure reads as 0). */
function increments(byCurrency: Record<string, CurrencyDay>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [currency, cd] of Object.entries(byCurrency)) {
    const figures: Record<string, unknown> = {};
    for (const f of DAY_FIGURES) if (cd.figures[f] !== 0) figures[f] = FieldValue.increment(cd.figures[f]);
    const coaches: Record<string, unknown> = {};
    for (const [uid, c] of Object.entries(cd.coaches)) {
      const cf: Record<string, unknown> = {};
      for (const f of COACH_FIGURES) if (c[f] !== 0) cf[f] = FieldValue.increment(c[f]);
      if (Object.keys(cf).length > 0) coaches[uid] = cf;
    }
    // Never an empty map: in a merge-set, {} is a leaf and would replace what is stored.
    const cur: Record<string, unknown> = {};
    if (Object.keys(figures).length > 0) cur["figures"] = figures;
    if (Object.keys(coaches).length > 0) cur["coaches"] = coaches;
    if (Object.keys(cur).length > 0) out[currency] = cur;
  }
  return out;
}

/**
 * Queues the transaction's rollup increments: one merge-set per shard document, however many
 * times the use case booked (deltas are summed first, so a document is written once).
 */
export function rollupWriter(db: Firestore): { add(deltas: readonly RollupShardDelta[]): void; write(t: Transaction): void } {
  const pending: RollupShardDelta[] = [];
  return {
    add(deltas) {
      pending.push(...deltas);
    },
    write(t) {
      const byDoc = new Map<string, { month: string; shard: number; parts: RollupDays[] }>();
      for (const d of pending) {
        const id = rollupDocId(d.month, d.shard);
        const doc = byDoc.get(id) ?? { month: d.month, shard: d.shard, parts: [] };
        doc.parts.push(d.days);
        byDoc.set(id, doc);
      }
      for (const [id, doc] of byDoc) {
        const days: Record<string, unknown> = {};
        for (const [day, byCurrency] of Object.entries(mergeDays(doc.parts))) {
          const inc = increments(byCurrency);
          if (Object.keys(inc).length > 0) days[day] = inc;
        }
        t.set(db.doc(`${ROLLUPS}/${id}`), { month: doc.month, shard: doc.shard, days }, { merge: true });
      }
      pending.length = 0;
    },
  };
}

function parseCurrencyDay(v: unknown): CurrencyDay {
  const cd: CurrencyDay = { figures: emptyDayFigures(), coaches: {} };
  if (!isObject(v)) return cd;
  const figures = isObject(v["figures"]) ? v["figures"] : {};
  for (const f of DAY_FIGURES) cd.figures[f] = int(figures[f]);
  const coaches = isObject(v["coaches"]) ? v["coaches"] : {};
  for (const [uid, c] of Object.entries(coaches)) {
    const o = isObject(c) ? c : {};
    cd.coaches[uid] = { gross: int(o["gross"]), sales: int(o["sales"]), platformFees: int(o["platformFees"]) };
  }
  return cd;
}

/** The days of one stored shard document, limited to [fromDay, toDay]. */
function parseShard(data: Record<string, unknown>, fromDay: string, toDay: string): RollupDays {
  const out: RollupDays = {};
  const days = isObject(data["days"]) ? data["days"] : {};
  for (const [day, byCurrency] of Object.entries(days)) {
    if (day < fromDay || day > toDay || !isObject(byCurrency)) continue;
    out[day] = Object.fromEntries(Object.entries(byCurrency).map(([cur, cd]) => [cur, parseCurrencyDay(cd)]));
  }
  return out;
}

export class FirestoreRollupStore implements RollupStore {
  constructor(private readonly db: Firestore) {}

  private async monthDocs(fromMonth: string, toMonth: string) {
    const snap = await this.db.collection(ROLLUPS).where("month", ">=", fromMonth).where("month", "<=", toMonth).get();
    await countingReads(snap.size, async () => undefined);
    return snap.docs;
  }

  async daysBetween(fromDay: string, toDay: string): Promise<RollupDays> {
    const docs = await this.monthDocs(monthOf(fromDay), monthOf(toDay));
    return mergeDays(docs.map((d) => parseShard(d.data(), fromDay, toDay)));
  }

  async replaceDays(fromDay: string, toDay: string, shards: readonly RollupShardDelta[]): Promise<void> {
    const days = daysBetween(fromDay, toDay);
    const months = [...new Set(days.map(monthOf))];
    for (const month of months) {
      const existing = await this.monthDocs(month, month);
      const ids = new Set(existing.map((d) => d.id));
      const bySh = new Map<number, RollupShardDelta>();
      for (const s of shards) if (s.month === month) bySh.set(s.shard, s);
      for (const shard of bySh.keys()) ids.add(rollupDocId(month, shard));
      const batch = this.db.batch();
      for (const id of ids) {
        const shard = Number(id.slice(id.lastIndexOf("_") + 1));
        const delta = bySh.get(shard);
        const data: Record<string, unknown> = { month, shard };
        const fields: (string | FieldPath)[] = ["month", "shard"];
        const inMonth = days.filter((d) => monthOf(d) === month);
        const dayMap: Record<string, unknown> = {};
        for (const day of inMonth) {
          const value = delta?.days[day];
          // Plain numbers, not increments: this write states the recomputed value.
          dayMap[day] = value ? JSON.parse(JSON.stringify(value)) : FieldValue.delete();
          fields.push(new FieldPath("days", day));
        }
        data["days"] = dayMap;
        batch.set(this.db.doc(`${ROLLUPS}/${id}`), data, { mergeFields: fields });
      }
      await batch.commit();
    }
  }
}
