/**
 * Whether this `npm start` makes the demo's history, and where its clocks start. Only the very
 * first start of a data folder does (no sandbox state, no emulator export): later starts load
 * what it made. `KASSA_HISTORY=off` starts with the demo's people and programs and no past.
 */
import fs from "node:fs";
import path from "node:path";
import { historyStart, stockholmInstant } from "./script.js";

export const HISTORY_MARKER = "history.json";

export type FirstStart =
  | { makeHistory: true; startAt: number; sandboxEnv: Record<string, Record<string, string>> }
  | { makeHistory: false; note: string | null };

export function firstStart(dataDir: string, env: Record<string, string | undefined> = process.env, nowMs = Date.now()): FirstStart {
  if (fs.existsSync(path.join(dataDir, HISTORY_MARKER))) return { makeHistory: false, note: null };
  const hasData = fs.existsSync(path.join(dataDir, "stripe-sandbox.json")) || fs.existsSync(path.join(dataDir, "emulators", "firebase-export-metadata.json"));
  if (hasData) return { makeHistory: false, note: "this data folder has no finished demo history (an earlier first start was stopped, or KASSA_HISTORY=off); `npm run reset` makes it again" };
  if (env["KASSA_HISTORY"] === "off") return { makeHistory: false, note: "KASSA_HISTORY=off: no demo history" };
  // Half an hour before the story's first step (09:00 on day 0, a Monday: after that day's payout run).
  const startAt = stockholmInstant(historyStart(nowMs), "08:30");
  // The sandboxes a minute behind Kassa: the scheduler brings them forward to its time, and a
  // sandbox ahead of Kassa would instead pull Kassa's clock up to it.
  const sandboxSeconds = String(Math.floor(startAt / 1000) - 60);
  return {
    makeHistory: true,
    startAt,
    sandboxEnv: { stripe: { STRIPE_SANDBOX_START_AT: sandboxSeconds }, fortnox: { FORTNOX_SANDBOX_START_AT: sandboxSeconds } },
  };
}

export function markHistoryMade(dataDir: string, summary: object): void {
  fs.writeFileSync(path.join(dataDir, HISTORY_MARKER), JSON.stringify({ madeAt: new Date().toISOString(), ...summary }, null, 2));
}
