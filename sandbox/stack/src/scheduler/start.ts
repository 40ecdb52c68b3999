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
  /** See StackTimeOptions.followSandbox: on for npm start. */
  followSandbox: boolean;
}

export interface Scheduler {
  time: StackTime;
  /** From now on, fire what real time brings due (npm start), if the stack runs in real time. */
  startTicking(): void;
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
    followSandbox: o.followSandbox,
  });
  await time.syncSandboxes();
  const server = await startClockServer(time, PORTS.clock);
  const offsetDays = time.offset / 86_400_000;
  schedulerSay(`${jobs.length} scheduled functions${o.realTime ? "" : " (fired by clock moves only: KASSA_SCHEDULER=realtime runs them as time passes)"}; stack time ${new Date(time.now()).toISOString()}${time.offset > 0 ? ` (${offsetDays.toFixed(2)} days ahead of real time)` : time.offset < 0 ? ` (${(-offsetDays).toFixed(2)} days back: the demo's history is made from here)` : ""}`);
  for (const j of time.nextRuns()) schedulerSay(`  ${j.name.padEnd(24)} ${j.schedule.padEnd(17)} next ${j.nextLocal} ${j.timeZone}${j.retryCount ? `, ${j.retryCount} retries` : ""}`);
  let timer: NodeJS.Timeout | null = null;
  return {
    time,
    startTicking: () => {
      if (!o.realTime || timer) return;
      timer = setInterval(() => {
        time.tick().catch((error: unknown) => schedulerSay(`tick failed: ${error instanceof Error ? error.message : String(error)}`));
      }, TICK_MS);
      timer.unref();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await server.close();
    },
  };
}
