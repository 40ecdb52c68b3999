/** Accounting sync triggers: the 02:00 schedule, "sync now", the mapping and a day's detail. */
import { logger } from "firebase-functions";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { z } from "zod";
import { accountingDayDetail } from "../app/accounting/day-detail";
import { getAccountingSettings, updateAccountingMapping as updateMapping } from "../app/accounting/accounting-settings";
import { syncAccounting, syncAccountingNow as syncNow } from "../app/accounting/sync-accounting";
import { fortnoxClientId, fortnoxClientSecret, TIME_ZONE } from "../config/params";
import { accountingDeps } from "./accounting-deps";
import { kassaCallable } from "./callable";

const secrets = [fortnoxClientId, fortnoxClientSecret];
const day = z.string({ error: "must be a date written YYYY-MM-DD" }).regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
const account = z.number({ error: "must be a BAS account number" }).int("must be a whole account number");

export const syncAccountingNightly = onSchedule(
  { schedule: "0 2 * * *", timeZone: TIME_ZONE, secrets, timeoutSeconds: 540, retryCount: 0 },
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
    return { runId: job.id, state: job.state, counts: job.counts, errors: job.errors, stoppedReason: job.stoppedReason ?? null };
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
    vatBps: z.number().int("must be whole basis points"),
    paymentFees: account,
    disputeSuspense: account,
    bank: account,
  }),
  series: z.string().optional(),
});

export const updateAccountingMapping = kassaCallable(
  "updateAccountingMapping",
  updateAccountingMappingInput,
  (input, caller) => updateMapping(accountingDeps(), caller, input),
  { secrets },
);

export const accountingDay = kassaCallable(
  "accountingDay",
  z.strictObject({ day }),
  (input, caller) => accountingDayDetail(accountingDeps(), caller, input),
  { secrets },
);
