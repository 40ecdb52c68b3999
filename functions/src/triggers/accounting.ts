/**
 * Accounting sync triggers: the 02:00 schedule, "sync now", the mapping, a day's detail, a
 * voucher's specification (page and CSV), the vouchers that need the accountant, and "booked
 * by hand".
 */
import { PRIVATE } from "./invoker";
import { logger } from "firebase-functions";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { z } from "zod";
import { markVoucherBookedByHand as markByHand, VOUCHER_NUMBER_PATTERN } from "../app/accounting/booked-by-hand";
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
const day = z.string({ error: "must be a date written YYYY-MM-DD" }).regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
const account = z.number({ error: "must be a BAS account number" }).int("must be a whole account number");
const voucherId = z
  .string({ error: "must be a Kassa voucher id such as 2026-11-22_sales_sek" })
  .regex(/^\d{4}-\d{2}-\d{2}_[a-z_]+_[a-z]{3}(_\d+)?$/, "must be a Kassa voucher id such as 2026-11-22_sales_sek");

export const syncAccountingNightly = onSchedule(
  { ...runAs("syncAccountingNightly"), schedule: "0 2 * * *", timeZone: TIME_ZONE, secrets, timeoutSeconds: 540, retryCount: 0, invoker: PRIVATE },
  async () => {
    const job = await syncAccounting(accountingDeps(), { trigger: "schedule" });
    logger.info("accounting sync finished", { runId: job.id, state: job.state, counts: job.counts, stoppedReason: job.stoppedReason });
  },
);

export const syncAccountingNow = kassaCallable(
  "syncAccountingNow",
  z.strictObject({ day: day.optional() }),
  async (input, caller) => {
    const job = await syncNow(accountingDeps(), caller, input);
    return { runId: job.id, state: job.state, counts: job.counts, errors: job.errors.slice(0, 20), stoppedReason: job.stoppedReason ?? null };
  },
  { secrets, timeoutSeconds: 540 },
);

export const getAccountingMapping = kassaCallable("getAccountingMapping", z.strictObject({}), (_input, caller) =>
  getAccountingSettings(accountingDeps(), caller),
);

export const updateAccountingMappingInput = z.strictObject({
  mapping: z.strictObject({
    clearing: account,
    coachLiability: account,
    coachPaid: account,
    commissionRevenue: account,
    subscriptionRevenue: account,
    outputVat: account,
    vatBps: z.number({ error: "must be the VAT rate in basis points: 2500, 1200, 600 or 0" }).int("must be whole basis points"),
    paymentFees: account,
    disputeSuspense: account,
    bank: account,
    exchangeGain: account.optional(),
    exchangeLoss: account.optional(),
  }),
  series: z.string().optional(),
});

export const updateAccountingMapping = kassaCallable(
  "updateAccountingMapping",
  updateAccountingMappingInput,
  ({ mapping: { exchangeGain, exchangeLoss, ...mapping }, series }, caller) =>
    updateMapping({ ...accountingDeps(), audit: new FirestoreAuditLog(db()) }, caller, {
      mapping: { ...mapping, ...(exchangeGain !== undefined ? { exchangeGain } : {}), ...(exchangeLoss !== undefined ? { exchangeLoss } : {}) },
      series,
    }),
  { secrets },
);

export const accountingDay = kassaCallable(
  "accountingDay",
  z.strictObject({ day }),
  (input, caller) => accountingDayDetail(accountingDeps(), caller, input),
  { secrets },
);

export const voucherSpecification = kassaCallable("voucherSpecification", z.strictObject({ voucherId }), (input, caller) =>
  specification(accountingDeps(), caller, input),
);

export const voucherSpecificationCsv = kassaCallable("voucherSpecificationCsv", z.strictObject({ voucherId }), (input, caller) =>
  specificationCsv(accountingDeps(), caller, input),
);

export const accountingVouchersToFix = kassaCallable("accountingVouchersToFix", z.strictObject({}), (_input, caller) =>
  vouchersNeedingAttention(accountingDeps(), caller),
);

export const markVoucherBookedByHandInput = z.strictObject({
  voucherId,
  voucherNumber: z
    .string({ error: "must be the Fortnox voucher number, such as A-123" })
    .trim()
    .regex(VOUCHER_NUMBER_PATTERN, "must be the Fortnox voucher number, such as A-123"),
  note: z.string().max(500, "must be at most 500 characters").optional(),
});

export const markVoucherBookedByHand = kassaCallable("markVoucherBookedByHand", markVoucherBookedByHandInput, (input, caller) =>
  markByHand(accountingDeps(), caller, input),
);
