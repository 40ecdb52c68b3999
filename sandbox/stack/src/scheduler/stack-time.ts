/**
 * The stack's one clock and its Cloud Scheduler. Kassa's functions read the offset written
 * here (functions/src/adapters/clock/stack-clock.ts); the Stripe and Fortnox sandboxes are moved
 * to the same instant through their own `/__sandbox/clock` controls (they only go forward, as
 * does this clock). A move fires, in order, every run that falls due on the way, each with the
 * clock set to its due time, so a payout run on Monday 08:00 sees Monday 08:00 everywhere.
 */
import fs from "node:fs";
import path from "node:path";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { z } from "zod";
import { PROJECT_ID } from "../config.js";
import { backoffSeconds, type ScheduledJob, triggerUrl } from "./jobs.js";
import { MoveError } from "./moves.js";
import { planFirings, type Firing, type PlannedJob } from "./plan.js";
import { localTime, parseSchedule, type Schedule } from "./schedule.js";

export interface StackTimeOptions {
  /** The offset file Kassa's functions read (KASSA_CLOCK_FILE). */
  file: string;
  jobs: ScheduledJob[];
  functionsOrigin: string;
  stripeUrl?: string;
  fortnoxUrl?: string;
  log: (line: string) => void;
  /**
   * The local product (npm start): moves stop where the Stripe sandbox acts on its own and wait
   * for Kassa to handle it, and the nightly sync waits for the ledger's commits to settle. Test
   * stacks leave this off: their tests drive the sandboxes, pause webhooks and inject faults.
   */
  followSandbox?: boolean;
}

export interface FiringResult {
  name: string;
  at: string;
  local: string;
  ok: boolean;
  attempts: number;
  status: number | null;
}

/** Behind real time by at most a year (the first start's demo history), ahead by any move. */
export const MAX_PAST_OFFSET_MS = 366 * 86_400_000;
/**
 * The scheduled function that books the day in Fortnox, and how long it leaves the ledger's
 * newest commits for the next night (settleMs in functions/src/triggers/accounting-deps.ts:
 * 500 ms in the emulator), plus a margin.
 */
const NIGHTLY_SYNC = "syncAccountingNightly";
const WEEKLY_PAYOUT_RUN = "weeklyPayoutRun";
const LEDGER_SETTLE_MS = 800;

const offsetFile = z.object({ offsetMs: z.number().int().min(-MAX_PAST_OFFSET_MS) });

export class StackTime {
  private offsetMs: number;
  /** Runs due up to here have been fired (stack time, epoch ms). */
  private cursor: number;
  private busy: Promise<unknown> = Promise.resolve();
  private lastActivityMs = 0;
  /** Kassa's offset when the sandboxes were last moved to its time. */
  private sandboxOffsetMs = Number.NaN;
  private moving = false;
  private readonly schedules: Map<string, { job: ScheduledJob; schedule: Schedule }>;

  constructor(private readonly o: StackTimeOptions) {
    this.offsetMs = StackTime.readOffset(o.file);
    this.cursor = this.now();
    this.schedules = new Map(o.jobs.map((job) => [job.name, { job, schedule: parseSchedule(job.schedule, job.timeZone) }]));
  }

