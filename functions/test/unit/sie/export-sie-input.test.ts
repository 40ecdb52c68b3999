import { strict as assert } from "node:assert";
import { DomainError } from "../../../src/domain/errors";
import { exportSieInput } from "../../../src/contracts/sie";
import { parseInput } from "../../../src/triggers/validate";

const fieldOf = (data: unknown): string | undefined => {
  try {
    parseInput(exportSieInput, data);
  } catch (e) {
    assert.ok(e instanceof DomainError && e.kind === "invalid_input");
    return e.field;
  }
  assert.fail("expected invalid_input");
};

describe("exportSie input", () => {
  it("accepts a range in order", () => {
    assert.deepEqual(parseInput(exportSieInput, { from: "2026-11-01", to: "2026-11-30" }), { from: "2026-11-01", to: "2026-11-30" });
    assert.deepEqual(parseInput(exportSieInput, { from: "2026-11-01", to: "2026-11-01" }), { from: "2026-11-01", to: "2026-11-01" });
  });
  it("names the field at fault: reversed dates are to's, a missing or malformed date its own, extras by name", () => {
    assert.equal(fieldOf({ from: "2026-11-30", to: "2026-11-01" }), "to");
    assert.equal(fieldOf({ to: "2026-11-01" }), "from");
    assert.equal(fieldOf({ from: "2026-11-01", to: "30/11/2026" }), "to");
    assert.equal(fieldOf({ from: "2026-11-01", to: "2026-11-30", series: "A" }), "series");
  });
});
