/** Exports as background jobs: the callable records the job; the web app watches its document. */
import { z } from "zod";
import { contract } from "./contract";
import { csvFormat, day } from "./fields";

export const EXPORT_KINDS = ["payments", "payouts", "ledger"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const startExportInput = z.strictObject({
  kind: z.enum(EXPORT_KINDS, { error: "must be payments, payouts or ledger" }),
  from: day,
  to: day,
  coachId: z.string({ error: "must be a coach's user id" }).min(1, "must be a coach's user id").max(128, "is too long").regex(/^[^/]+$/, "must be a coach's user id").optional(),
  format: csvFormat,
});

export const startExport = contract<{ jobId: string }>()({ name: "startExport", input: startExportInput, errors: ["resource-exhausted"] });
