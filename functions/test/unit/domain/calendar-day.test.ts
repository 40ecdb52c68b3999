import { strict as assert } from "node:assert";
import { dayBounds, dayOf, isDay } from "../../../src/domain/calendar-day";

describe("calendar days (Europe/Stockholm)", () => {
  it("recognises real YYYY-MM-DD dates only", () => {
    assert.ok(isDay("2026-11-22"));
    assert.ok(isDay("2028-02-29"));
    assert.ok(!isDay("2026-02-29"));
    assert.ok(!isDay("2026-1-2"));
    assert.ok(!isDay(20261122));
  });

  it("puts an instant on its Swedish day", () => {
    // 23:30 UTC on 21 Nov is 00:30 on 22 Nov in Stockholm (CET, UTC+1).
    assert.equal(dayOf(Date.UTC(2026, 10, 21, 23, 30)), "2026-11-22");
    assert.equal(dayOf(Date.UTC(2026, 10, 21, 22, 59)), "2026-11-21");
    assert.equal(dayOf(Date.UTC(2026, 10, 21, 23, 30), "UTC"), "2026-11-21");
  });

  it("bounds a day, including the 23- and 25-hour DST days", () => {
    const h = 3_600_000;
    const winter = dayBounds("2026-11-22");
    assert.equal(winter.fromMs, Date.UTC(2026, 10, 21, 23));
    assert.equal(winter.toMs - winter.fromMs, 24 * h);
    const spring = dayBounds("2026-03-29");
    assert.equal(spring.fromMs, Date.UTC(2026, 2, 28, 23));
    assert.equal(spring.toMs - spring.fromMs, 23 * h);
    const autumn = dayBounds("2026-10-25");
    assert.equal(autumn.toMs - autumn.fromMs, 25 * h);
    assert.equal(dayOf(autumn.fromMs), "2026-10-25");
    assert.equal(dayOf(autumn.toMs - 1), "2026-10-25");
    assert.equal(dayOf(autumn.toMs), "2026-10-26");
  });
});
