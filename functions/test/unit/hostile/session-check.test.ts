import assert from "node:assert/strict";
import type { CallableRequest } from "firebase-functions/v2/https";
import type { Caller } from "../../../src/app/caller";
import { DomainError } from "../../../src/domain/errors";
import { requireCurrentSession } from "../../../src/triggers/session-check";

const withToken = (token: string | null) => ({ rawRequest: { headers: token ? { authorization: `Bearer ${token}` } : {} } }) as unknown as Pick<CallableRequest, "rawRequest">;
const caller = (role: Caller["role"]): Caller => ({ uid: "u", role, email: "u@kassa.test" });
const revoked = async () => {
  throw Object.assign(new Error("revoked"), { code: "auth/id-token-revoked" });
};

describe("staff sessions: a revoked ID token is refused before any use case runs", () => {
  for (const role of ["admin", "accountant", "coach"] as const) {
    it(`refuses a revoked ${role} token as unauthenticated, asking to sign in again`, async () => {
      await assert.rejects(requireCurrentSession(caller(role), withToken("old"), revoked), (e: unknown) => e instanceof DomainError && e.kind === "unauthenticated" && /Sign in again/.test(e.message));
    });
  }

  it("lets a current staff token through, checking the token the request carried", async () => {
    const seen: string[] = [];
    await requireCurrentSession(caller("admin"), withToken("fresh"), async (t) => seen.push(t));
    assert.deepEqual(seen, ["fresh"]);
  });

  it("refuses a staff call with no token to check, and a disabled account", async () => {
    await assert.rejects(requireCurrentSession(caller("admin"), withToken(null), async () => undefined), (e: unknown) => e instanceof DomainError && e.kind === "unauthenticated");
    const disabled = async () => {
      throw Object.assign(new Error("disabled"), { code: "auth/user-disabled" });
    };
    await assert.rejects(requireCurrentSession(caller("accountant"), withToken("t"), disabled), (e: unknown) => e instanceof DomainError && e.kind === "unauthenticated");
  });

  it("fails closed when Auth cannot answer (unavailable, not let through)", async () => {
    const down = async () => {
      throw Object.assign(new Error("ECONNREFUSED"), { code: "app/network-error" });
    };
    await assert.rejects(requireCurrentSession(caller("admin"), withToken("t"), down), (e: unknown) => e instanceof DomainError && e.kind === "provider_unavailable");
  });

  it("does not look up customers' tokens (no power over anyone else's money)", async () => {
    let calls = 0;
    await requireCurrentSession(caller("customer"), withToken("t"), async () => calls++);
    await requireCurrentSession(caller(null), withToken("t"), async () => calls++);
    assert.equal(calls, 0);
  });
});
