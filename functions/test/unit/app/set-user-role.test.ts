import assert from "node:assert/strict";
import { setUserRole } from "../../../src/app/set-user-role";
import { ensureUserProfile } from "../../../src/app/ensure-user-profile";
import { DomainError } from "../../../src/domain/errors";
import { FakeUserDirectory, fixedClock } from "../../fakes/fake-user-directory";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import { InMemoryApprovals, noDualControl } from "../../fakes/in-memory-approvals";

const admin = { uid: "admin-1", role: "admin" as const, email: "a@kassa.test" };

function setup() {
  const users = new FakeUserDirectory();
  users.addUser("admin-1", "admin");
  users.addUser("u-1", "customer");
  const audit = new InMemoryAuditLog();
  return { users, audit, deps: { users, clock: fixedClock(), audit, approvals: new InMemoryApprovals(), dualControl: noDualControl } };
}

const rejectsWith = (kind: string, field?: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, `expected DomainError, got ${String(e)}`);
  assert.equal(e.kind, kind);
  if (field) assert.equal(e.field, field);
  return true;
};

describe("setUserRole use case", () => {
  it("sets the role claim and mirrors it, recording who changed it", async () => {
    const { users, deps } = setup();
    const result = await setUserRole(deps, admin, { uid: "u-1", role: "coach" });
    assert.deepEqual(result, { uid: "u-1", role: "coach", status: "changed" });
    assert.equal(users.claims.get("u-1"), "coach");
    assert.equal(users.profiles.get("u-1")?.role, "coach");
    assert.equal(users.profiles.get("u-1")?.roleChangedBy, "admin-1");
  });

  it("does not write when the role is already set (idempotent)", async () => {
    const { users, deps } = setup();
    await setUserRole(deps, admin, { uid: "u-1", role: "customer" });
    assert.deepEqual(users.writes, []);
  });

  for (const role of ["customer", "coach", "accountant", null] as const) {
    it(`refuses a ${role ?? "role-less"} caller with permission and writes nothing`, async () => {
      const { users, deps } = setup();
      await assert.rejects(setUserRole(deps, { uid: "x", role, email: null }, { uid: "u-1", role: "admin" }), rejectsWith("permission"));
      assert.deepEqual(users.writes, []);
      assert.equal(users.claims.get("u-1"), "customer");
    });
  }

  it("answers not_found naming uid for an unknown user", async () => {
    const { users, deps } = setup();
    await assert.rejects(setUserRole(deps, admin, { uid: "nobody", role: "coach" }), rejectsWith("not_found", "uid"));
    assert.deepEqual(users.writes, []);
  });

  it("ends the user's sessions when their role changes, so an old token with the old role stops working", async () => {
    const { users, deps, audit } = setup();
    users.addUser("old-admin", "admin");
    await setUserRole(deps, admin, { uid: "old-admin", role: "customer" });
    assert.deepEqual(users.writes, ["setRole:old-admin:customer", "endSessions:old-admin"]);
    assert.deepEqual(audit.entries.map((e) => [e.action, e.by, e.target, e.details["from"], e.details["to"]]), [["role_changed", "admin-1", "old-admin", "admin", "customer"]]);
  });

  for (const role of ["admin", "accountant"] as const) {
    it(`refuses to make an unverified address ${role}, naming the address, and changes nothing`, async () => {
      const { users, deps } = setup();
      users.addUser("squatter", "customer", "newcoach@company.se", false);
      await assert.rejects(setUserRole(deps, admin, { uid: "squatter", role }), (e: unknown) => rejectsWith("precondition", "uid")(e) && /newcoach@company\.se has not verified/.test((e as Error).message));
      assert.deepEqual(users.writes, []);
      assert.equal(users.claims.get("squatter"), "customer");
    });
  }

  it("lets an unverified address become a coach (Stripe verifies coaches before any payout)", async () => {
    const { users, deps } = setup();
    users.addUser("new-coach", "customer", "c@x.se", false);
    await setUserRole(deps, admin, { uid: "new-coach", role: "coach" });
    assert.equal(users.claims.get("new-coach"), "coach");
  });

  it("keeps an admin from removing their own admin role", async () => {
    const { users, deps } = setup();
    await assert.rejects(setUserRole(deps, admin, { uid: "admin-1", role: "customer" }), rejectsWith("precondition", "uid"));
    assert.equal(users.claims.get("admin-1"), "admin");
  });
});

describe("ensureUserProfile use case", () => {
  it("gives a self-registered user a profile and the customer role", async () => {
    const users = new FakeUserDirectory();
    const profile = await ensureUserProfile({ users, clock: fixedClock() }, { uid: "new", role: null, email: "n@x.se" });
    assert.equal(profile.role, "customer");
    assert.equal(users.claims.get("new"), "customer");
    assert.equal(users.profiles.get("new")?.email, "n@x.se");
  });

  it("keeps the name typed at sign-up, whichever of the sign-up's two calls comes first, and never replaces a name", async () => {
    for (const order of [["unnamed", "named"], ["named", "unnamed"]] as const) {
      const users = new FakeUserDirectory();
      const caller = { uid: "new", role: null, email: "lina@x.se" };
      for (const call of order) await ensureUserProfile({ users, clock: fixedClock() }, caller, call === "named" ? { displayName: "  Lina Berg " } : {});
      assert.equal(users.profiles.get("new")?.displayName, "Lina Berg", order.join(" then "));
      assert.equal(users.claims.get("new"), "customer");
    }
    const users = new FakeUserDirectory();
    await ensureUserProfile({ users, clock: fixedClock() }, { uid: "c", role: null, email: null }, { displayName: "Oskar Lind" });
    const again = await ensureUserProfile({ users, clock: fixedClock() }, { uid: "c", role: "customer", email: null }, { displayName: "Någon annan" });
    assert.equal(again.displayName, "Oskar Lind");
    assert.equal(users.profiles.get("c")?.displayName, "Oskar Lind");
  });

  it("leaves an existing role alone", async () => {
    const users = new FakeUserDirectory();
    users.addUser("c", "coach");
    const profile = await ensureUserProfile({ users, clock: fixedClock() }, { uid: "c", role: "coach", email: null });
    assert.equal(profile.role, "coach");
    assert.deepEqual(users.writes, []);
  });
});
