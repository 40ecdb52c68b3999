/** exportSie: a SIE 4 file of the vouchers Kassa booked, for a date range in one financial year. */
import { z } from "zod";
import { exportSie as exportSieUseCase } from "../app/sie/export-sie";
import { fortnoxClientId, fortnoxClientSecret } from "../config/params";
import { sieDeps } from "./books-deps";
import { kassaCallable } from "./callable";

const day = z.string({ error: "must be a date written YYYY-MM-DD" }).regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

export const exportSieInput = z
  .strictObject({ from: day, to: day })
  .refine((r) => r.from <= r.to, { path: ["to"], message: "is before from: the range is reversed" });

export interface ExportSieResponse {
  fileName: string;
  /** The file's bytes (CP437), base64: a callable answers JSON. */
  contentBase64: string;
  vouchers: number;
  financialYear: { from: string; to: string };
}

export const exportSie = kassaCallable(
  "exportSie",
  exportSieInput,
  async (input, caller): Promise<ExportSieResponse> => {
    const result = await exportSieUseCase(sieDeps(), caller, input);
    return { fileName: result.fileName, contentBase64: Buffer.from(result.bytes).toString("base64"), vouchers: result.vouchers, financialYear: result.financialYear };
  },
  { secrets: [fortnoxClientId, fortnoxClientSecret], timeoutSeconds: 120 },
);
