/** The books' callables (SIE export, reconciliation, payout statements) with the server's own types. */
import { callData } from "../../lib/callable";
export type { BasAccountRow, BalanceCheck, CheckState, CoachLiabilityLine, DayReconciliation } from "@server/contracts/shapes";
export type { PayoutStatement } from "@server/contracts/shapes";

export const booksApi = {
  exportSie: callData("exportSie"),
  reconciliations: callData("booksReconciliations"),
  reconcileNow: callData("reconcileBooksNow"),
  myStatements: callData("myPayoutStatements"),
  statementPdf: callData("payoutStatementPdf"),
};

/** Saves base64 content as a file through a temporary link: the browser's own download. */
export function downloadBase64(fileName: string, base64: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
