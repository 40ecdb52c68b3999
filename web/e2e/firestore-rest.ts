/**
 * Firestore emulator REST with the emulator's admin bypass ("Bearer owner"), so browser tests
 * can arrange data without the Admin SDK. Values: strings, integers, booleans, dates
 * (timestamps), arrays, maps.
 */
import assert from "node:assert/strict";

export const FIRESTORE = `http://${process.env["FIRESTORE_EMULATOR_HOST"] ?? "127.0.0.1:8080"}/v1/projects/demo-kassa/databases/(default)/documents`;

export type Value = string | number | boolean | null | Date | Value[] | { [k: string]: Value };

export const encode = (v: Value): unknown =>
  v === null
    ? { nullValue: null }
    : v instanceof Date
      ? { timestampValue: v.toISOString() }
    : typeof v === "string"
      ? { stringValue: v }
      : typeof v === "boolean"
        ? { booleanValue: v }
        : typeof v === "number"
          ? { integerValue: String(v) }
          : Array.isArray(v)
            ? { arrayValue: { values: v.map(encode) } }
            : { mapValue: { fields: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)])) } };

export const fields = (data: Record<string, Value>) => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, encode(v)]));

/** Creates or replaces the document (or, with `mask`, only those fields). */
export async function writeDoc(path: string, data: Record<string, Value>, mask?: string[]): Promise<void> {
  const q = mask ? `?${mask.map((m) => `updateMask.fieldPaths=${encodeURIComponent(m)}`).join("&")}` : "";
  const res = await fetch(`${FIRESTORE}/${path}${q}`, {
    method: "PATCH",
    headers: { Authorization: "Bearer owner", "Content-Type": "application/json" },
    body: JSON.stringify({ fields: fields(data) }),
  });
  assert.ok(res.ok, `writing ${path}: ${res.status} ${await res.text()}`);
}

/**
 * A ledger entry as the money store writes it: with its day and `recordedAt`, the commit time
 * the accounting sync reads new entries by (an entry without it is invisible to every run after
 * the first). The emulator's sync waits 2 s after a commit before reading it; so does this.
 */
export async function writeLedgerEntry(data: Record<string, Value> & { id: string }): Promise<void> {
  await writeDoc(`ledger/${data.id}`, { ...data, recordedAt: new Date() });
  await new Promise((r) => setTimeout(r, 2500));
}

export const deleteDoc = (path: string) => fetch(`${FIRESTORE}/${path}`, { method: "DELETE", headers: { Authorization: "Bearer owner" } });

/** The Stockholm calendar day `offset` days from today, and an instant at its midday. */
export function stockholmDay(offset = 0): { day: string; at: number } {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Stockholm" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  // 10:00 UTC is 11:00 or 12:00 in Stockholm: safely inside the day either way.
  return { day: d.toISOString().slice(0, 10), at: d.getTime() + 10 * 3600_000 };
}
