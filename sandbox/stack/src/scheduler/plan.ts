/**
 * Which scheduled runs fall due when the stack's time goes from one instant to another, in
 * the order Cloud Scheduler would have started them. A daily or weekly job runs once per
 * occurrence (eight nights booked after `+8d`); a frequent one (hourly, every few minutes) runs
 * once before each of those and once at the end, at its latest due time, rather than hundreds
 * of times: what matters is that it has run before the next daily job looks at its work.
 */
import type { Schedule } from "./schedule.js";

export interface PlannedJob {
  name: string;
  schedule: Schedule;
}

export interface Firing {
  name: string;
  /** The due time it runs for (epoch ms): the stack's clock is set here before it fires. */
  at: number;
}

const CATCH_UP_GAP_MS = 4 * 3_600_000;

/** Runs due in (fromMs, toMs], ordered by time; at equal times frequent jobs go first. */
export function planFirings(jobs: PlannedJob[], fromMs: number, toMs: number): Firing[] {
  if (toMs <= fromMs) return [];
  const frequent = jobs.filter((j) => j.schedule.frequent);
  const daily: Firing[] = [];
  for (const job of jobs.filter((j) => !j.schedule.frequent)) {
    for (let at = job.schedule.nextAfter(fromMs); at <= toMs; at = job.schedule.nextAfter(at)) daily.push({ name: job.name, at });
  }
  daily.sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));

  const out: Firing[] = [];
  const lastRun = new Map(frequent.map((j) => [j.name, fromMs]));
  /**
   * Each frequent job once, at its latest due time <= until, if it was due since it last ran
   * and (except at the end) last ran hours ago: a 02:00 and a 03:30 job need no hourly run between.
   */
  const catchUpFrequent = (until: number, final: boolean) => {
    for (const job of frequent) {
      const since = lastRun.get(job.name) ?? fromMs;
      let due = job.schedule.nextAfter(since);
      if (due > until) continue;
      if (!final && since > fromMs && until - since < CATCH_UP_GAP_MS) continue;
      for (let next = job.schedule.nextAfter(due); next <= until; next = job.schedule.nextAfter(next)) due = next;
      out.push({ name: job.name, at: due });
      lastRun.set(job.name, due);
    }
  };
  for (const firing of daily) {
    catchUpFrequent(firing.at, false);
    out.push(firing);
  }
  catchUpFrequent(toMs, true);
  return out.sort((a, b) => a.at - b.at);
}
