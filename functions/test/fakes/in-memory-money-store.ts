import { addAmounts, emptyCoachBalance, type CoachBalance } from "../../src/domain/balances";
import type { LedgerEntry } from "../../src/domain/ledger-entries";
import type { Currency } from "../../src/domain/money";
import type { MoneyStore, MoneyTx, PaymentRecord } from "../../src/ports/money-store";
import { InMemoryRollupStore } from "./in-memory-rollup-store";

const clone = <T>(v: T): T => structuredClone(v);

/**
 * In-memory MoneyStore with the same all-or-nothing semantics as the Firestore adapter:
 * writes are applied only if the function resolves, and creating an existing entry fails.
 */
export class InMemoryMoneyStore implements MoneyStore {
  readonly payments = new Map<string, PaymentRecord>();
  readonly entries = new Map<string, LedgerEntry>();
  readonly balances = new Map<string, CoachBalance>();
  /** The revenue rollups, moved by committed transactions only. */
  readonly rollups = new InMemoryRollupStore();
  reads = 0;
  writes = 0;

  async transact<T>(fn: (tx: MoneyTx) => Promise<T>): Promise<T> {
    const queued: (() => void)[] = [];
    const pendingIds = new Set<string>();
    const tx: MoneyTx = {
      getPayment: async (id) => {
        this.reads++;
        const p = this.payments.get(id);
        return p ? clone(p) : null;
      },
      getBalance: async (coachId, currency) => {
        this.reads++;
        return clone(
          this.balances.get(`${coachId}_${currency}`) ?? emptyCoachBalance(coachId, currency),
        );
      },
      getEntries: async (ids) => {
        this.reads += ids.length;
        return ids.flatMap((id) => (this.entries.has(id) ? [clone(this.entries.get(id)!)] : []));
      },
      setPayment: (p) => queued.push(() => this.payments.set(p.id, clone(p))),
      createEntry: (e) => {
        if (this.entries.has(e.id) || pendingIds.has(e.id))
          throw new Error(`ledger entry ${e.id} already exists`);
        pendingIds.add(e.id);
        queued.push(() => this.entries.set(e.id, clone(e)));
      },
      addToBalance: (coachId, currency, delta) =>
        queued.push(() => {
          const key = `${coachId}_${currency}`;
          this.balances.set(key, addAmounts(this.balances.get(key) ?? emptyCoachBalance(coachId, currency), delta));
        }),
      addToRollups: (deltas) => queued.push(() => this.rollups.apply(structuredClone(deltas))),
    };
    const result = await fn(tx);
    for (const write of queued) write();
    this.writes += queued.length;
    return result;
  }

  balance(coachId: string, currency: Currency = "sek"): CoachBalance {
    return this.balances.get(`${coachId}_${currency}`) ?? emptyCoachBalance(coachId, currency);
  }
}
