/**
 * AccountingGateway over Fortnox's bookkeeping API. The only place öre become decimal
 * kronor ("123.45", via minorToDecimalString) and back.
 */
import type { VoucherRow } from "../../domain/accounting";
import { minorToDecimalString } from "../../domain/money";
import type {
  AccountingGateway,
  BookkeepingAccount,
  FinancialYear,
  PostedVoucher,
  PostedVoucherRef,
  VoucherToPost,
} from "../../ports/accounting-gateway";
import { isDomainError } from "../../domain/errors";
import type { FortnoxApiClient } from "./fortnox-api-client";

interface FxYear {
  Id: number;
  FromDate: string;
  ToDate: string;
}
interface FxVoucherRow {
  Account: number;
  Debit: number;
  Credit: number;
  TransactionInformation?: string;
}
interface FxVoucher {
  Description: string;
  TransactionDate: string;
  VoucherSeries: string;
  VoucherNumber: number;
  Year: number;
  VoucherRows?: FxVoucherRow[];
}
interface FxMeta {
  "@TotalPages"?: number;
  "@CurrentPage"?: number;
}

/** Kronor from Fortnox (a JSON number with at most two decimals) -> öre, without float drift. */
export function decimalToMinor(value: number | string): number {
  const text = typeof value === "number" ? value.toFixed(2) : value;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new Error(`not a kronor amount: ${text}`);
  const minor = Number(m[2]) * 100 + Number((m[3] ?? "0").padEnd(2, "0"));
  return m[1] ? -minor : minor;
}

const toRef = (v: FxVoucher, financialYearId: number): PostedVoucherRef => ({
  financialYearId,
  series: v.VoucherSeries,
  number: v.VoucherNumber,
  description: v.Description,
  transactionDate: v.TransactionDate,
});

/** Fortnox caps a page at 500. */
const PAGE_LIMIT = 500;

export class FortnoxGateway implements AccountingGateway {
  constructor(private readonly api: FortnoxApiClient) {}

  async financialYearFor(date: string): Promise<FinancialYear | null> {
    const res = await this.api.request<{ FinancialYears?: FxYear[] }>("GET", "/financialyears", "the financial year lookup", {
      params: { date },
    });
    const y = res.FinancialYears?.[0];
    return y ? { id: y.Id, fromDate: y.FromDate, toDate: y.ToDate } : null;
  }

  async accounts(financialYearId: number): Promise<BookkeepingAccount[]> {
    const out: BookkeepingAccount[] = [];
    for (let page = 1; ; page++) {
      const res = await this.api.request<{
        Accounts?: { Number: number; Description: string; Active: boolean }[];
        MetaInformation?: FxMeta;
      }>("GET", "/accounts", "the chart of accounts", { params: { financialyear: financialYearId, page, limit: PAGE_LIMIT } });
      for (const a of res.Accounts ?? []) out.push({ number: a.Number, description: a.Description, active: a.Active });
      if (page >= (res.MetaInformation?.["@TotalPages"] ?? 1)) return out;
    }
  }

  async lockedPeriodEnd(): Promise<string | null> {
    const res = await this.api.request<{ LockedPeriod?: { EndDate?: string } }>("GET", "/settings/lockedperiod", "the locked period");
    return res.LockedPeriod?.EndDate || null;
  }

  async postVoucher(financialYearId: number, voucher: VoucherToPost): Promise<PostedVoucherRef> {
    const body = {
      Voucher: {
        Description: voucher.description,
        TransactionDate: voucher.transactionDate,
        VoucherSeries: voucher.series,
        ...(voucher.comments ? { Comments: voucher.comments.slice(0, 1000) } : {}),
        VoucherRows: voucher.rows.map((r) => ({
          Account: r.account,
          // Two-decimal strings from integer öre; as JSON numbers they serialise to exactly that.
          Debit: Number(minorToDecimalString(r.debit)),
          Credit: Number(minorToDecimalString(r.credit)),
          ...(r.info ? { TransactionInformation: r.info } : {}),
        })),
      },
    };
    const res = await this.api.request<{ Voucher: FxVoucher }>("POST", "/vouchers", `voucher "${voucher.description}"`, {
      params: { financialyear: financialYearId },
      data: body,
    });
    return toRef(res.Voucher, financialYearId);
  }

  async listVouchers(q: { financialYearId: number; series: string; fromDate: string; toDate: string }): Promise<PostedVoucherRef[]> {
    const out: PostedVoucherRef[] = [];
    for (let page = 1; ; page++) {
      const res = await this.api.request<{ Vouchers?: FxVoucher[]; MetaInformation?: FxMeta }>(
        "GET",
        `/vouchers/sublist/${encodeURIComponent(q.series)}`,
        "the voucher list",
        { params: { financialyear: q.financialYearId, fromdate: q.fromDate, todate: q.toDate, page, limit: PAGE_LIMIT } },
      );
      for (const v of res.Vouchers ?? []) out.push(toRef(v, q.financialYearId));
      if (page >= (res.MetaInformation?.["@TotalPages"] ?? 1)) return out;
    }
  }

  async getVoucher(financialYearId: number, series: string, number: number): Promise<PostedVoucher | null> {
    try {
      const res = await this.api.request<{ Voucher: FxVoucher }>(
        "GET",
        `/vouchers/${encodeURIComponent(series)}/${number}`,
        `voucher ${series}-${number}`,
        { params: { financialyear: financialYearId } },
      );
      const rows: VoucherRow[] = (res.Voucher.VoucherRows ?? []).map((r) => ({
        account: r.Account,
        debit: decimalToMinor(r.Debit),
        credit: decimalToMinor(r.Credit),
        ...(r.TransactionInformation ? { info: r.TransactionInformation } : {}),
      }));
      return { ...toRef(res.Voucher, financialYearId), rows };
    } catch (error) {
      if (isDomainError(error) && error.details?.["status"] === 404) return null;
      throw error;
    }
  }
}
