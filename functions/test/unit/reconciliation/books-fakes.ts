/** In-memory sides for the reconciliation tests: Stripe's records, coach balances, stored results, alerts. */
import type { Alert, AlertMail, AlertStore } from "../../../src/ports/alert-store";
import type { BalanceTransactionReader, StripeBalanceTxn, StripePayoutInFlight } from "../../../src/ports/balance-transactions";
import type { BookedVoucher, BookedVoucherReader } from "../../../src/ports/booked-vouchers";
import type { BooksReconciliationStore, CoachLiability, CoachLiabilityReader, DayReconciliation } from "../../../src/ports/books-reconciliation-store";
import type { Currency } from "../../../src/domain/money";

/** Stripe as balance transactions: balances are their sums, so "sum of transactions == balance" holds as at Stripe. */
export class FakeStripeBooks implements BalanceTransactionReader {
  txns: StripeBalanceTxn[] = [];
  payouts: StripePayoutInFlight[] = [];
  failing = false;
  calls = 0;
  private n = 0;

  txn(accountId: string | null, type: string, amount: number, createdMs: number, stripeFee = 0, currency: Currency = "sek"): this {
    this.txns.push({ id: `txn_${++this.n}`, accountId, type, currency, amount, net: amount - stripeFee, stripeFee, createdMs });
    return this;
  }
  /** A payout: its balance transaction when created, and its state now. */
  payout(accountId: string | null, amount: number, createdMs: number, status: string, arrivalMs: number): this {
    this.payouts.push({ id: `po_${++this.n}`, accountId, currency: "sek", amount, createdMs, status, arrivalMs });
    return this.txn(accountId, "payout", -amount, createdMs);
  }
  private check() {
    this.calls++;
    if (this.failing) throw new Error("Stripe did not answer (HTTP 503)");
  }
  async transactionsSince(accountId: string | null, sinceMs: number) {
    this.check();
    return this.txns.filter((t) => t.accountId === accountId && t.createdMs >= sinceMs).sort((a, b) => b.createdMs - a.createdMs);
  }
  async balance(accountId: string | null) {
    this.check();
    const out: Partial<Record<Currency, number>> = {};
    for (const t of this.txns) if (t.accountId === accountId) out[t.currency] = (out[t.currency] ?? 0) + t.net;
    return out;
  }
  async recentPayouts(accountId: string | null, sinceMs: number) {
    this.check();
    return this.payouts.filter((p) => p.accountId === accountId && (p.createdMs >= sinceMs || p.status === "pending" || p.status === "in_transit"));
  }
}

export class FakeCoachLiabilities implements CoachLiabilityReader {
  list: CoachLiability[] = [];
  async coachLiabilities() {
    return this.list.map((c) => ({ ...c }));
  }
}

export class InMemoryBooksStore implements BooksReconciliationStore {
  saved = new Map<string, DayReconciliation>();
  async save(r: DayReconciliation) {
    this.saved.set(r.id, structuredClone(r));
  }
  async get(day: string, currency: Currency) {
    return this.saved.get(`${day}_${currency}`) ?? null;
  }
  async latest(limit: number) {
    return [...this.saved.values()].sort((a, b) => b.day.localeCompare(a.day)).slice(0, limit);
  }
}

export class InMemoryBookedVouchers implements BookedVoucherReader {
  vouchers: BookedVoucher[] = [];
  async bookedBetween(from: string, to: string) {
    return this.vouchers.filter((v) => v.transactionDate >= from && v.transactionDate <= to);
  }
  async bookedForDay(day: string) {
    return this.vouchers.filter((v) => v.day === day);
  }
}

export class InMemoryAlertStore implements AlertStore {
  alerts = new Map<string, Alert>();
  async create(alert: Alert) {
    if (this.alerts.has(alert.id)) return false;
    this.alerts.set(alert.id, alert);
    return true;
  }
  async acknowledge() {
    return null;
  }
  async mailRecipients() {
    return [];
  }
  async addMail(_id: string, _mail: AlertMail) {}
  async runningJobs() {
    return [];
  }
}
