/** A SIE 4 file of the vouchers Kassa booked, for a date range in one financial year. */
import { z } from "zod";
import { contract } from "./contract";
import { day } from "./fields";

export interface ExportSieResponse {
  fileName: string;
  /** The file's bytes (CP437), base64: a callable answers JSON. */
  contentBase64: string;
  vouchers: number;
  financialYear: { from: string; to: string };
}

export const exportSieInput = z
  .strictObject({ from: day, to: day })
  .refine((r) => r.from <= r.to, { path: ["to"], message: "is before from: the range is reversed" });

export const exportSie = contract<ExportSieResponse>()({ name: "exportSie", input: exportSieInput, errors: ["failed-precondition", "not-found", "unavailable", "aborted"] });
