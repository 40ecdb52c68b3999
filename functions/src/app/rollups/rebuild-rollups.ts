/**
 * Rebuild of the revenue rollups from the ledger: the rollups are a cache of the entries, so
 * this recomputes the days of a range from the entries, reports every figure that differs
 * and, when asked, writes the recomputed days over the stored ones. Run it after importing
 * history written before rollups existed, or whenever a difference is suspected.
 *
 * Only closed days: today's rollups move with every booking, so a rebuild of today would race
 * the bookings it recomputes. A late entry for a past day (a webhook delivered after
 * midnight) can still race a repair of that day; the next check shows it, and a repair is
 * limited to the days that differ to keep that window small.
 */
import { assertDay, dayOf } from "../../domain/calendar-day";
import { DomainError, invalidInput } from "../../domain/errors";
import {
  addEntry,
  daysBetween,
  diffRollups,
  monthOf,
  shardOf,
  type RollupDays,
  type RollupDifference,
  type RollupShardDelta,
} from "../../domain/rollups";
import type { Clock } from "../../ports/clock";
import type { ReportStore } from "../../ports/report-store";
import type { RollupStore } from "../../ports/rollup-store";
import { requireRole, type Caller } from "../caller";

export const REBUILD_MAX_DAYS = 366;
/** Entries read per day at most (one query per day); a busier day is refused, not truncated. */
export const REBUILD_DAY_LIMIT = 200_000;
/** Differences listed in the answer; `differenceCount` has them all. */
export const DIFFERENCES_LISTED = 200;

export interface RebuildDeps {
  ledger: Pick<ReportStore, "ledgerBetween">;
  rollups: RollupStore;
  clock: Clock;
}

export interface RebuildInput {
  from: string;
  to: string;
  /** Write the recomputed days that differ; false only reports. */
  repair: boolean;
}

export interface RebuildResult {
  fromDay: string;
  toDay: string;
  days: number;
  entriesRead: number;
  differenceCount: number;
  differences: RollupDifference[];
  /** Days whose stored rollups were replaced by the recomputation. */
  repairedDays: string[];
}

function checkRange(input: RebuildInput, today: string): string[] {
  assertDay(input.from, "from");
  assertDay(input.to, "to");
  if (input.from > input.to) throw invalidInput("to", `the last day (${input.to}) must not be before the first day (${input.from})`);
  if (input.to >= today)
    throw invalidInput("to", `the last day must be before today (${today}): today's rollups are still being written`);
  const days = daysBetween(input.from, input.to);
  if (days.length > REBUILD_MAX_DAYS) throw invalidInput("to", `a rebuild covers at most ${REBUILD_MAX_DAYS} days`);
  return days;
}

export async function rebuildRollups(deps: RebuildDeps, caller: Caller, input: RebuildInput): Promise<RebuildResult> {
  requireRole(caller, "admin");
  const days = checkRange(input, dayOf(deps.clock.now().getTime()));
  const ledger: RollupDays = {};
  const shards = new Map<string, RollupShardDelta>();
  let entriesRead = 0;
  for (const day of days) {
    const entries = await deps.ledger.ledgerBetween(day, day, REBUILD_DAY_LIMIT + 1);
    if (entries.length > REBUILD_DAY_LIMIT)
      throw new DomainError("precondition", `${day} has more than ${REBUILD_DAY_LIMIT} ledger entries; this rebuild cannot read it whole.`, "from");
    const seen = new Set<string>();
    for (const e of entries) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      entriesRead++;
      addEntry(ledger, e, e.day);
      // The same split as bookings make, so a repaired shard holds what bookings would add.
      const key = `${monthOf(e.day)}_${shardOf(e)}`;
      const d = shards.get(key) ?? { month: monthOf(e.day), shard: shardOf(e), days: {} };
      addEntry(d.days, e, e.day);
      shards.set(key, d);
    }
  }
  const stored = await deps.rollups.daysBetween(input.from, input.to);
  const differences = diffRollups(stored, ledger, days);
  const repairedDays: string[] = [];
  if (input.repair) {
    const differing = [...new Set(differences.map((d) => d.day))].sort();
    for (const day of differing) {
      const only = [...shards.values()]
        .filter((s) => s.days[day])
        .map((s) => ({ month: s.month, shard: s.shard, days: { [day]: s.days[day]! } }));
      await deps.rollups.replaceDays(day, day, only);
      repairedDays.push(day);
    }
  }
  return {
    fromDay: input.from,
    toDay: input.to,
    days: days.length,
    entriesRead,
    differenceCount: differences.length,
    differences: differences.slice(0, DIFFERENCES_LISTED),
    repairedDays,
  };
}
