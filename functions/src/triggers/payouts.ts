/**
 * Payout triggers: the weekly schedule and its task queue, coach requests and admin
 * decisions. Each parses its input, calls one use case and maps errors (kassaCallable).
 */
import { logger } from "firebase-functions";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { onTaskDispatched } from "firebase-functions/v2/tasks";
import { PRIVATE } from "./invoker";
import { z } from "zod";
import * as contracts from "../contracts/payouts";
import { requireRole } from "../app/caller";
import { startPayoutRun } from "../app/payouts/payout-run";
import { runPayoutTask } from "../app/payouts/payout-task";
import { approvePayout as approveUseCase, cancelPayoutRequest as cancelUseCase, rejectPayout as rejectUseCase, requestPayout as requestUseCase, retryPayout as retryUseCase } from "../app/payouts/payout-requests";
import { payableNow as payableNowUseCase } from "../app/payouts/payable-now";
import { PAYOUT_TASKS_CONCURRENT, PAYOUT_TASKS_PER_SECOND } from "../app/payouts/payout-rate";
import { CURRENCIES } from "../domain/money";
import { isDomainError } from "../domain/errors";
import { TIME_ZONE, stripeSecretKey } from "../config/params";
import { kassaCallable } from "./callable";
import { payoutDeps } from "./payout-deps";
import { runAs, taskInvoker } from "./run-as";

const withStripe = { secrets: [stripeSecretKey] };
/** Monday 08:00 Swedish time, as the seed app had it. */
export const weeklyPayoutRun = onSchedule({ ...runAs("weeklyPayoutRun"), schedule: "0 8 * * 1", timeZone: TIME_ZONE, retryCount: 3, invoker: PRIVATE }, async () => {
  const result = await startPayoutRun(payoutDeps(), { trigger: "schedule" });
  logger.info("weekly payout run", { runId: result.runId, started: result.started, counts: result.run?.counts });
});

export const runWeeklyPayoutNow = kassaCallable(contracts.runWeeklyPayoutNow, async (_input, caller) => {
  requireRole(caller, "admin");
  // Minute precision: a double click lands on the same run; a later click is a new run.
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "");
  const result = await startPayoutRun(payoutDeps(), { trigger: "admin", runId: `payout-run-manual-${stamp}`, startedBy: caller.uid });
  return { runId: result.runId, started: result.started };
});

const taskInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("run"), runId: z.string().min(1), coachId: z.string().min(1), currency: z.enum(CURRENCIES) }),
  z.object({ kind: z.literal("send"), payoutId: z.string().min(1) }),
  z.object({ kind: z.literal("watch"), runId: z.string().min(1), check: z.number().int().min(0), settled: z.number().int().min(0).optional() }),
]);

/**
 * One coach per task. Rate limits stay under Stripe's 100 writes/s in live mode; retries
 * back off exponentially and stop well inside the 24 h Stripe keeps idempotency keys.
 */
export const payoutCoach = onTaskDispatched(
  {
    retryConfig: { maxAttempts: 8, minBackoffSeconds: 10, maxBackoffSeconds: 600, maxDoublings: 5, maxRetrySeconds: 6 * 3600 },
    rateLimits: { maxDispatchesPerSecond: PAYOUT_TASKS_PER_SECOND, maxConcurrentDispatches: PAYOUT_TASKS_CONCURRENT },
    secrets: [stripeSecretKey],
    ...runAs("payoutCoach"),
    // Tasks carry the identity of whoever enqueued them (the payout run, as the payouts
    // account): only that account may invoke; a deploy resets the binding to this list.
    invoker: taskInvoker("payouts"),
  },
  async (req) => {
    const parsed = taskInput.safeParse(req.data);
    if (!parsed.success) {
      // A malformed task can never succeed: log it and let it go instead of retrying for hours.
      logger.error("payoutCoach: malformed task", { data: req.data });
      return;
    }
    const task = parsed.data;
    try {
      const r = await runPayoutTask(payoutDeps(), task);
      if (r.kind === "run") logger.info("payout run task", { task, status: r.result.outcome.status, payoutId: r.result.payoutId });
      else if (r.kind === "send") logger.info("payout send task", { payoutId: r.result.payout.id, result: r.result.result, status: r.result.payout.status });
      else logger.info("payout run watcher", { task, result: r.result });
    } catch (error) {
      // Permanent refusals are recorded on the payout; only transient ones are retried.
      if (isDomainError(error) && ["precondition", "not_found", "invalid_input", "permission"].includes(error.kind)) {
        logger.error("payoutCoach: gave up", { task, kind: error.kind, message: error.message });
        return;
      }
      throw error;
    }
  },
);

export const requestPayout = kassaCallable(
  contracts.requestPayout,
  (input, caller) => requestUseCase(payoutDeps(), caller, input),
  withStripe,
);

export const payableNow = kassaCallable(contracts.payableNow, (input, caller) => payableNowUseCase(payoutDeps(), caller, input), withStripe);

export const cancelPayoutRequest = kassaCallable(contracts.cancelPayoutRequest, (input, caller) => cancelUseCase(payoutDeps(), caller, input));

export const approvePayout = kassaCallable(contracts.approvePayout, (input, caller) => approveUseCase(payoutDeps(), caller, input));

export const rejectPayout = kassaCallable(contracts.rejectPayout, (input, caller) => rejectUseCase(payoutDeps(), caller, input));

export const retryPayout = kassaCallable(contracts.retryPayout, (input, caller) => retryUseCase(payoutDeps(), caller, input));
