import { strict as assert } from "node:assert";
import fc from "fast-check";
import { assertDay, dayBounds, dayOf, isDay } from "../../../src/domain/calendar-day";
import { DomainError } from "../../../src/domain/errors";

// Days in time zones other than Stockholm, including offsets with minutes (Kathmandu, +05:45)
// and seconds (Monrovia before 1972, -00:44:30): a day's bounds must hold exactly its instants.

describe("calendar days in any time zone", () => {
  it("puts an instant on its local day in a zone with a minutes offset", () => {
    // 18:30 UTC is 00:15 the next day in Kathmandu.
    assert.equal(dayOf(Date.UTC(2026, 10, 22, 18, 30), "Asia/Kathmandu"), "2026-11-23");
    assert.equal(dayOf(Date.UTC(2026, 10, 22, 18, 14), "Asia/Kathmandu"), "2026-11-22");
    assert.deepEqual(dayBounds("2026-11-23", "Asia/Kathmandu"), {
      fromMs: Date.UTC(2026, 10, 22, 18, 15),
      toMs: Date.UTC(2026, 10, 23, 18, 15),
    });
  });

  it("bounds a day to the second where the offset has seconds", () => {
    assert.equal(dayBounds("1970-06-01", "Africa/Monrovia").fromMs, Date.UTC(1970, 5, 1, 0, 44, 30));
  });

  it("property: a day's bounds hold exactly the instants dayOf puts on it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("Europe/Stockholm", "Asia/Kathmandu", "America/St_Johns", "Africa/Monrovia", "Pacific/Chatham"),
        fc.integer({ min: Date.UTC(1965, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, t) => {
          const day = dayOf(t, zone);
          const { fromMs, toMs } = dayBounds(day, zone);
          assert.ok(fromMs <= t && t < toMs, `${t} in ${zone} is on ${day}`);
          assert.equal(dayOf(fromMs, zone), day);
          assert.notEqual(dayOf(fromMs - 1, zone), day);
          assert.equal(dayOf(toMs - 1, zone), day);
          assert.notEqual(dayOf(toMs, zone), day);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a day is a string: an array or object that prints like one is not", () => {
    assert.equal(isDay(["2026-11-22"]), false);
    assert.equal(isDay({ toString: () => "2026-11-22" }), false);
    assert.equal(isDay("2026-11-31"), false);
    assert.equal(isDay("2026-13-01"), false);
  });

  it("a refused day names the field, day unless told, and what it got", () => {
    assert.throws(
      () => assertDay("22/11/2026"),
      (e: unknown) => e instanceof DomainError && e.field === "day" && e.message.includes('must be a date written YYYY-MM-DD, got "22/11/2026"'),
    );
  });
});
