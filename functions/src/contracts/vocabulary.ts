/**
 * The closed lists the inputs refer to. They are the server's own lists (domain/money.ts,
 * domain/roles.ts, domain/accounting-mapping.ts, app/settings/settings.ts, ...) written here
 * because this folder may import nothing from the server; test/unit/contracts/vocabulary.test.ts
 * fails when one side changes without the other.
 */
export const CURRENCIES = ["sek", "eur", "usd", "nok", "dkk"] as const;
export type Currency = (typeof CURRENCIES)[number];

export const ROLES = ["customer", "coach", "admin", "accountant"] as const;
export type Role = (typeof ROLES)[number];

/** Swedish VAT rates in basis points (25, 12, 6, 0 %). */
export const VAT_RATES_BPS = [2500, 1200, 600, 0] as const;

export const REPORT_PERIODS = [7, 30, 90, 365] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** What an admin may set (fee in basis points, hold in days, minimums in minor units). */
export const SETTINGS_LIMITS = {
  feeBps: { min: 0, max: 5000 },
  holdDays: { min: 0, max: 90 },
  minimum: { min: 100, max: 100_000_000 },
  secondApprovalAbove: { min: 0, max: 100_000_000 },
} as const;

/** A Fortnox voucher number as the accountant types it: series letters, then digits. */
export const VOUCHER_NUMBER_PATTERN = /^[A-Z]{1,3}-?\d{1,9}$/;

/** CSV files: "excel-sv" opens in a Swedish Excel (; and decimal comma), "standard" is RFC 4180 (app/reports/csv.ts). */
export const CSV_FORMATS = ["excel-sv", "standard"] as const;
export type CsvFormat = (typeof CSV_FORMATS)[number];
