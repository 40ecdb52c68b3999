/** Admin reports and exports, the rollups' rebuild, and the accountant's day of bookings, as callables. */
import { z } from "zod";
import { FirestoreAccountingStore } from "../adapters/firebase/accounting-store";
import { db } from "../adapters/firebase/admin";
import { FirestoreAccountingLedger } from "../adapters/firebase/accounting-ledger";
import { FirestoreReportStore } from "../adapters/firebase/firestore-report-store";
import { FirestoreRollupStore } from "../adapters/firebase/firestore-rollup-store";
import { rebuildRollups as rebuildRollupsUseCase } from "../app/rollups/rebuild-rollups";
import {
  dayBookingsCsv as dayBookingsUseCase,
  exportCsv as exportCsvUseCase,
  monthlyReport as monthlyReportUseCase,
  revenueReport as revenueReportUseCase,
} from "../app/reports/reports";
import { runtimeClock as systemClock } from "../adapters/clock/stack-clock";
import { kassaCallable } from "./callable";

const reportDeps = () => ({
  reports: new FirestoreReportStore(db()),
  rollups: new FirestoreRollupStore(db()),
  clock: systemClock,
});
const day = z
  .string({ error: "must be a date written YYYY-MM-DD" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

export const revenueReportInput = z.strictObject({
  days: z.union([z.literal(7), z.literal(30), z.literal(90), z.literal(365)], {
    error: "must be 7, 30, 90 or 365",
  }),
});

export const revenueReport = kassaCallable(
  "revenueReport",
  revenueReportInput,
  (input, caller) => revenueReportUseCase(reportDeps(), caller, input),
  { timeoutSeconds: 120, memory: "512MiB" },
);

export const exportCsvInput = z.strictObject({
  kind: z.enum(["payments", "payouts", "ledger"], { error: "must be payments, payouts or ledger" }),
  from: day,
  to: day,
});

export const exportCsv = kassaCallable(
  "exportCsv",
  exportCsvInput,
  (input, caller) => exportCsvUseCase(reportDeps(), caller, input),
  { timeoutSeconds: 120, memory: "512MiB" },
);

export const monthlyReport = kassaCallable(
  "monthlyReport",
  z.strictObject({
    month: z.string({ error: "must be a month written YYYY-MM" }).regex(/^\d{4}-\d{2}$/, "must be a month written YYYY-MM"),
  }),
  (input, caller) => monthlyReportUseCase(reportDeps(), caller, input),
  { timeoutSeconds: 120, memory: "512MiB" },
);

export const dayBookingsCsv = kassaCallable("dayBookingsCsv", z.strictObject({ day }), (input, caller) =>
  dayBookingsUseCase(
    { ledger: new FirestoreAccountingLedger(db()), store: new FirestoreAccountingStore(db()) },
    caller,
    input,
  ),
);

export const rebuildRollupsInput = z.strictObject({
  from: day,
  to: day,
  repair: z.boolean({ error: "must be true (write the recomputed days) or false (only report)" }).default(false),
});

/** Recomputes the revenue rollups of closed days from the ledger and reports (or repairs) differences. */
export const rebuildRollups = kassaCallable(
  "rebuildRollups",
  rebuildRollupsInput,
  (input, caller) =>
    rebuildRollupsUseCase(
      { ledger: new FirestoreReportStore(db()), rollups: new FirestoreRollupStore(db()), clock: systemClock },
      caller,
      input,
    ),
  { timeoutSeconds: 540, memory: "1GiB" },
);
