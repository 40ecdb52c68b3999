/**
 * Starts the local Cloud Scheduler with the stack: reads the scheduled functions from the
 * built code, prints each job with its next run, serves the clock, and (for npm start) looks
 * every few seconds for runs that real time has brought due.
 */
import { PORTS } from "../config.js";
import { startClockServer } from "./clock-server.js";
import { readScheduledJobs } from "./jobs.js";
import { StackTime } from "./stack-time.js";

export interface SchedulerOptions {
  clockFile: string;
  functionsOrigin: string;
  stripeUrl?: string;
  fortnoxUrl?: string;
  realTime: boolean;
}

export interface Scheduler {
  time: StackTime;
  stop(): Promise<void>;
}

const TICK_MS = 5000;

export const schedulerSay = (line: string): void => {
  process.stdout.write(`scheduler | ${line}\n`);
};

export async function startScheduler(o: SchedulerOptions): Promise<Scheduler> {
  const jobs = readScheduledJobs();
  const time = new StackTime({
    file: o.clockFile,
    jobs,
    functionsOrigin: o.functionsOrigin,
    ...(o.stripeUrl ? { stripeUrl: o.stripeUrl } : {}),
    ...(o.fortnoxUrl ? { fortnoxUrl: o.fortnoxUrl } : {}),
    log: schedulerSay,
  });
  await time.syncSandboxes();
  const server = await startClockServer(time, PORTS.clock);
  const offsetDays = time.offset / 86_400_000;
  schedulerSay(`${jobs.length} scheduled functions${o.realTime ? "" : " (fired by clock moves only: KASSA_SCHEDULER=realtime runs them as time passes)"}; stack time ${new Date(time.now()).toISOString()}${time.offset > 0 ? ` (${offsetDays.toFixed(2)} days ahead of real time)` : ""}`);
  for (const j of time.nextRuns()) schedulerSay(`  ${j.name.padEnd(24)} ${j.schedule.padEnd(17)} next ${j.nextLocal} ${j.timeZone}${j.retryCount ? `, ${j.retryCount} retries` : ""}`);
  let timer: NodeJS.Timeout | null = null;
  if (o.realTime) {
    timer = setInterval(() => {
      time.tick().catch((error: unknown) => schedulerSay(`tick failed: ${error instanceof Error ? error.message : String(error)}`));
    }, TICK_MS);
    timer.unref();
  }
  return {
    time,
    stop: async () => {
      if (timer) clearInterval(timer);
      await server.close();
    },
  };
}
