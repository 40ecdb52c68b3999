/** The books' callables (SIE export, reconciliation, payout statements) with the server's own types. */
import { httpsCallable } from "firebase/functions";
import { functions } from "../../firebase";
import type { DayReconciliation } from "@server/contracts/shapes";
import type { PayoutStatement } from "@server/contracts/shapes";
import type { ExportSieResponse } from "@server/contracts/sie";
import type { PayoutStatementPdfResponse } from "@server/contracts/statements";
export type { BasAccountRow, BalanceCheck, CheckState, CoachLiabilityLine, DayReconciliation } from "@server/contracts/shapes";
export type { PayoutStatement } from "@server/contracts/shapes";

const fn = <I, O>(name: string) => {
  const c = httpsCallable<I, O>(functions, name);
  return async (input: I): Promise<O> => (await c(input)).data;
};

export const booksApi = {
  exportSie: fn<{ from: string; to: string }, ExportSieResponse>("exportSie"),
  reconciliations: fn<{ limit?: number; day?: string }, { records: DayReconciliation[] }>("booksReconciliations"),
  reconcileNow: fn<{ day: string }, { day: string; differences: number; alerted: boolean }>("reconcileBooksNow"),
  myStatements: fn<Record<string, never>, { statements: PayoutStatement[] }>("myPayoutStatements"),
  statementPdf: fn<{ payoutId: string }, PayoutStatementPdfResponse>("payoutStatementPdf"),
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
