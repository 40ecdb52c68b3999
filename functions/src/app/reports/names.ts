/**
 * Names beside ids in CSV files: one lookup per page of rows for the ids not seen yet, so an
 * export of 50,000 payments by 40 coaches reads each coach's profile once, not 50,000 times.
 */
import type { NameBook } from "../../ports/name-book";
import type { DatedEntry, PaymentExportRow, PayoutExportRow } from "../../ports/report-store";

/** What the CSV formatters ask: a name or title for an id, "" when there is none. */
export interface Names {
  person(uid: string | null): string;
  program(id: string | null): string;
}

export const NO_NAMES: Names = { person: () => "", program: () => "" };

export class NameCache implements Names {
  private readonly people = new Map<string, string>();
  private readonly programs = new Map<string, string>();

  constructor(private readonly book: NameBook) {}

  /** Looks up the ids of these rows that were not looked up before. */
  async learn(ask: { uids: readonly (string | null)[]; programIds: readonly (string | null)[] }): Promise<this> {
    const uids = unseen(ask.uids, this.people);
    const programIds = unseen(ask.programIds, this.programs);
    if (uids.length === 0 && programIds.length === 0) return this;
    const found = await this.book.names({ uids, programIds });
    // An id without a name is remembered as "", so it is not asked again.
    for (const uid of uids) this.people.set(uid, found.people.get(uid) ?? "");
    for (const id of programIds) this.programs.set(id, found.programs.get(id) ?? "");
    return this;
  }

  person(uid: string | null): string {
    return uid ? (this.people.get(uid) ?? "") : "";
  }

  program(id: string | null): string {
    return id ? (this.programs.get(id) ?? "") : "";
  }
}

function unseen(ids: readonly (string | null)[], known: ReadonlyMap<string, string>): string[] {
  return [...new Set(ids.filter((id): id is string => Boolean(id) && !known.has(id!)))];
}

/** The ids each kind of file names. */
/**
 * A coach's own export (`customers: false`) names their programs but not their customers: the
 * coach's pages show no customer's name either, and the file must not tell them more.
 */
export const idsOfPayments = (rows: readonly PaymentExportRow[], customers = true) => ({
  uids: rows.flatMap((p) => (customers ? [p.userId, p.coachId] : [p.coachId])),
  programIds: rows.map((p) => p.programId),
});
export const idsOfPayouts = (rows: readonly PayoutExportRow[]) => ({ uids: rows.map((p) => p.coachId), programIds: [] });
export const idsOfLedger = (entries: readonly DatedEntry[]) => ({ uids: entries.map((e) => e.refs.coachId ?? null), programIds: [] });
