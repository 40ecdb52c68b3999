import { dayOf } from "../../src/domain/calendar-day";
import type { LedgerEntry } from "../../src/domain/ledger-entries";
import type { AccountingLedger } from "../../src/ports/accounting-ledger";
import type { Clock } from "../../src/ports/clock";

/**
 * The ledger as the money store writes it: each entry with its Stockholm day and recordedAt,
 * the time it was committed. `add` commits now (by the clock); `addRecordedAt` lets a test
 * commit an entry with any recordedAt, e.g. a transaction that committed late.
 */
export class InMemoryAccountingLedger implements AccountingLedger {
  readonly rows: { entry: LedgerEntry; day: string; recordedAt: number }[] = [];
  private readonly ids = new Set<string>();

  constructor(private readonly clock: Clock) {}

  add(...entries: LedgerEntry[]): this {
    return this.addRecordedAt(this.clock.now().getTime(), ...entries);
  }
  addRecordedAt(recordedAt: number, ...entries: LedgerEntry[]): this {
    for (const entry of entries) {
      if (this.ids.has(entry.id)) throw new Error(`ledger entry ${entry.id} exists`);
      this.ids.add(entry.id);
      this.rows.push({ entry: structuredClone(entry), day: dayOf(entry.occurredAt), recordedAt });
    }
    return this;
  }
  async entriesRecordedBetween(afterMs: number, throughMs: number) {
    return this.rows.filter((r) => r.recordedAt > afterMs && r.recordedAt <= throughMs).map((r) => ({ entry: structuredClone(r.entry), recordedAtMs: r.recordedAt }));
  }
  async allEntries() {
    return this.rows.map((r) => ({ entry: structuredClone(r.entry), recordedAtMs: r.recordedAt }));
  }
  async entriesOfDay(day: string) {
    return this.rows.filter((r) => r.day === day).map((r) => structuredClone(r.entry));
  }
  has(id: string): boolean {
    return this.ids.has(id);
  }
  all(): LedgerEntry[] {
    return this.rows.map((r) => r.entry);
  }
}
