import assert from "node:assert/strict";
import { DomainError } from "../../src/domain/errors";
import { toHttpsError } from "../../src/triggers/errors";
import { setUserRole } from "../../src/contracts/users";

const setUserRoleInput = setUserRole.input;
import { parseInput } from "../../src/triggers/validate";

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DomainError);
    assert.equal(e.kind, "invalid_input");
    return e.field;
  }
  assert.fail("expected invalid_input");
};

describe("callable input validation", () => {
  it("accepts a valid setUserRole payload", () => {
    assert.deepEqual(parseInput(setUserRoleInput, { uid: "u1", role: "coach" }), { uid: "u1", role: "coach" });
  });
  it("names the missing or wrong field", () => {
    assert.equal(fieldOf(() => parseInput(setUserRoleInput, { role: "coach" })), "uid");
    assert.equal(fieldOf(() => parseInput(setUserRoleInput, { uid: "u1" })), "role");
    assert.equal(fieldOf(() => parseInput(setUserRoleInput, { uid: "u1", role: "superuser" })), "role");
    assert.equal(fieldOf(() => parseInput(setUserRoleInput, { uid: "", role: "coach" })), "uid");
    assert.equal(fieldOf(() => parseInput(setUserRoleInput, { uid: 42, role: "coach" })), "uid");
    assert.equal(fieldOf(() => parseInput(setUserRoleInput, { uid: "u1", role: "coach", admin: true })), "admin");
    assert.equal(fieldOf(() => parseInput(setUserRoleInput, null)), "uid");
  });
});

describe("error mapping", () => {
  it("maps each domain kind to its HttpsError code once", () => {
    const cases: [DomainError["kind"], string][] = [
      ["invalid_input", "invalid-argument"],
      ["unauthenticated", "unauthenticated"],
      ["permission", "permission-denied"],
      ["not_found", "not-found"],
      ["precondition", "failed-precondition"],
      ["conflict", "already-exists"],
      ["provider_unavailable", "unavailable"],
      ["provider_rejected", "aborted"],
    ];
    for (const [kind, code] of cases) {
      const mapped = toHttpsError(new DomainError(kind, "why", "field"));
      assert.equal(mapped.code, code);
      assert.equal(mapped.message, "why");
      assert.equal((mapped.details as { field?: string }).field, "field");
    }
  });
  it("hides unexpected errors behind internal", () => {
    const mapped = toHttpsError(new Error("stripe key sk_live_secret leaked?"));
    assert.equal(mapped.code, "internal");
    assert.doesNotMatch(mapped.message, /sk_live/);
  });
});
