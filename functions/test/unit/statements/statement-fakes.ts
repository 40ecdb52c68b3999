/** Statements in memory, with transactions that run one at a time as Firestore's serialise on the counter document. */
import type { PayoutStatement } from "../../../src/domain/statements/payout-statement";
import type { PaymentRecord } from "../../../src/ports/money-store";
import type { PayoutRecord } from "../../../src/ports/payout-store";
import type { StatementSources, StatementStore } from "../../../src/ports/statement-store";

export class InMemoryStatements implements StatementStore, StatementSources {
  statements = new Map<string, PayoutStatement>();
  counters = new Map<number, number>();
  payouts = new Map<string, PayoutRecord>();
  paymentDocs = new Map<string, PaymentRecord>();
  /** Fail the next n writes after make(): a transaction that aborts writes nothing. */
  abortNext = 0;
  private queue: Promise<unknown> = Promise.resolve();

  async get(payoutId: string) {
    return this.statements.get(payoutId) ?? null;
  }
  issue(payoutId: string, year: number, make: (sequence: number) => PayoutStatement) {
    const run = this.queue.then(async () => {
      await new Promise((r) => setImmediate(r));
      const existing = this.statements.get(payoutId);
      if (existing) return { statement: existing, created: false };
      const sequence = (this.counters.get(year) ?? 0) + 1;
      const statement = make(sequence);
      if (this.abortNext > 0) {
        this.abortNext--;
        throw new Error("transaction aborted (contention)");
      }
      this.statements.set(payoutId, structuredClone(statement));
      this.counters.set(year, sequence);
      return { statement, created: true };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
  async forCoach(coachId: string, limit: number) {
    return [...this.statements.values()].filter((s) => s.coachId === coachId).sort((a, b) => b.paidAt - a.paidAt).slice(0, limit);
  }
  async payout(id: string) {
    return this.payouts.get(id) ?? null;
  }
  async payments(ids: readonly string[]) {
    return ids.flatMap((id) => this.paymentDocs.get(id) ?? []);
  }
}
