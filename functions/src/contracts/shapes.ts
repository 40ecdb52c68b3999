/**
 * The server's documents and results that the web app reads, named in one place. Type-only
 * re-exports: erased when either side is built, so contracts/ still has no runtime dependency
 * on the server and nothing of the server reaches the browser. The web app may import from
 * the server only through contracts/ (an ESLint rule in eslint.config.mjs), so a change to one
 * of these shapes is a change to a contract, visible as such in review, and breaks the web's
 * type-check instead of its pages.
 */
export type { FortnoxReturnReason, FortnoxStatusView } from "../app/accounting/fortnox-connection";
export type { DayDetail, DayVoucherView, WaitingGroup } from "../app/accounting/day-detail";
export type { VoucherSpecification } from "../app/accounting/voucher-specification";
export type { BasMapping, VoucherRow } from "../domain/accounting";
export type { PayoutStatement } from "../domain/statements/payout-statement";
export type { Receipt } from "../domain/receipt";
export type { AccountingSettings, MappingChange, SyncJob, VoucherRecord } from "../ports/accounting-store";
export type { Alert } from "../ports/alert-store";
export type { BasAccountRow, BalanceCheck, CheckState, CoachLiabilityLine, DayReconciliation } from "../ports/books-reconciliation-store";
export type { ExportJob } from "../ports/export-jobs";