  /**
   * Before anything reads the clock: a new local product's time starts at `at` (in the past),
   * so the demo's history can be made through the real paths and moved up to now.
   */
  static startAt(file: string, at: number): void {
    const offsetMs = Math.round(at - Date.now());
    if (offsetMs < -MAX_PAST_OFFSET_MS || offsetMs > 0) throw new Error(`the stack's clock can start at most a year back, never ahead (asked for ${new Date(at).toISOString()})`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ offsetMs }));
  }

  static readOffset(file: string): number {
    try {
      const parsed = offsetFile.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
      return parsed.success ? parsed.data.offsetMs : 0;
    } catch {
      return 0;
    }
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  get isMoving(): boolean {
    return this.moving;
  }

  /** The time zone moves like "next 02:00" are read in: the schedules' own. */
  get timeZone(): string {
    return this.o.jobs[0]?.timeZone ?? "Europe/Stockholm";
  }

  nextRuns(): { name: string; schedule: string; timeZone: string; next: string; nextLocal: string; retryCount: number }[] {
    const now = this.now();
    return [...this.schedules.values()]
      .map(({ job, schedule }) => ({ job, next: schedule.nextAfter(now) }))
      .sort((a, b) => a.next - b.next)
      .map(({ job, next }) => ({ name: job.name, schedule: job.schedule, timeZone: job.timeZone, next: new Date(next).toISOString(), nextLocal: localTime(next, job.timeZone), retryCount: job.retry.retryCount }));
  }

  /** Brings the sandboxes up to the stack's time (they may lag after a restart; never back). */
  async syncSandboxes(): Promise<void> {
    await this.catchUpWithSandboxes();
    await this.setClock(this.now(), true);
  }

  /**
   * Kassa's clock up to a sandbox that is ahead: someone moved a sandbox's clock directly (a
   * test, a curl), or `reset` put Kassa back on real time while the sandboxes, which never go
   * back, kept theirs. Runs due on the way fire with the next move or tick, in order.
   */
  catchUpWithSandboxes(): Promise<void> {
    return this.exclusive(async () => {
      const ahead = Math.max(this.o.stripeUrl ? await this.stripeNow() : 0, this.o.fortnoxUrl ? await this.fortnoxNow() : 0);
      if (ahead <= this.now() + 1000) return;
      this.o.log(`Kassa's clock catches up with the sandboxes: ${((ahead - this.now()) / 86_400_000).toFixed(2)} days forward`);
      this.offsetMs = ahead - Date.now();
      this.writeOffset();
    });
  }

  /** Fires what has fallen due in real time since the last look (Cloud Scheduler's own tick). */
  tick(): Promise<FiringResult[]> {
    return this.exclusive(async () => (this.moving ? [] : this.fireUpTo(this.now())));
  }

  /** Moves every clock to `at`, firing on the way; refuses the past and an in-flight payout run. */
  moveTo(at: number): Promise<{ from: string; to: string; fired: FiringResult[] }> {
    if (this.moving) return Promise.reject(new MoveError("the clock is already moving; wait for that move to finish", 409));
    return this.exclusive(async () => {
      const from = this.now();
      if (at < from) throw new MoveError(`${new Date(at).toISOString()} is before the stack's time (${new Date(from).toISOString()}): time never goes backwards`);
      const inFlight = await this.payoutRunInFlight();
      if (inFlight) throw new MoveError(`payout run ${inFlight} is in flight: wait until it has finished (the admin's Payouts page shows it), then move the clock`, 409);
      this.moving = true;
      try {
        const fired = await this.fireUpTo(at);
        await this.setClock(at);
        this.cursor = Math.max(this.cursor, at);
        return { from: new Date(from).toISOString(), to: new Date(at).toISOString(), fired };
      } finally {
        this.moving = false;
      }
    });
  }

  /** Back to real time for Kassa. The sandboxes keep their time: their clocks never go back. */
  reset(): Promise<void> {
    if (this.moving) return Promise.reject(new MoveError("the clock is moving; wait for that move to finish", 409));
    return this.exclusive(async () => {
      const inFlight = await this.payoutRunInFlight();
      if (inFlight) throw new MoveError(`payout run ${inFlight} is in flight: wait until it has finished, then reset the clock`, 409);
      this.offsetMs = 0;
      this.writeOffset();
      this.cursor = this.now();
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.busy.then(work, work);
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async fireUpTo(target: number): Promise<FiringResult[]> {
    const planned: PlannedJob[] = [...this.schedules.values()].map(({ job, schedule }) => ({ name: job.name, schedule }));
    const firings = planFirings(planned, this.cursor, target);
    const results: FiringResult[] = [];
    for (const firing of firings) {
      await this.sandboxStopsBefore(firing.at);
      await this.setClock(firing.at);
      if (firing.name === NIGHTLY_SYNC && this.o.followSandbox) await this.settleBeforeSync();
      results.push(await this.fire(firing));
      this.cursor = Math.max(this.cursor, firing.at);
      // The weekly run fans out to Cloud Tasks; the next due run (or the end of the move) comes
      // after it. (Only that job starts payout runs; a run an admin started is waited for by moveTo.)
      if (firing.name === WEEKLY_PAYOUT_RUN) await this.waitForPayoutRuns();
    }
    await this.sandboxStopsBefore(target);
    return results;
  }

  /**
   * The Stripe sandbox acts on its own at instants of its own (a payout arriving, a renewal):
   * the clock stops at each on the way, and waits for Kassa to have handled what it sent, so
   * those events are stamped with their own time, as in the world, not with the move's end.
   */
  private async sandboxStopsBefore(until: number): Promise<void> {
    if (!this.o.stripeUrl || !this.o.followSandbox) return;
    for (let guard = 0; guard < 200; guard++) {
      const due = await this.stripeNextDue();
      if (due === null || due > until) return;
      await this.setClock(due, true);
      await this.quiet();
    }
  }

  /** Something happened at real time now (a move's firing, the demo history's step). */
  markActivity(): void {
    this.lastActivityMs = Date.now();
  }

  /**
   * The nightly sync books ledger entries committed at least a few seconds ago by the real
   * clock (Firestore's commit times; functions/src/app/accounting/sync-accounting.ts). A move
   * packs days into seconds, so the sync waits that long after the last thing that happened,
   * or the day's entries would go to a later night than in the world.
   */
  private async settleBeforeSync(): Promise<void> {
    await this.quiet();
    const wait = this.lastActivityMs + LEDGER_SETTLE_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }

  /** Until the Stripe sandbox has delivered its webhooks and Kassa has handled every event it received. */
  async quiet(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const deliveries = this.o.stripeUrl ? await this.stripePendingDeliveries() : 0;
      const unhandled = deliveries > 0 ? 1 : (await this.db().collection("stripeEvents").where("status", "==", "received").limit(1).get()).size;
      if (deliveries === 0 && unhandled === 0) return;
      this.markActivity();
      if (Date.now() > deadline) {
        this.o.log(`the Stripe sandbox's webhooks were still being handled after ${timeoutMs / 1000} s; going on`);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async fire(firing: Firing): Promise<FiringResult> {
    const { job } = this.schedules.get(firing.name)!;
    const local = `${localTime(firing.at, job.timeZone)} ${job.timeZone}`;
    let status: number | null = null;
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      let detail = "";
      try {
        const res = await fetch(triggerUrl(this.o.functionsOrigin, job), {
          method: "POST",
          headers: { "X-CloudScheduler-JobName": job.name, "X-CloudScheduler-ScheduleTime": new Date(firing.at).toISOString() },
        });
        status = res.status;
        detail = (await res.text()).slice(0, 200);
      } catch (error) {
        status = null;
        detail = error instanceof Error ? error.message : String(error);
      }
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      const ok = status !== null && status < 300;
      if (ok) {
        this.o.log(`${job.name} fired for ${local} (ok in ${secs} s${attempt > 1 ? `, attempt ${attempt}` : ""})`);
        return { name: job.name, at: new Date(firing.at).toISOString(), local, ok, attempts: attempt, status };
      }
      if (attempt > job.retry.retryCount) {
        this.o.log(`${job.name} fired for ${local}: FAILED (${status ?? "no answer"}${detail ? `: ${detail}` : ""}) after ${attempt} attempt(s)`);
        return { name: job.name, at: new Date(firing.at).toISOString(), local, ok: false, attempts: attempt, status };
      }
      const wait = backoffSeconds(attempt, job.retry);
      this.o.log(`${job.name} fired for ${local}: failed (${status ?? "no answer"}); retry ${attempt}/${job.retry.retryCount} in ${wait} s`);
      await new Promise((r) => setTimeout(r, wait * 1000));
    }
  }

  /**
   * Kassa's clock to `at` (never back), and the sandboxes with it. Every clock runs at the wall
   * clock's pace, so while Kassa's offset is the one the sandboxes were last set to they are
   * still together: firings at one instant (the frequent jobs before a 02:00 run) then cost no
   * sandbox calls. `force`: tell them anyway, so they act on what has fallen due.
   */
  private async setClock(at: number, force = false): Promise<void> {
    if (at > this.now()) {
      this.offsetMs = at - Date.now();
      this.writeOffset();
    }
    if (!force && this.sandboxOffsetMs === this.offsetMs) return;
    this.sandboxOffsetMs = this.offsetMs;
    const target = this.now();
    const tasks: Promise<void>[] = [];
    if (this.o.stripeUrl) tasks.push(this.moveStripe(target));
    if (this.o.fortnoxUrl) tasks.push(this.moveFortnox(target));
    await Promise.all(tasks);
  }

  private writeOffset(): void {
    fs.mkdirSync(path.dirname(this.o.file), { recursive: true });
    // Write then rename: a function reading mid-write must see the old or the new offset, never half.
    const tmp = `${this.o.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ offsetMs: Math.round(this.offsetMs) }));
    fs.renameSync(tmp, this.o.file);
  }

  private async moveStripe(target: number): Promise<void> {
    const res = await fetch(`${this.o.stripeUrl}/__sandbox/clock`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ to: Math.floor(target / 1000) }) });
    if (!res.ok) throw new Error(`Stripe sandbox clock: ${res.status} ${await res.text()}`);
  }

  private async stripeNextDue(): Promise<number | null> {
    const got = await fetch(`${this.o.stripeUrl}/__sandbox/clock`);
    const due = z.object({ next_due: z.number().nullable().optional() }).parse(await got.json()).next_due;
    return due === null || due === undefined ? null : due * 1000;
  }

  private async stripePendingDeliveries(): Promise<number> {
    const got = await fetch(`${this.o.stripeUrl}/__sandbox/webhooks?status=pending`);
    return z.object({ data: z.array(z.object({ status: z.string() })) }).parse(await got.json()).data.filter((d) => d.status === "pending").length;
  }

  private async stripeNow(): Promise<number> {
    const got = await fetch(`${this.o.stripeUrl}/__sandbox/clock`);
    return z.object({ now: z.number() }).parse(await got.json()).now * 1000;
  }

  private async fortnoxNow(): Promise<number> {
    const got = await fetch(`${this.o.fortnoxUrl}/__sandbox/clock`);
    return Date.parse(z.object({ now: z.string() }).parse(await got.json()).now);
  }

  private async moveFortnox(target: number): Promise<void> {
    const ahead = Math.floor((target - (await this.fortnoxNow())) / 1000);
    if (ahead <= 0) return;
    const res = await fetch(`${this.o.fortnoxUrl}/__sandbox/clock`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ advance_seconds: ahead }) });
    if (!res.ok) throw new Error(`Fortnox sandbox clock: ${res.status} ${await res.text()}`);
  }

  private db() {
    const app = getApps()[0] ?? initializeApp({ projectId: PROJECT_ID });
    return getFirestore(app);
  }

  private async payoutRunInFlight(): Promise<string | null> {
    const snap = await this.db().collection("jobs").where("type", "==", "payout_run").where("status", "in", ["planning", "paying"]).limit(1).get();
    return snap.docs[0]?.id ?? null;
  }

  private async waitForPayoutRuns(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let told = false;
    for (let id = await this.payoutRunInFlight(); id; id = await this.payoutRunInFlight()) {
      if (Date.now() > deadline) {
        this.o.log(`payout run ${id} still in flight after ${timeoutMs / 1000} s; going on`);
        return;
      }
      if (!told) this.o.log(`waiting for payout run ${id} to finish`);
      told = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
