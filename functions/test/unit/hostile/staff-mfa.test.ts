/**
 * Staff (admin, accountant) need a TOTP second factor in their session for every callable;
 * the only place without it is the emulator with a demo project (it cannot enroll TOTP).
 */
import assert from "node:assert/strict";
import type { Caller } from "../../../src/app/caller";
import { DomainError } from "../../../src/domain/errors";
import { mfaUnavailable, requireStaffSecondFactor } from "../../../src/triggers/staff-mfa";

const as = (role: Caller["role"]): Caller => ({ uid: "u1", role, email: "u1@kassa.test", emailVerified: true });
const deployed = { GCLOUD_PROJECT: "kassa-prod" };
const totp = { firebase: { sign_in_provider: "password", sign_in_second_factor: "totp" } };
const passwordOnly = { firebase: { sign_in_provider: "password" } };
const refused = (f: () => void) =>
  assert.throws(f, (e: unknown) => e instanceof DomainError && e.kind === "permission" && e.details?.["reason"] === "mfa_required" && /authenticator app/.test(e.message));

describe("staff sign in with a second factor", () => {
  it("refuses an admin or accountant whose session signed in with a password only, or with SMS", () => {
    for (const role of ["admin", "accountant"] as const) {
      refused(() => requireStaffSecondFactor(as(role), passwordOnly, deployed));
      refused(() => requireStaffSecondFactor(as(role), undefined, deployed));
      refused(() => requireStaffSecondFactor(as(role), { firebase: { sign_in_second_factor: "phone" } }, deployed));
      requireStaffSecondFactor(as(role), totp, deployed);
    }
  });

  it("asks nothing more of customers and coaches", () => {
    for (const role of ["customer", "coach", null] as const) requireStaffSecondFactor(as(role), passwordOnly, deployed);
  });

  it("is skipped only in the emulator with a demo project: an emulator flag on a real project does not turn it off", () => {
    assert.equal(mfaUnavailable({ FUNCTIONS_EMULATOR: "true", GCLOUD_PROJECT: "demo-kassa" }), true);
    assert.equal(mfaUnavailable({ FUNCTIONS_EMULATOR: "true", GCLOUD_PROJECT: "kassa-prod" }), false);
    assert.equal(mfaUnavailable({ GCLOUD_PROJECT: "demo-kassa" }), false);
    requireStaffSecondFactor(as("admin"), passwordOnly, { FUNCTIONS_EMULATOR: "true", GCLOUD_PROJECT: "demo-kassa" });
    refused(() => requireStaffSecondFactor(as("admin"), passwordOnly, { FUNCTIONS_EMULATOR: "true", GCLOUD_PROJECT: "kassa-prod" }));
  });
});
