/**
 * What Fortnox sends, as strict zod schemas: an extra key, a missing key or a key in the
 * wrong case fails. Facts come from ../../../shared/design/fortnox.md (the section is named
 * over each schema); where fortnox.md names a resource without listing every field, the key
 * set is the one in Fortnox's generated OpenAPI spec, which fortnox.md itself refers to
 * (mirrored by generated clients such as the fortnox-php-api-client models). Optional there
 * means optional here, except the keys fortnox.md says identify a record or that Kassa reads.
 */
import { z } from "zod";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a YYYY-MM-DD date");
const int = z.number().int();
const url = z.string().regex(/^https?:\/\/\S+$/, "an absolute URL");
/** "Amounts are decimal kronor (two decimals) in JSON" (fortnox.md, Bookkeeping API). */
const kronor = z
  .number()
  .nonnegative()
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "at most two decimals");
/** "account numbers 1000-9999" (fortnox.md, Bookkeeping API). */
const accountNumber = int.min(1000).max(9999);
const fieldSetting = z.enum(["ALLOWED", "MANDATORY", "NOTALLOWED"]);

// --- fortnox.md, "Authentication (OAuth 2)" ----------------------------------------------

/**
 * Response: {access_token (JWT, 1 h), refresh_token, scope, expires_in: 3600, token_type: "bearer"};
 * client credentials return no refresh token (checked per grant by the suite).
 */
export const TokenResponse = z.strictObject({
  access_token: z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, "a JWT"),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().min(1),
  expires_in: z.literal(3600),
  token_type: z.literal("bearer"),
});

/** OAuth errors `{"error","error_description"}` (fortnox.md, Errors), RFC 6749's error names. */
export const OAuthError = z.strictObject({
  error: z.enum(["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope"]),
  error_description: z.string().min(1),
});

/** The consent redirects back with `code` and `state` (fortnox.md, "What sandbox/fortnox serves"). */
export const ConsentRedirect = z.strictObject({ code: z.string().min(1), state: z.string().min(1) });
/** A denied consent: RFC 6749 4.1.2.1 error redirect. */
export const ConsentDeniedRedirect = z.strictObject({ error: z.literal("access_denied"), error_description: z.string().optional(), state: z.string().min(1) });

// --- fortnox.md, "Errors" (under Bookkeeping API) ------------------------------------------

/** 400s: `{"ErrorInformation":{"error":1,"message":"...","code":2001304}}` with lower-case keys. */
export const ErrorEnvelope = z.strictObject({
  ErrorInformation: z.strictObject({ error: z.literal(1), message: z.string().min(1), code: int.positive() }),
});

/** 404s: the same envelope with `Error`/`Message`/`Code`. */
export const NotFoundEnvelope = z.strictObject({
  ErrorInformation: z.strictObject({ Error: z.literal(1), Message: z.string().min(1), Code: int.positive() }),
});

/** "a 401 is `{"message":"unauthorized"}` with no code". */
export const Unauthorized = z.strictObject({ message: z.literal("unauthorized") });

// --- fortnox.md, "Bookkeeping API": paging -------------------------------------------------

/** `MetaInformation {@TotalResources, @TotalPages, @CurrentPage}` (`@TotalPages` is 0 for an empty list). */
export const MetaInformation = z
  .strictObject({ "@TotalResources": int.nonnegative(), "@TotalPages": int.nonnegative(), "@CurrentPage": int.positive() })
  .refine((m) => (m["@TotalResources"] === 0) === (m["@TotalPages"] === 0), "@TotalPages is 0 exactly when the list is empty");

// --- fortnox.md, "Bookkeeping API": GET /3/companyinformation -------------------------------

export const CompanyInformationWrap = z.strictObject({
  CompanyInformation: z.strictObject({
    Address: z.string().optional(),
    City: z.string().optional(),
    CountryCode: z.string().optional(),
    DatabaseNumber: int.optional(),
    CompanyName: z.string().optional(),
    OrganizationNumber: z.string().optional(),
    VisitAddress: z.string().optional(),
    VisitCity: z.string().optional(),
    VisitCountryCode: z.string().optional(),
    VisitZipCode: z.string().optional(),
    ZipCode: z.string().optional(),
  }),
});

// --- fortnox.md, "Bookkeeping API": GET /3/financialyears?date= ------------------------------

/** Id is what `?financialyear=` takes; FromDate/ToDate say which dates the year holds. */
export const FinancialYear = z
  .strictObject({
    "@url": url.optional(),
    Id: int.positive(),
    FromDate: isoDate,
    ToDate: isoDate,
    AccountChartType: z.string().optional(),
    AccountingMethod: z.enum(["ACCRUAL", "CASH"]).optional(),
  })
  .refine((y) => y.FromDate <= y.ToDate, "FromDate <= ToDate");
export const FinancialYearWrap = z.strictObject({ FinancialYear });
export const FinancialYearList = z.strictObject({ MetaInformation, FinancialYears: z.array(FinancialYear) });

// --- fortnox.md, "Bookkeeping API": GET /3/accounts (+ ?financialyear=) ----------------------

