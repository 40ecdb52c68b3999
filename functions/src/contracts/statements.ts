/** Payout statements: read by the coach, downloaded as a PDF. */
import { z } from "zod";
import type { PayoutStatement } from "./shapes";
import { contract } from "./contract";
import { none } from "./fields";

export const payoutStatementInput = z.strictObject({ payoutId: z.string().min(1, "is required").max(300).regex(/^[^/]+$/, "is not a payout id") });

export interface PayoutStatementPdfResponse {
  fileName: string;
  number: string;
  contentBase64: string;
}

export const payoutStatement = contract<PayoutStatement>()({ name: "payoutStatement", input: payoutStatementInput, errors: ["not-found", "failed-precondition"] });
export const payoutStatementPdf = contract<PayoutStatementPdfResponse>()({ name: "payoutStatementPdf", input: payoutStatementInput, errors: ["not-found", "failed-precondition"] });
export const myPayoutStatements = contract<{ statements: PayoutStatement[] }>()({ name: "myPayoutStatements", input: none });
