/**
 * The local stack's one clock. In the Firebase emulator, the stack moves time for Kassa and
 * both sandboxes together (`npm run clock -- +8d`) by writing an offset to a file; Kassa's
 * Clock adds that offset to the real time. Outside the emulator this is the system clock and
 * nothing can change that: the offset is honoured only when FUNCTIONS_EMULATOR is "true" AND
 * the project id starts with "demo-" (a project that cannot exist in Google Cloud), so no
 * deployed configuration can turn it on, whatever its environment says.
 */
import fs from "node:fs";
import { z } from "zod";
import type { Clock } from "../../ports/clock";

/** The variable the stack sets (functions/.env.local) to the offset file's path. */
export const CLOCK_FILE_VARIABLE = "KASSA_CLOCK_FILE";

/**
 * Ahead by any amount the stack moved it, or behind by at most a year: the first `npm start`
 * makes the demo's history by starting weeks back and moving up to real time.
 */
export const MAX_PAST_OFFSET_MS = 366 * 86_400_000;
const offsetFile = z.object({ offsetMs: z.number().int().min(-MAX_PAST_OFFSET_MS) });

type Env = Record<string, string | undefined>;

function projectId(env: Env): string {
  if (env["GCLOUD_PROJECT"]) return env["GCLOUD_PROJECT"];
  try {
    const config = z.object({ projectId: z.string() }).safeParse(JSON.parse(env["FIREBASE_CONFIG"] ?? "{}"));
    return config.success ? config.data.projectId : "";
  } catch {
    return "";
  }
}

/** Where the stack's offset lives, or null when this process may not follow it. */
export function stackClockFile(env: Env = process.env): string | null {
  if (env["FUNCTIONS_EMULATOR"] !== "true") return null;
  if (!projectId(env).startsWith("demo-")) return null;
  const file = env[CLOCK_FILE_VARIABLE];
  return file ? file : null;
}

/** The offset in ms; 0 when the file is absent or unreadable (time then is simply real time). */
export function readOffsetMs(file: string): number {
  try {
    const parsed = offsetFile.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    return parsed.success ? parsed.data.offsetMs : 0;
  } catch {
    return 0;
  }
}

/**
 * Read on every call, not cached: a move must be seen by the very next request, and the
 * functions emulator runs each request in whichever worker process is free.
 */
export function stackClock(env: Env = process.env, realNow: () => number = Date.now): Clock {
  const file = stackClockFile(env);
  if (!file) return { now: () => new Date(realNow()) };
  return { now: () => new Date(realNow() + readOffsetMs(file)) };
}

/** The clock every trigger uses: the system clock, or the stack's in the local emulator. */
export const runtimeClock: Clock = { now: () => stackClock().now() };