const accountListFields = {
  "@url": url.optional(),
  /** "exist and are active in that financial year": Kassa reads it, so it must be there. */
  Active: z.boolean(),
  BalanceBroughtForward: z.number().optional(),
  CostCenter: z.string().optional(),
  CostCenterSettings: fieldSetting.optional(),
  Description: z.string(),
  Number: accountNumber,
  Project: z.string().optional(),
  ProjectSettings: fieldSetting.optional(),
  SRU: int.optional(),
  VATCode: z.string().optional(),
  Year: int.positive().optional(),
};
export const AccountListItem = z.strictObject(accountListFields);
export const AccountWrap = z.strictObject({
  Account: z.strictObject({
    ...accountListFields,
    BalanceCarriedForward: z.number().optional(),
    TransactionInformation: z.string().optional(),
    TransactionInformationSettings: fieldSetting.optional(),
    QuantitySettings: fieldSetting.optional(),
    QuantityUnit: z.string().optional(),
    OpeningQuantities: z.array(z.strictObject({ Balance: z.number().optional(), Project: z.string().optional() })).optional(),
  }),
});
export const AccountList = z.strictObject({ MetaInformation, Accounts: z.array(AccountListItem) });

// --- fortnox.md, "Bookkeeping API": GET /3/voucherseries -------------------------------------

const approver = z.strictObject({ Id: int.optional(), Name: z.string().optional() });
const seriesListFields = {
  "@url": url.optional(),
  Code: z.string().regex(/^[A-Za-z0-9]+$/),
  Description: z.string().optional(),
  /** Fortnox refuses API vouchers in a series that is not manual. */
  Manual: z.boolean().optional(),
  Year: int.positive().optional(),
  Approver: approver.optional(),
};
export const VoucherSeriesListItem = z.strictObject(seriesListFields);
export const VoucherSeriesWrap = z.strictObject({ VoucherSeries: z.strictObject({ ...seriesListFields, NextVoucherNumber: int.positive().optional() }) });
export const VoucherSeriesList = z.strictObject({ MetaInformation, VoucherSeriesCollection: z.array(VoucherSeriesListItem) });

// --- fortnox.md, "Bookkeeping API": GET /3/settings/lockedperiod -----------------------------

/** Everything on or before EndDate is locked; Fortnox sends "" when nothing is. */
export const LockedPeriodWrap = z.strictObject({ LockedPeriod: z.strictObject({ EndDate: z.union([isoDate, z.literal("")]) }) });

// --- fortnox.md, "Bookkeeping API": vouchers -------------------------------------------------

const referenceType = z.enum(["INVOICE", "SUPPLIERINVOICE", "INVOICEPAYMENT", "SUPPLIERPAYMENT", "MANUAL", "CASHINVOICE", "ACCRUAL"]);
/** "A voucher is identified by (financial year, series, number)": always present. */
const voucherIdentity = {
  VoucherSeries: z.string().min(1),
  VoucherNumber: int.positive(),
  Year: int.positive(),
};

/** `VoucherRows:[{"Account","Debit","Credit","TransactionInformation"?}]` plus the spec's read-only row fields. */
export const VoucherRow = z.strictObject({
  Account: accountNumber,
  Debit: kronor,
  Credit: kronor,
  TransactionInformation: z.string().max(100).optional(),
  CostCenter: z.string().optional(),
  Description: z.string().optional(),
  Project: z.string().optional(),
  Quantity: z.number().optional(),
  Removed: z.boolean().optional(),
});

const minor = (n: number) => Math.round(n * 100);

/** GET /3/vouchers/{Series}/{Number} and the 201 of POST /3/vouchers: the full voucher with rows. */
export const Voucher = z
  .strictObject({
    "@url": url.optional(),
    Description: z.string().min(1).max(200),
    TransactionDate: isoDate,
    ...voucherIdentity,
    Comments: z.string().max(1000).optional(),
    CostCenter: z.string().optional(),
    Project: z.string().optional(),
    ReferenceNumber: z.string().optional(),
    ReferenceType: referenceType.optional(),
    ApprovalState: int.optional(),
    VoucherRows: z.array(VoucherRow).min(2, "a voucher needs two rows"),
  })
  .refine(
    (v) => v.VoucherRows.reduce((s, r) => s + minor(r.Debit), 0) === v.VoucherRows.reduce((s, r) => s + minor(r.Credit), 0),
    "debits equal credits",
  );
export const VoucherWrap = z.strictObject({ Voucher });

/** List items lack rows; the generated spec lists Comments, so it may appear. */
export const VoucherListItem = z.strictObject({
  "@url": url.optional(),
  Description: z.string().min(1).max(200),
  TransactionDate: isoDate,
  ...voucherIdentity,
  Comments: z.string().max(1000).optional(),
  ReferenceNumber: z.string().optional(),
  ReferenceType: referenceType.optional(),
  ApprovalState: int.optional(),
});
export const VoucherList = z.strictObject({ MetaInformation, Vouchers: z.array(VoucherListItem) });

/** What a client POSTs: `{"Voucher":{"Description","TransactionDate","VoucherSeries","Comments"?,"VoucherRows":[...]}}`. */
export const VoucherCreateBody = z.strictObject({
  Voucher: z.strictObject({
    Description: z.string().min(1).max(200),
    TransactionDate: isoDate,
    VoucherSeries: z.string().min(1),
    Comments: z.string().max(1000).optional(),
    VoucherRows: z
      .array(z.strictObject({ Account: accountNumber, Debit: kronor, Credit: kronor, TransactionInformation: z.string().optional() }))
      .min(2),
  }),
});

/** First few issues of a failed parse, one line each: path and message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("; ");
}
