/**
 * The scheduled functions, read from the built functions themselves: each v2 onSchedule export
 * carries its schedule, time zone and retry config on `__endpoint.scheduleTrigger`, the same
 * manifest firebase-tools deploys from, so there is no second list to keep in step.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { z } from "zod";
import { PROJECT_ID, REGION, ROOT } from "../config.js";

const retryConfig = z
  .object({
    retryCount: z.number().int().min(0).optional(),
    maxRetrySeconds: z.number().min(0).optional(),
    minBackoffSeconds: z.number().min(0).optional(),
    maxBackoffSeconds: z.number().min(0).optional(),
    maxDoublings: z.number().int().min(0).optional(),
  })
  .catch({});

const endpoint = z.object({
  name: z.string(),
  region: z.array(z.string()).nullish(),
  scheduleTrigger: z.object({
    schedule: z.string(),
    timeZone: z.string().nullish(),
    retryConfig: retryConfig.nullish(),
  }),
});

export interface RetryPolicy {
  retryCount: number;
  minBackoffSeconds: number;
  maxBackoffSeconds: number;
  maxDoublings: number;
}

export interface ScheduledJob {
  name: string;
  region: string;
  schedule: string;
  timeZone: string;
  retry: RetryPolicy;
}

// Cloud Scheduler's defaults for what a function does not declare.
const DEFAULT_RETRY: RetryPolicy = { retryCount: 0, minBackoffSeconds: 5, maxBackoffSeconds: 3600, maxDoublings: 5 };

/** Loads functions/lib in a child process: requiring it here would initialise SDKs in the stack. */
const PROBE = `
const m = require(process.argv[1]);
const out = [];
for (const [name, fn] of Object.entries(m)) {
  const e = fn && fn.__endpoint;
  if (e && e.scheduleTrigger) out.push({ name, region: e.region, scheduleTrigger: e.scheduleTrigger });
}
process.stdout.write(JSON.stringify(out));
`;

export function readScheduledJobs(functionsLib = path.join(ROOT, "functions", "lib", "index.js")): ScheduledJob[] {
  const json = execFileSync(process.execPath, ["-e", PROBE, functionsLib], {
    cwd: path.dirname(functionsLib),
    encoding: "utf8",
    env: { ...process.env, GCLOUD_PROJECT: PROJECT_ID, FUNCTIONS_CONTROL_API: "true" },
  });
  return z
    .array(endpoint)
    .parse(JSON.parse(json))
    .map((e) => {
      const r = e.scheduleTrigger.retryConfig ?? {};
      return {
        name: e.name,
        region: e.region?.[0] ?? REGION,
        schedule: e.scheduleTrigger.schedule,
        timeZone: e.scheduleTrigger.timeZone ?? "UTC",
        retry: {
          retryCount: r.retryCount ?? DEFAULT_RETRY.retryCount,
          minBackoffSeconds: r.minBackoffSeconds ?? DEFAULT_RETRY.minBackoffSeconds,
          maxBackoffSeconds: r.maxBackoffSeconds ?? DEFAULT_RETRY.maxBackoffSeconds,
          maxDoublings: r.maxDoublings ?? DEFAULT_RETRY.maxDoublings,
        },
      };
    });
}

/** Cloud Scheduler's backoff: doubles from the minimum, maxDoublings times, then grows linearly, capped. */
export function backoffSeconds(attempt: number, retry: RetryPolicy): number {
  const doublings = Math.min(attempt - 1, retry.maxDoublings);
  const linear = Math.max(0, attempt - 1 - retry.maxDoublings);
  const base = retry.minBackoffSeconds * 2 ** doublings;
  return Math.min(retry.maxBackoffSeconds, base + linear * retry.minBackoffSeconds * 2 ** retry.maxDoublings);
}

/** The functions emulator's route for a background trigger, as Cloud Scheduler's Pub/Sub push would reach it. */
export const triggerUrl = (functionsOrigin: string, job: ScheduledJob): string =>
  `${functionsOrigin}/functions/projects/${PROJECT_ID}/triggers/${job.region}-${job.name}-0`;
