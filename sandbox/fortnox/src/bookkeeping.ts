import type { SandboxContext } from "./context.js";
import { FortnoxCode, FortnoxError } from "./errors.js";
import { json, type Reply } from "./http.js";
import { paginate } from "./paging.js";
import type { Account, FinancialYear, VoucherSeries } from "./state.js";
import { isIsoDate } from "./validation.js";

/** Read-only endpoints around the vouchers: company, years, chart of accounts, series, locked period. */

export function companyInformation(ctx: SandboxContext): Reply {
  return json(200, {
    CompanyInformation: {
      Address: "Sandlådegatan 1",
      City: "Stockholm",
      CountryCode: "SE",
      DatabaseNumber: Number(ctx.config.tenantId),
      CompanyName: "Kassa Sandbox AB",
      OrganizationNumber: "559999-0001",
      VisitAddress: "Sandlådegatan 1",
      VisitCity: "Stockholm",
      VisitCountryCode: "SE",
      VisitZipCode: "111 22",
      ZipCode: "111 22",
    },
  });
}

export function listFinancialYears(ctx: SandboxContext, query: URLSearchParams): Reply | FortnoxError {
  const date = query.get("date");
  if (date !== null && !isIsoDate(date)) return new FortnoxError(400, FortnoxCode.invalidParameter, "date must be YYYY-MM-DD");
  const years = ctx.store.state.financialYears.filter((y) => date === null || (y.fromDate <= date && date <= y.toDate));
  const page = paginate(years, query);
  if (page instanceof FortnoxError) return page;
  return json(200, { MetaInformation: page.meta, FinancialYears: page.items.map((y) => yearJson(ctx, y)) });
}

export function getFinancialYear(ctx: SandboxContext, id: string): Reply | FortnoxError {
  const year = ctx.store.state.financialYears.find((y) => String(y.id) === id);
  if (!year) return new FortnoxError(404, FortnoxCode.notFound, `Räkenskapsår ${id} hittades inte`);
  return json(200, { FinancialYear: yearJson(ctx, year) });
}

/** The year asked for with `financialyear`, or else the company's preselected year (Fortnox's default). */
export function resolveYear(ctx: SandboxContext, query: URLSearchParams): FinancialYear | FortnoxError {
  const param = query.get("financialyear");
  const s = ctx.store.state;
  const wanted = param === null || param === "" ? String(s.preselectedFinancialYearId) : param;
  return s.financialYears.find((y) => String(y.id) === wanted) ?? new FortnoxError(400, FortnoxCode.noFinancialYear, `Räkenskapsår ${wanted} finns inte`);
}

export function listAccounts(ctx: SandboxContext, query: URLSearchParams): Reply | FortnoxError {
  const year = resolveYear(ctx, query);
  if (year instanceof FortnoxError) return year;
  const page = paginate(ctx.store.state.accounts, query);
  if (page instanceof FortnoxError) return page;
  return json(200, { MetaInformation: page.meta, Accounts: page.items.map((a) => accountListItem(ctx, a, year.id)) });
}

export function getAccount(ctx: SandboxContext, number: string, query: URLSearchParams): Reply | FortnoxError {
  const year = resolveYear(ctx, query);
  if (year instanceof FortnoxError) return year;
  const account = ctx.store.state.accounts.find((a) => String(a.number) === number);
  if (!account) return new FortnoxError(404, FortnoxCode.accountNotFound, `Kontot ${number} hittades inte`);
  return json(200, { Account: accountJson(ctx, account, year.id) });
}

export function listVoucherSeries(ctx: SandboxContext, query: URLSearchParams): Reply | FortnoxError {
  const year = resolveYear(ctx, query);
  if (year instanceof FortnoxError) return year;
  const page = paginate(ctx.store.state.voucherSeries, query);
  if (page instanceof FortnoxError) return page;
  return json(200, { MetaInformation: page.meta, VoucherSeriesCollection: page.items.map((s) => seriesListItem(ctx, s, year.id)) });
}

export function getVoucherSeries(ctx: SandboxContext, code: string, query: URLSearchParams): Reply | FortnoxError {
  const year = resolveYear(ctx, query);
  if (year instanceof FortnoxError) return year;
  const series = ctx.store.state.voucherSeries.find((s) => s.code === code);
  if (!series) return new FortnoxError(404, FortnoxCode.notFound, `Verifikationsserien ${code} hittades inte`);
  return json(200, { VoucherSeries: seriesJson(ctx, series, year.id) });
}

export function lockedPeriod(ctx: SandboxContext): Reply {
  // Fortnox answers an empty EndDate when nothing is locked.
  return json(200, { LockedPeriod: { EndDate: ctx.store.state.lockedPeriodEnd ?? "" } });
}

function yearJson(ctx: SandboxContext, y: FinancialYear): Record<string, unknown> {
  return {
    "@url": `${ctx.config.publicUrl}/3/financialyears/${y.id}`,
    Id: y.id,
    FromDate: y.fromDate,
    ToDate: y.toDate,
    AccountChartType: `BAS ${y.fromDate.slice(0, 4)}`,
    AccountingMethod: "ACCRUAL",
  };
}

/** List items carry fewer fields than the single account (Fortnox's spec: AccountListItem). */
function accountListItem(ctx: SandboxContext, a: Account, year: number): Record<string, unknown> {
  return {
    "@url": `${ctx.config.publicUrl}/3/accounts/${a.number}?financialyear=${year}`,
    Active: a.active,
    BalanceBroughtForward: 0,
    CostCenter: "",
    CostCenterSettings: "ALLOWED",
    Description: a.description,
    Number: a.number,
    Project: "",
    ProjectSettings: "ALLOWED",
    SRU: 0,
    VATCode: "",
    Year: year,
  };
}

function accountJson(ctx: SandboxContext, a: Account, year: number): Record<string, unknown> {
  return {
    ...accountListItem(ctx, a, year),
    BalanceCarriedForward: 0,
    TransactionInformation: "",
    TransactionInformationSettings: "ALLOWED",
  };
}

/** List items have no NextVoucherNumber (Fortnox's spec: VoucherSeriesListItem). */
function seriesListItem(ctx: SandboxContext, s: VoucherSeries, year: number): Record<string, unknown> {
  return {
    "@url": `${ctx.config.publicUrl}/3/voucherseries/${s.code}?financialyear=${year}`,
    Code: s.code,
    Description: s.description,
    Manual: s.manual,
    Year: year,
  };
}

function seriesJson(ctx: SandboxContext, s: VoucherSeries, year: number): Record<string, unknown> {
  const used = ctx.store.state.vouchers.filter((v) => v.year === year && v.series === s.code).length;
  return { ...seriesListItem(ctx, s, year), NextVoucherNumber: used + 1 };
}
