import assert from "node:assert/strict";
import { NameCache, NO_NAMES } from "../../../src/app/reports/names";
import { csvChunks } from "../../../src/app/exports/csv-kinds";
import type { NameBook } from "../../../src/ports/name-book";
import { ArrayExportRowSource } from "../../fakes/in-memory-export-io";

/** A name book that records what it was asked. */
function book(people: Record<string, string>, programs: Record<string, string> = {}) {
  const calls: { uids: string[]; programIds: string[] }[] = [];
  const b: NameBook = {
    names: async (ask) => {
      calls.push({ uids: [...ask.uids], programIds: [...ask.programIds] });
      return {
        people: new Map(ask.uids.filter((u) => u in people).map((u) => [u, people[u]!])),
        programs: new Map(ask.programIds.filter((p) => p in programs).map((p) => [p, programs[p]!])),
      };
    },
  };
  return { b, calls };
}

describe("NameCache: names beside ids", () => {
  it("asks only for ids it has not seen, once each, and not at all when nothing is new", async () => {
    const { b, calls } = book({ c1: "Lina Berg" }, { p1: "Andas lugnt" });
    const cache = new NameCache(b);
    await cache.learn({ uids: ["c1", "c1", "u9", null], programIds: ["p1", null] });
    await cache.learn({ uids: ["c1", "u9"], programIds: ["p1"] });
    assert.deepEqual(calls, [{ uids: ["c1", "u9"], programIds: ["p1"] }], "u9 has no name, and is not asked again");
    await cache.learn({ uids: [], programIds: ["p2"] });
    assert.deepEqual(calls.at(-1), { uids: [], programIds: ["p2"] }, "a new program alone is asked for");
    assert.equal(calls.length, 2);
    assert.equal(cache.person("c1"), "Lina Berg");
    assert.equal(cache.program("p1"), "Andas lugnt");
    for (const empty of [cache.person("u9"), cache.person(null), cache.person("never-asked"), cache.program(null), cache.program("p2"), NO_NAMES.person("c1"), NO_NAMES.program("p1")]) assert.equal(empty, "");
  });

  it("a payouts file names each coach, looked up once for all its pages", async () => {
    const { b, calls } = book({ c1: "Lina Berg", c2: "Oskar Lind" });
    const source = new ArrayExportRowSource();
    source.payoutRows = Array.from({ length: 5 }, (_, i) => ({ id: `po_${i}`, date: Date.parse("2025-03-03T08:00:00Z") + i, coachId: i % 2 ? "c2" : "c1", status: "paid", trigger: "schedule", currency: "sek", amount: 10000, stripePayoutId: null, failureReason: null }));
    let text = "";
    for await (const chunk of csvChunks(source, "payouts", { fromMs: 0, toMs: Date.parse("2026-01-01T00:00:00Z"), fromDay: "1970-01-01", toDay: "2025-12-31", coachId: null }, 2, "standard", b)) text += chunk.text;
    const [header, ...rows] = text.replace(/^\ufeff/, "").trimEnd().split("\r\n").map((l) => l.split(","));
    assert.deepEqual(header!.slice(3, 5), ["coach_uid", "coach_name"]);
    assert.deepEqual(rows.map((r) => r[4]), ["Lina Berg", "Oskar Lind", "Lina Berg", "Oskar Lind", "Lina Berg"]);
    assert.deepEqual(calls.map((c) => c.uids), [["c1", "c2"]], "the second and third pages ask for nothing");
  });
});
