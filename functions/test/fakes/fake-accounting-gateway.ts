import type { VoucherRow } from "../../src/domain/accounting";
import { DomainError } from "../../src/domain/errors";
import {
  reconnectError,
  type AccountingGateway,
  type BookkeepingAccount,
  type FinancialYear,
  type PostedVoucher,
  type PostedVoucherRef,
  type VoucherToPost,
} from "../../src/ports/accounting-gateway";

interface Stored extends PostedVoucher {
  comments?: string;
}

/**
 * Fortnox in memory with its rules that matter to the sync: financial years, a locked
 * period, the chart of accounts, sequential numbers per (year, series), and scripted faults.
 */
export class FakeAccountingGateway implements AccountingGateway {
  years: FinancialYear[] = [{ id: 1, fromDate: "2026-01-01", toDate: "2026-12-31" }];
  lockedThrough: string | null = null;
  chart: BookkeepingAccount[] = [1580, 1930, 2611, 2890, 3041, 3960, 6570, 7960].map((n) => ({ number: n, description: `Account ${n}`, active: true }));
  stored: Stored[] = [];
  calls: string[] = [];
  revoked = false;
  /** Scripted outcomes of the next POSTs: "ambiguous_after" stores the voucher, then throws like a 5xx. */
  postFaults: ("ambiguous_after" | "ambiguous_before")[] = [];
  listFails = 0;

  private check(): void {
    if (this.revoked) throw reconnectError("invalid_grant");
  }

  async financialYearFor(date: string) {
    this.calls.push(`GET financialyears ${date}`);
    this.check();
    return this.years.find((y) => y.fromDate <= date && date <= y.toDate) ?? null;
  }
  async accounts() {
    this.calls.push("GET accounts");
    this.check();
    return this.chart.map((a) => ({ ...a }));
  }
  async lockedPeriodEnd() {
    this.calls.push("GET lockedperiod");
    this.check();
    return this.lockedThrough;
  }
  async postVoucher(financialYearId: number, v: VoucherToPost): Promise<PostedVoucherRef> {
    this.calls.push(`POST vouchers ${v.description}`);
    this.check();
    const fault = this.postFaults.shift();
    if (fault === "ambiguous_before") throw new DomainError("provider_unavailable", "Fortnox did not answer (HTTP 503)", undefined, { ambiguous: true, status: 503 });
    if (this.lockedThrough && v.transactionDate <= this.lockedThrough) {
      throw new DomainError("provider_rejected", "Fortnox refused: Perioden är låst", undefined, { code: 2000401, status: 400 });
    }
    for (const r of v.rows) {
      const a = this.chart.find((c) => c.number === r.account);
      if (!a) throw new DomainError("provider_rejected", `Fortnox refused: Kontot ${r.account} finns inte`, undefined, { code: 2001304, status: 400 });
    }
    const debit = v.rows.reduce((s, r) => s + r.debit, 0);
    const credit = v.rows.reduce((s, r) => s + r.credit, 0);
    if (debit !== credit) throw new DomainError("provider_rejected", "unbalanced", undefined, { code: 2000586 });
    const number = this.stored.filter((s) => s.financialYearId === financialYearId && s.series === v.series).length + 1;
    const stored: Stored = {
      financialYearId,
      series: v.series,
      number,
      description: v.description,
      transactionDate: v.transactionDate,
      rows: v.rows.map((r: VoucherRow) => ({ ...r })),
      ...(v.comments ? { comments: v.comments } : {}),
    };
    this.stored.push(stored);
    if (fault === "ambiguous_after") throw new DomainError("provider_unavailable", "Fortnox did not answer (timeout)", undefined, { ambiguous: true });
    return { financialYearId, series: v.series, number, description: v.description, transactionDate: v.transactionDate };
  }
  async listVouchers(q: { financialYearId: number; series: string; fromDate: string; toDate: string }) {
    this.calls.push(`GET vouchers ${q.fromDate}`);
    this.check();
    if (this.listFails > 0) {
      this.listFails--;
      throw new DomainError("provider_unavailable", "Fortnox did not answer the voucher list (HTTP 500)", undefined, { ambiguous: false, status: 500 });
    }
    return this.stored
      .filter((s) => s.financialYearId === q.financialYearId && s.series === q.series && s.transactionDate >= q.fromDate && s.transactionDate <= q.toDate)
      .map(({ rows: _r, comments: _c, ...ref }) => ref);
  }
  async getVoucher(financialYearId: number, series: string, number: number) {
    this.calls.push(`GET voucher ${series}-${number}`);
    return this.stored.find((s) => s.financialYearId === financialYearId && s.series === series && s.number === number) ?? null;
  }
  posts(): number {
    return this.calls.filter((c) => c.startsWith("POST")).length;
  }
}
