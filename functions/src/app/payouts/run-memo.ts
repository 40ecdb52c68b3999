/**
 * What every task of a run would otherwise read again: the payout settings and the run's
 * status. One memo lives per function instance (triggers/payout-deps.ts), so an instance
 * paying a few hundred coaches reads each about once every TTL instead of once per coach.
 *
 * Why this is safe: a run's status only moves planning -> paying -> done, and "done" is
 * written only after every due coach's task has settled, so a task that sees a cached
 * "paying" for a finished run is a duplicate delivery whose payout already exists (the
 * reserve's create() refuses a second). Only "paying" is cached; an unknown or finished run
 * is read every time. Settings changed by an admin reach the tasks within the TTL.
 */
import type { PayoutSettings } from "../../ports/payout-store";
import type { RunStatus } from "../../ports/payout-run-store";

export const RUN_MEMO_TTL_MS = 30_000;

interface Held<T> {
  value: T;
  until: number;
}

export class RunMemo {
  private settings: Held<PayoutSettings> | null = null;
  private readonly statuses = new Map<string, Held<RunStatus>>();

  /** ttlMs 0 remembers nothing (the unit tests' default: every change is seen at once). */
  constructor(private readonly ttlMs: number = RUN_MEMO_TTL_MS) {}

  async payoutSettings(now: number, load: () => Promise<PayoutSettings>): Promise<PayoutSettings> {
    if (this.settings && this.settings.until > now) return structuredClone(this.settings.value);
    const value = await load();
    if (this.ttlMs > 0) this.settings = { value, until: now + this.ttlMs };
    return structuredClone(value);
  }

  async runStatus(runId: string, now: number, load: () => Promise<RunStatus | null>): Promise<RunStatus | null> {
    const held = this.statuses.get(runId);
    if (held && held.until > now) return held.value;
    const value = await load();
    if (value === "paying" && this.ttlMs > 0) {
      // A run lasts minutes: the map stays small, but drop what has expired.
      for (const [id, h] of this.statuses) if (h.until <= now) this.statuses.delete(id);
      this.statuses.set(runId, { value, until: now + this.ttlMs });
    } else this.statuses.delete(runId);
    return value;
  }
}
