import { dayOf } from "../../src/domain/calendar-day";
import type { LedgerEntry } from "../../src/domain/ledger-entries";
import type { LedgerReader } from "../../src/ports/ledger-reader";

/** The ledger as the payments engineer writes it: entries keyed by their Stockholm day. */
export class InMemoryLedgerReader implements LedgerReader {
  readonly entries: (LedgerEntry & { day: string })[] = [];

  add(...entries: LedgerEntry[]): this {
    for (const e of entries) this.entries.push({ ...e, day: dayOf(e.occurredAt) });
    return this;
  }
  async entriesOfDay(day: string) {
    return this.entries.filter((e) => e.day === day).map(({ day: _d, ...e }) => e);
  }
  async earliestDay() {
    return this.entries.map((e) => e.day).sort()[0] ?? null;
  }
}
