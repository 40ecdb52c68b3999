/**
 * Alert triggers: document changes that mean someone has to look (a payout failed, a run
 * with failures, a failed sync), a sweep for stuck runs and syncs, and the admin's
 * acknowledge. Thin: read the snapshots, call app/alerts. A Stripe event gone dead raises
 * its alert where it dies (processEventDeps in payment-deps.ts).
 */
import { PRIVATE } from "./invoker";
import { logger } from "firebase-functions";
import { onDocumentUpdated, onDocumentWritten } from "firebase-functions/v2/firestore";
import { onSchedule } from "firebase-functions/v2/scheduler";
import * as contracts from "../contracts/alerts";
import { db } from "../adapters/firebase/admin";
import { FirestoreAlertStore } from "../adapters/firebase/firestore-alert-store";
import { acknowledgeAlert as acknowledgeUseCase, payoutFailedAlert, raiseAlert, raiseStuckJobAlerts, runFailuresAlert, syncFailedAlert } from "../app/alerts/alerts";
import { TIME_ZONE } from "../config/params";
import { runtimeClock as systemClock } from "../adapters/clock/stack-clock";
import { kassaCallable } from "./callable";
import { runAs } from "./run-as";

const deps = () => ({ alerts: new FirestoreAlertStore(db()), clock: systemClock });
type Doc = Record<string, unknown> | undefined;

export const alertOnPayoutFailed = onDocumentUpdated({ ...runAs("alertOnPayoutFailed"), document: "payouts/{payoutId}" }, async (event) => {
  const before = event.data?.before.data() as Doc;
  const after = event.data?.after.data() as Doc;
  // "returned" is a payout the bank sent back after it was paid: as much a failure for the admin.
  const failedNow = (d: Doc) => d?.["status"] === "failed" || d?.["status"] === "returned";
  if (!after || !failedNow(after) || (failedNow(before) && before?.["status"] === after?.["status"] && before?.["attempt"] === after?.["attempt"])) return;
  const out = await raiseAlert(
    deps(),
    payoutFailedAlert({
      id: event.params.payoutId,
      coachId: after["coachId"] as string,
      amount: after["amount"] as number,
      currency: after["currency"] as string,
      attempt: after["attempt"] as number,
      failureReason: (after["failureReason"] as string | null) ?? null,
    }),
  );
  logger.warn("alert: payout failed", { payoutId: event.params.payoutId, ...out });
});

export const alertOnJobChange = onDocumentWritten({ ...runAs("alertOnJobChange"), document: "jobs/{jobId}" }, async (event) => {
  const after = event.data?.after.data() as Doc;
  const before = event.data?.before.data() as Doc;
  if (!after) return;
  const id = event.params.jobId;
  if (after["type"] === "accounting_sync" && after["state"] === "failed" && before?.["state"] !== "failed") {
    const out = await raiseAlert(deps(), syncFailedAlert({ id, errors: after["errors"] as { message: string }[], stoppedReason: (after["stoppedReason"] as string | null) ?? null }));
    logger.warn("alert: accounting sync failed", { jobId: id, ...out });
  }
  const failed = Number((after["counts"] as Record<string, unknown> | undefined)?.["failed"] ?? 0);
  if (after["type"] === "payout_run" && after["status"] === "done" && before?.["status"] !== "done" && failed > 0) {
    const out = await raiseAlert(deps(), runFailuresAlert({ id, failed }));
    logger.warn("alert: payout run with failures", { jobId: id, failed, ...out });
  }
});

export const alertOnStuckJobs = onSchedule({ ...runAs("alertOnStuckJobs"), schedule: "*/30 * * * *", timeZone: TIME_ZONE, retryCount: 0, invoker: PRIVATE }, async () => {
  const raised = await raiseStuckJobAlerts(deps());
  if (raised > 0) logger.warn("alert: stuck jobs", { raised });
});

export const acknowledgeAlert = kassaCallable(
  contracts.acknowledgeAlert,
  (input, caller) => acknowledgeUseCase(deps(), caller, input),
);
