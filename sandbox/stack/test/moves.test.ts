import assert from "node:assert/strict";
import { MoveError, parseMove } from "../src/scheduler/moves.js";

const TZ = "Europe/Stockholm";
// Tuesday 2026-12-01 22:30 in Stockholm.
const NOW = Date.parse("2026-12-01T21:30:00Z");
const at = (text: string) => {
  const m = parseMove(text, NOW, TZ);
  assert.equal(m.kind, "to", text);
  return m.kind === "to" ? new Date(m.at).toISOString() : "";
};

describe("clock moves (npm run clock -- <move>)", () => {
  it("moves forward by a duration", () => {
    assert.equal(at("+8d"), "2026-12-09T21:30:00.000Z");
    assert.equal(at("+3h"), "2026-12-02T00:30:00.000Z");
    assert.equal(at("+1w2d30m"), "2026-12-10T22:00:00.000Z");
  });

  it("moves to the next such local time, in the schedules' time zone", () => {
    assert.equal(at("next-monday-08:00"), "2026-12-07T07:00:00.000Z");
    assert.equal(at("next monday 08:00"), "2026-12-07T07:00:00.000Z");
    assert.equal(at("next 02:00"), "2026-12-02T01:00:00.000Z");
    assert.equal(at("next-02:00"), "2026-12-02T01:00:00.000Z");
  });

  it("knows now and reset", () => {
    assert.deepEqual(parseMove("now", NOW, TZ), { kind: "now" });
    assert.deepEqual(parseMove("reset", NOW, TZ), { kind: "reset" });
  });

  it("refuses going backwards and malformed moves, saying what it accepts", () => {
    assert.throws(() => parseMove("-1d", NOW, TZ), (e: unknown) => e instanceof MoveError && /never goes backwards/.test(e.message));
    for (const bad of ["+8x", "8d", "+", "+0d", "next-funday-08:00", "next 25:00", "tomorrow", "+400d"]) {
      assert.throws(() => parseMove(bad, NOW, TZ), MoveError, bad);
    }
  });
});
