/**
 * The accountant's bookkeeping callables: sync now, the BAS mapping, a day's vouchers, a
 * voucher's specification (page and CSV), the vouchers that need the accountant, and "booked
 * by hand". Their results are the server's own types, named through shapes.ts (type-only).
 */
import { z } from "zod";
import { contract } from "./contract";
import { csvFormat, day, none } from "./fields";
import type { CsvFile } from "./reports";
import type { AccountingSettings, BasMapping, DayDetail, MappingChange, VoucherRecord, VoucherSpecification } from "./shapes";
import { VAT_RATES_BPS, VOUCHER_NUMBER_PATTERN } from "./vocabulary";


const account = z.number({ error: "must be a BAS account number" }).int("must be a whole account number");
const voucherId = z
  .string({ error: "must be a Kassa voucher id such as 2026-11-22_sales_sek" })
  .regex(/^\d{4}-\d{2}-\d{2}_[a-z_]+_[a-z]{3}(_\d+)?$/, "must be a Kassa voucher id such as 2026-11-22_sales_sek");
const fortnoxErrors = ["failed-precondition", "unavailable", "aborted"] as const;

export const syncAccountingNow = contract<{
  runId: string;
  state: string;
  counts: Record<string, number | undefined>;
  errors: unknown[];
  stoppedReason: string | null;
}>()({
  name: "syncAccountingNow",
  input: z.strictObject({ day: day.optional() }),
  errors: [...fortnoxErrors, "already-exists"],
});

export const getAccountingMapping = contract<AccountingSettings & { defaults: BasMapping; changes: MappingChange[] }>()({ name: "getAccountingMapping", input: none });

export const updateAccountingMappingInput = z.strictObject({
  mapping: z.strictObject({
    clearing: account,
    coachLiability: account,
    coachPaid: account,
    commissionRevenue: account,
    subscriptionRevenue: account,
    outputVat: account,
    // Only the Swedish rates (25, 12, 6, 0 %): a 30 % is refused here, before anything is read or saved.
    vatBps: z.union(
      VAT_RATES_BPS.map((r) => z.literal(r)),
      { error: "the VAT rate must be 25, 12, 6 or 0 %" },
    ),
    paymentFees: account,
    disputeSuspense: account,
    bank: account,
    exchangeGain: account.optional(),
    exchangeLoss: account.optional(),
  }),
  series: z.string().optional(),
});

export const updateAccountingMapping = contract<{ checkedAgainstFortnox: boolean; warning?: string }>()({
  name: "updateAccountingMapping",
  input: updateAccountingMappingInput,
  errors: fortnoxErrors,
});

export const accountingDay = contract<DayDetail>()({ name: "accountingDay", input: z.strictObject({ day }), errors: fortnoxErrors });
export const voucherSpecification = contract<VoucherSpecification>()({ name: "voucherSpecification", input: z.strictObject({ voucherId }), errors: ["not-found"] });
export const voucherSpecificationCsv = contract<CsvFile>()({ name: "voucherSpecificationCsv", input: z.strictObject({ voucherId, format: csvFormat }), errors: ["not-found"] });
export const accountingVouchersToFix = contract<{ vouchers: VoucherRecord[] }>()({ name: "accountingVouchersToFix", input: none });

export const markVoucherBookedByHandInput = z.strictObject({
  voucherId,
  voucherNumber: z
    .string({ error: "must be the Fortnox voucher number, such as A-123" })
    .trim()
    .regex(VOUCHER_NUMBER_PATTERN, "must be the Fortnox voucher number, such as A-123"),
  note: z.string().max(500, "must be at most 500 characters").optional(),
});

export const markVoucherBookedByHand = contract<{ voucher: VoucherRecord }>()({
  name: "markVoucherBookedByHand",
  input: markVoucherBookedByHandInput,
  errors: ["not-found", "failed-precondition", "already-exists"],
});
