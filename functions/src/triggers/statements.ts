/**
 * Payout statements: numbered when a payout becomes paid (retried on failure, so a number is
 * never left unallocated by a lost trigger; the callables issue lazily as a fallback), read
 * by the coach, downloaded as a PDF.
 */
import { logger } from "firebase-functions";
import { onDocumentUpdated } from "firebase-functions/v2/firestore";
import * as contracts from "../contracts/statements";
import type { PayoutStatementPdfResponse } from "../contracts/statements";
import { becamePaid, issueStatement, myStatements, payoutStatement as readStatement, payoutStatementPdf as readPdf } from "../app/statements/issue-statement";
import type { PayoutRecord } from "../ports/payout-store";
import { statementDeps } from "./books-deps";
import { kassaCallable } from "./callable";
import { runAs } from "./run-as";

export const issueStatementOnPaid = onDocumentUpdated({ ...runAs("issueStatementOnPaid"), document: "payouts/{payoutId}", retry: true }, async (event) => {
  const before = (event.data?.before.data() as Pick<PayoutRecord, "status"> | undefined) ?? null;
  const after = (event.data?.after.data() as Pick<PayoutRecord, "status" | "updatedAt"> | undefined) ?? null;
  if (!becamePaid(before, after)) return;
  const { statement, created } = await issueStatement(statementDeps(), { payoutId: event.params.payoutId, ...(after?.updatedAt ? { paidAt: after.updatedAt } : {}) });
  logger.info("payout statement", { payoutId: event.params.payoutId, number: statement.number, created });
});

export const payoutStatement = kassaCallable(contracts.payoutStatement, (input, caller) => readStatement(statementDeps(), caller, input));

export const payoutStatementPdf = kassaCallable(
  contracts.payoutStatementPdf,
  async (input, caller): Promise<PayoutStatementPdfResponse> => {
    const pdf = await readPdf(statementDeps(), caller, input);
    return { fileName: pdf.fileName, number: pdf.number, contentBase64: Buffer.from(pdf.bytes).toString("base64") };
  },
  { memory: "512MiB" },
);

export const myPayoutStatements = kassaCallable(contracts.myPayoutStatements, (_input, caller) => myStatements(statementDeps(), caller));
