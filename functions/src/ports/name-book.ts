/**
 * People's names and programs' titles by id, for files people read (CSV exports put the name
 * beside each id). What a reader of the file needs, not what the money depends on: an id
 * without a profile or title is simply left out of the answer.
 */
export interface NameBook {
  names(ask: { uids: readonly string[]; programIds: readonly string[] }): Promise<{ people: ReadonlyMap<string, string>; programs: ReadonlyMap<string, string> }>;
}
