/**
 * startExport: checks who asks for what, records the job (`exports/{jobId}`, queued) and hands
 * it to the task queue. Every refusal happens before anything is written or enqueued.
 *
 * Who may export: admins any kind, for everyone or one coach; a coach only their own payments
 * or payouts (the ledger is the platform's books). Periods are Stockholm days, at most
 * MAX_EXPORT_DAYS long.
 */
import { assertDay, dayBounds } from "../../domain/calendar-day";
import { DomainError, invalidInput } from "../../domain/errors";
import type { Clock } from "../../ports/clock";
import type { CsvExportKind, ExportRange } from "../../ports/export-row-source";
import type { ExportJob, ExportJobStore } from "../../ports/export-jobs";
import type { ExportTaskQueue } from "../../ports/export-task-queue";
import type { Ids } from "../../ports/ids";
import type { Caller } from "../caller";
import type { CsvFormat } from "../reports/csv";
import { isCsvExportKind } from "./csv-kinds";
import { MAX_EXPORT_DAYS } from "./limits";

export interface StartExportDeps {
  jobs: ExportJobStore;
  queue: ExportTaskQueue;
  clock: Clock;
  ids: Ids;
}

export interface StartExportInput {
  kind: string;
  from: string;
  to: string;
  coachId?: string | null | undefined;
  format?: CsvFormat | undefined;
}

const DAY_MS = 86_400_000;

/** Whole calendar days from `from` to `to`, both counted (2025-01-01..2025-01-01 is 1). */
function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The checked period and the coach it is limited to; throws naming the field at fault. */
export function exportRange(caller: Caller, input: StartExportInput): { kind: CsvExportKind; range: ExportRange } {
  if (!isCsvExportKind(input.kind)) throw invalidInput("kind", "must be payments, payouts or ledger");
  const kind = input.kind;
  assertDay(input.from, "from");
  assertDay(input.to, "to");
  if (input.to < input.from) throw invalidInput("to", `the end date ${input.to} is before the start date ${input.from}`);
  const days = daysInclusive(input.from, input.to);
  if (days > MAX_EXPORT_DAYS) {
    throw invalidInput("to", `the period is ${days} days; one export covers at most ${MAX_EXPORT_DAYS} days, so split it`);
  }
  let coachId = input.coachId ?? null;
  if (caller.role === "coach") {
    if (coachId !== null && coachId !== caller.uid) {
      throw new DomainError("permission", "coachId: a coach can export only their own payments and payouts", "coachId");
    }
    if (kind === "ledger") throw new DomainError("permission", "kind: the ledger export is for admins", "kind");
    coachId = caller.uid;
  } else if (caller.role !== "admin") {
    throw new DomainError("permission", "This needs the admin or coach role.");
  }
  if (coachId !== null && kind === "ledger") throw invalidInput("coachId", "the ledger export covers the whole platform; leave coachId out");
  return {
    kind,
    range: { fromDay: input.from, toDay: input.to, fromMs: dayBounds(input.from).fromMs, toMs: dayBounds(input.to).toMs, coachId },
  };
}

export const exportFilename = (kind: string, params: Record<string, string | null>): string =>
  `kassa-${kind}-${params["from"]}-to-${params["to"]}${params["coachId"] ? `-${params["coachId"]}` : ""}.csv`;

export async function startExport(deps: StartExportDeps, caller: Caller, input: StartExportInput): Promise<{ jobId: string }> {
  const { kind, range } = exportRange(caller, input);
  const now = deps.clock.now().getTime();
  const id = deps.ids.next("export");
  const params = { from: range.fromDay, to: range.toDay, coachId: range.coachId, format: input.format ?? "standard" };
  const job: ExportJob = {
    id,
    kind,
    params,
    requestedBy: caller.uid,
    requestedRole: caller.role ?? "",
    status: "queued",
    attempt: 0,
    attemptId: null,
    rowsWritten: 0,
    recordsRead: 0,
    recordsTotal: null,
    progress: 0,
    bytes: 0,
    filename: exportFilename(kind, params),
    objectPath: null,
    downloadUrl: null,
    downloadExpiresAt: null,
    error: null,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
  };
  await deps.jobs.create(job);
  try {
    await deps.queue.enqueue(id);
  } catch (error) {
    // Nobody will run it: say so on the job the asker is watching, and to the asker.
    await deps.jobs.update(id, null, { status: "failed", error: "The export could not be queued; try again.", updatedAt: now, finishedAt: now });
    throw new DomainError("provider_unavailable", `The export could not be queued (${error instanceof Error ? error.name : "error"}); try again in a minute.`);
  }
  return { jobId: id };
}
