/**
 * Exports as background jobs: `startExport` (callable) records `exports/{jobId}` and queues
 * it; `runExport` (task queue) streams the file into Cloud Storage page by page. The web app
 * watches the job document and offers the link when it is done.
 */
import { FirestoreNameBook } from "../adapters/firebase/firestore-name-book";
import { randomUUID } from "node:crypto";
import { logger } from "firebase-functions";
import { onTaskDispatched } from "firebase-functions/v2/tasks";
import { z } from "zod";
import { FirestoreExportJobStore } from "../adapters/firebase/firestore-export-jobs";
import { FirestoreExportRowSource } from "../adapters/firebase/firestore-export-rows";
import { StorageExportSink } from "../adapters/firebase/storage-export-sink";
import { CloudTasksExportQueue } from "../adapters/firebase/export-task-queue";
import { db } from "../adapters/firebase/admin";
import { runtimeClock } from "../adapters/clock/stack-clock";
import { startExport as startExportUseCase } from "../app/exports/start-export";
import { runExport as runExportUseCase } from "../app/exports/run-export";
import { EXPORT_MAX_ATTEMPTS } from "../app/exports/limits";
import { REGION } from "../config/params";
import * as contracts from "../contracts/exports";
import { kassaCallable } from "./callable";
import { randomIds } from "./payment-deps";
import { runAs, taskInvoker } from "./run-as";

export const EXPORT_TASK_QUEUE = `locations/${REGION}/functions/runExport`;

export const startExport = kassaCallable(contracts.startExport, (input, caller) =>
  startExportUseCase(
    { jobs: new FirestoreExportJobStore(db()), queue: new CloudTasksExportQueue(EXPORT_TASK_QUEUE), clock: runtimeClock, ids: randomIds },
    caller,
    input,
  ),
);

const taskInput = z.object({ jobId: z.string().min(1).max(200) });

/**
 * One export per task. 1M payment rows take minutes (about 1,000 queries of 1,000 documents);
 * the half-hour timeout leaves room, and memory stays at a page whatever the file's size.
 */
export const runExport = onTaskDispatched(
  {
    retryConfig: { maxAttempts: EXPORT_MAX_ATTEMPTS, minBackoffSeconds: 15, maxBackoffSeconds: 300 },
    rateLimits: { maxConcurrentDispatches: 4 },
    timeoutSeconds: 1800,
    memory: "512MiB",
    ...runAs("runExport"),
    // Cloud Tasks calls with the identity of whoever enqueued (startExport, as the callables'
    // account): only that account may invoke. "private" would leave no one, since a deploy
    // resets the service's invoker binding to exactly this list.
    invoker: taskInvoker("callables"),
  },
  async (req) => {
    const parsed = taskInput.safeParse(req.data);
    if (!parsed.success) {
      logger.error("runExport: malformed task", { data: req.data });
      return;
    }
    const { jobId } = parsed.data;
    const result = await runExportUseCase(
      { jobs: new FirestoreExportJobStore(db()), source: new FirestoreExportRowSource(db()), sink: new StorageExportSink(), clock: runtimeClock, names: new FirestoreNameBook(db()) },
      jobId,
      randomUUID(),
    );
    logger.info("runExport", { jobId, ...result });
  },
);
