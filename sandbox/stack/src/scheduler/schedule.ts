/**
 * When a scheduled function runs, as Cloud Scheduler would decide it: unix-cron in the job's
 * time zone (croner does the daylight-saving arithmetic), or App Engine's "every N minutes" /
 * "every N hours" form that Cloud Scheduler also accepts.
 */
import { Cron } from "croner";

export interface Schedule {
  /** The first run strictly after `afterMs` (epoch ms). */
  nextAfter(afterMs: number): number;
  /** Runs more often than once a day: a long jump runs it once, not once per occurrence. */
  frequent: boolean;
}

const EVERY = /^every (\d+) (minute|minutes|min|mins|hour|hours)$/;

export function parseSchedule(expression: string, timeZone: string): Schedule {
  const every = EVERY.exec(expression.trim());
  if (every) {
    const n = Number(every[1]);
    if (n <= 0) throw new Error(`schedule "${expression}": the interval must be positive`);
    const stepMs = n * (every[2]!.startsWith("h") ? 3_600_000 : 60_000);
    // Aligned to whole steps since the epoch: "every 60 minutes" runs on the hour.
    return { nextAfter: (after) => (Math.floor(after / stepMs) + 1) * stepMs, frequent: stepMs < 86_400_000 };
  }
  let cron: Cron;
  try {
    cron = new Cron(expression, { timezone: timeZone, paused: true });
  } catch (error) {
    throw new Error(`schedule "${expression}" (${timeZone}) is not a cron expression the local scheduler understands: ${error instanceof Error ? error.message : String(error)}`);
  }
  const nextAfter = (after: number): number => {
    const next = cron.nextRun(new Date(after));
    if (!next) throw new Error(`schedule "${expression}" never runs again`);
    return next.getTime();
  };
  // Two consecutive gaps under a day: hourly, every 30 minutes, ... (a nightly job's gap is 23-25 h).
  const probe = Date.UTC(2026, 0, 5);
  const first = nextAfter(probe);
  const frequent = nextAfter(first) - first < 20 * 3_600_000;
  return { nextAfter, frequent };
}

/** "2026-12-07 08:00" in the job's own time zone, for the log. */
export function localTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(ms));
}
