import { resolveYear } from "./bookkeeping.js";
import type { SandboxContext } from "./context.js";
import { FortnoxCode, FortnoxError } from "./errors.js";
import { json, parseJson, type Reply } from "./http.js";
import { paginate } from "./paging.js";
import type { Voucher } from "./state.js";
import { isIsoDate, kronor, validateVoucher } from "./validation.js";

/** POST /3/vouchers: validate, number within (year, series), store, answer the full voucher. */
export function createVoucher(ctx: SandboxContext, query: URLSearchParams, bodyText: string): Reply | FortnoxError {
  const body = parseJson(bodyText);
  if (body === undefined) return new FortnoxError(400, FortnoxCode.malformedBody, "Body must be JSON");
  const s = ctx.store.state;
  const draft = validateVoucher(body, {
    financialYearParam: query.get("financialyear"),
    financialYears: s.financialYears,
    preselectedFinancialYearId: s.preselectedFinancialYearId,
    accounts: s.accounts,
    voucherSeries: s.voucherSeries,
    lockedPeriodEnd: s.lockedPeriodEnd,
  });
  if (draft instanceof FortnoxError) return draft;
  // Numbers are gapless per (year, series) because vouchers are never deleted.
  const number = s.vouchers.filter((v) => v.year === draft.year && v.series === draft.series).length + 1;
  const voucher: Voucher = { ...draft, number, createdAt: new Date(ctx.store.nowMs()).toISOString() };
  s.vouchers.push(voucher);
  ctx.store.save();
  return json(201, { Voucher: voucherJson(ctx, voucher) });
}

export function getVoucher(ctx: SandboxContext, series: string, number: string, query: URLSearchParams): Reply | FortnoxError {
  const year = resolveYear(ctx, query);
  if (year instanceof FortnoxError) return year;
  const voucher = ctx.store.state.vouchers.find((v) => v.year === year.id && v.series === series && String(v.number) === number);
  if (!voucher) return new FortnoxError(404, FortnoxCode.notFound, `Verifikation ${series}${number} hittades inte i räkenskapsår ${year.id}`);
  return json(200, { Voucher: voucherJson(ctx, voucher) });
}

/** GET /3/vouchers and /3/vouchers/sublist/{series}: list items without rows and comments, paged. */
export function listVouchers(ctx: SandboxContext, query: URLSearchParams, series?: string): Reply | FortnoxError {
  const year = resolveYear(ctx, query);
  if (year instanceof FortnoxError) return year;
  const from = query.get("fromdate");
  const to = query.get("todate");
  for (const d of [from, to]) if (d !== null && d !== "" && !isIsoDate(d)) return new FortnoxError(400, FortnoxCode.invalidParameter, "fromdate and todate must be YYYY-MM-DD");
  if (series !== undefined && !ctx.store.state.voucherSeries.some((s) => s.code === series)) {
    return new FortnoxError(404, FortnoxCode.notFound, `Verifikationsserien ${series} hittades inte`);
  }
  const matching = ctx.store.state.vouchers
    .filter((v) => v.year === year.id && (series === undefined || v.series === series))
    .filter((v) => (!from || v.transactionDate >= from) && (!to || v.transactionDate <= to))
    .sort((a, b) => a.series.localeCompare(b.series) || a.number - b.number);
  const page = paginate(matching, query);
  if (page instanceof FortnoxError) return page;
  return json(200, { MetaInformation: page.meta, Vouchers: page.items.map((v) => voucherListItem(ctx, v)) });
}

function voucherUrl(ctx: SandboxContext, v: Voucher): string {
  return `${ctx.config.publicUrl}/3/vouchers/${v.series}/${v.number}?financialyear=${v.year}`;
}

function voucherListItem(ctx: SandboxContext, v: Voucher): Record<string, unknown> {
  return {
    "@url": voucherUrl(ctx, v),
    ApprovalState: 0,
    Description: v.description,
    ReferenceNumber: "",
    ReferenceType: "MANUAL",
    TransactionDate: v.transactionDate,
    VoucherNumber: v.number,
    VoucherSeries: v.series,
    Year: v.year,
  };
}

function voucherJson(ctx: SandboxContext, v: Voucher): Record<string, unknown> {
  const accounts = new Map(ctx.store.state.accounts.map((a) => [a.number, a.description]));
  return {
    ...voucherListItem(ctx, v),
    Comments: v.comments,
    CostCenter: "",
    Project: "",
    VoucherRows: v.rows.map((r) => ({
      Account: r.account,
      CostCenter: "",
      Credit: kronor(r.creditMinor),
      Debit: kronor(r.debitMinor),
      Description: accounts.get(r.account) ?? "",
      Project: "",
      Quantity: 0,
      Removed: false,
      TransactionInformation: r.transactionInformation,
    })),
  };
}
