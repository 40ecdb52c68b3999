import { addDaysInto, daysBetween, mergeDays, monthOf, type RollupDays, type RollupShardDelta } from "../../src/domain/rollups";
import type { RollupStore } from "../../src/ports/rollup-store";

/**
 * RollupStore in memory, shaped like the Firestore adapter: one document per (month, shard),
 * and a read costs one per shard document of the months the range touches (what a `month`
 * range query returns). `writes` counts shard-document writes.
 */
export class InMemoryRollupStore implements RollupStore {
  readonly docs = new Map<string, { month: string; shard: number; days: RollupDays }>();
  reads = 0;
  writes = 0;

  /** What a committed money transaction does with its addToRollups deltas. */
  apply(deltas: readonly RollupShardDelta[]): void {
    for (const d of deltas) {
      const id = `${d.month}_${d.shard}`;
      const doc = this.docs.get(id) ?? { month: d.month, shard: d.shard, days: {} };
      addDaysInto(doc.days, d.days);
      this.docs.set(id, doc);
      this.writes++;
    }
  }

  async daysBetween(fromDay: string, toDay: string): Promise<RollupDays> {
    const [from, to] = [monthOf(fromDay), monthOf(toDay)];
    const parts: RollupDays[] = [];
    for (const doc of this.docs.values()) {
      if (doc.month < from || doc.month > to) continue;
      this.reads++;
      parts.push(Object.fromEntries(Object.entries(doc.days).filter(([day]) => day >= fromDay && day <= toDay)));
    }
    // mergeDays builds new objects: callers never hold references into the stored documents.
    return mergeDays(parts);
  }

  async replaceDays(fromDay: string, toDay: string, shards: readonly RollupShardDelta[]): Promise<void> {
    const days = daysBetween(fromDay, toDay);
    for (const doc of this.docs.values()) {
      if (!days.some((d) => monthOf(d) === doc.month)) continue;
      for (const day of days) delete doc.days[day];
      this.writes++;
    }
    for (const s of shards) {
      const only = Object.fromEntries(Object.entries(s.days).filter(([day]) => day >= fromDay && day <= toDay));
      this.apply([{ ...s, days: only }]);
    }
  }

  /** Every shard summed, all days: for assertions. */
  all(): RollupDays {
    return mergeDays([...this.docs.values()].map((d) => d.days));
  }
}
