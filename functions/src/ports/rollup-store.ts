/**
 * Revenue rollups (domain/rollups.ts): written inside the money transaction that books the
 * entries (MoneyTx.addToRollups), read by the reports, rewritten by the rebuild.
 */
import type { RollupDays, RollupShardDelta } from "../domain/rollups";

export interface RollupReader {
  /**
   * The rollups of the Stockholm days in [fromDay, toDay], every shard summed. Costs one read
   * per shard document of the months the range touches, never one per entry.
   */
  daysBetween(fromDay: string, toDay: string): Promise<RollupDays>;
}

export interface RollupStore extends RollupReader {
  /**
   * Makes the stored rollups of the days in [fromDay, toDay] exactly `shards` (a recomputation,
   * one delta per month and shard): those days are replaced in every shard document of their
   * months, and cleared where `shards` has nothing for them.
   */
  replaceDays(fromDay: string, toDay: string, shards: readonly RollupShardDelta[]): Promise<void>;
}
