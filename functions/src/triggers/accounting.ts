/**
 * Accounting sync triggers: the 02:00 schedule, "sync now", the mapping, a day's detail, a
 * voucher's specification (page and CSV), the vouchers that need the accountant, and "booked
 * by hand".
 */
import { PRIVATE } from "./invoker";
import { logger } from "firebase-functions";
import { onSchedule } from "firebase-functions/v2/scheduler";
import * as contracts from "../contracts/accounting";
import { markVoucherBookedByHand as markByHand } from "../app/accounting/booked-by-hand";
import { accountingDayDetail } from "../app/accounting/day-detail";
import { getAccountingSettings, updateAccountingMapping as updateMapping } from "../app/accounting/accounting-settings";
import { syncAccounting, syncAccountingNow as syncNow } from "../app/accounting/sync-accounting";
import { vouchersNeedingAttention } from "../app/accounting/vouchers-to-fix";
import { voucherSpecification as specification, voucherSpecificationCsv as specificationCsv } from "../app/accounting/voucher-specification";
import { fortnoxClientId, fortnoxClientSecret, TIME_ZONE } from "../config/params";
import { FirestoreAuditLog } from "../adapters/firebase/firestore-audit-log";
import { db } from "../adapters/firebase/admin";
import { accountingDeps } from "./accounting-deps";
import { kassaCallable } from "./callable";
import { runAs } from "./run-as";

const secrets = [fortnoxClientId, fortnoxClientSecret];
export const syncAccountingNightly = onSchedule(
  { ...runAs("syncAccountingNightly"), schedule: "0 2 * * *", timeZone: TIME_ZONE, secrets, timeoutSeconds: 540, retryCount: 0, invoker: PRIVATE },
  async () => {
    const job = await syncAccounting(accountingDeps(), { trigger: "schedule" });
    logger.info("accounting sync finished", { runId: job.id, state: job.state, counts: job.counts, stoppedReason: job.stoppedReason });
  },
);

export const syncAccountingNow = kassaCallable(
  contracts.syncAccountingNow,
  async (input, caller) => {
    const job = await syncNow(accountingDeps(), caller, input);
    return { runId: job.id, state: job.state, counts: job.counts, errors: job.errors.slice(0, 20), stoppedReason: job.stoppedReason ?? null };
  },
  { secrets, timeoutSeconds: 540 },
);

export const getAccountingMapping = kassaCallable(contracts.getAccountingMapping, (_input, caller) =>
  getAccountingSettings(accountingDeps(), caller),
);

export const updateAccountingMapping = kassaCallable(
  contracts.updateAccountingMapping,
  ({ mapping: { exchangeGain, exchangeLoss, ...mapping }, series }, caller) =>
    updateMapping({ ...accountingDeps(), audit: new FirestoreAuditLog(db()) }, caller, {
      mapping: { ...mapping, ...(exchangeGain !== undefined ? { exchangeGain } : {}), ...(exchangeLoss !== undefined ? { exchangeLoss } : {}) },
      series,
    }),
  { secrets },
);

export const accountingDay = kassaCallable(
  contracts.accountingDay,
  (input, caller) => accountingDayDetail(accountingDeps(), caller, input),
  { secrets },
);

export const voucherSpecification = kassaCallable(contracts.voucherSpecification, (input, caller) =>
  specification(accountingDeps(), caller, input),
);

export const voucherSpecificationCsv = kassaCallable(contracts.voucherSpecificationCsv, (input, caller) =>
  specificationCsv(accountingDeps(), caller, input),
);

export const accountingVouchersToFix = kassaCallable(contracts.accountingVouchersToFix, (_input, caller) =>
  vouchersNeedingAttention(accountingDeps(), caller),
);

export const markVoucherBookedByHand = kassaCallable(contracts.markVoucherBookedByHand, (input, caller) =>
  markByHand(accountingDeps(), caller, input),
);
