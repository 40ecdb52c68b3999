import { initReactI18next } from "react-i18next";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { i18n } from "../i18n";
import en from "../i18n/en";
import sv from "../i18n/sv";
import { describeError } from "../lib/errors";
import { needsSecondFactor, useMfaRefused } from "./mfa-notice";
import { SecurityView } from "./SecurityView";
import type { FactorInfo, TotpSdk } from "./totp-sdk";

beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: "sv", showSupportNotice: false, resources: { sv: { translation: sv }, en: { translation: en } } });
});

/** Only what a first render reads; any enrollment call during render would be a bug. */
function sdkWith(factors: FactorInfo[]): TotpSdk {
  const never = () => {
    throw new Error("not called while rendering");
  };
  return {
    email: () => "admin@kassa.test",
    enrolledFactors: () => factors,
    generateSecret: never,
    unenroll: never,
    signInWithPassword: never,
    reauthenticateWithPassword: never,
    challengeOf: () => null,
    sessionSecondFactor: never,
  };
}
const app: FactorInfo = { uid: "f-1", factorId: "totp", displayName: "Authenticator", enrollmentTime: "Thu, 03 Dec 2026 11:40:00 GMT" };
const page = (p: Partial<Parameters<typeof SecurityView>[0]>) =>
  renderToString(<SecurityView sdk={sdkWith([])} unavailable={false} role="admin" secondFactor={null} onSignOut={() => {}} {...p} />);

describe("the Security page", () => {
  it("in the emulator says honestly that TOTP cannot be set up there, and offers no button", () => {
    const html = page({ unavailable: true });
    expect(html).toContain("Firebase Auth-emulatorn stöder inte TOTP");
    expect(html).not.toContain(sv.security.start);
    expect(html).not.toContain(sv.security.sessionPasswordOnly);
  });

  it("offers to set up an app to staff without one, and says the session is refused until a code", () => {
    const html = page({});
    expect(html).toContain("<h1>Tvåstegsverifiering</h1>");
    expect(html).toContain(sv.security.start);
    expect(html).toContain(sv.security.sessionPasswordOnly);
  });

  it("lists an enrolled app with a remove button, and no second setup", () => {
    const html = page({ sdk: sdkWith([app, { ...app, uid: "p-1", factorId: "phone", displayName: "Phone" }]), role: "accountant", secondFactor: "totp" });
    expect(html).toContain("Authenticator, tillagd");
    expect(html).not.toContain("Phone");
    expect(html).toContain(sv.security.remove);
    expect(html).not.toContain(sv.security.start);
    expect(html).toContain(sv.security.sessionTotp);
  });

  it("tells customers and coaches they do not need it", () => {
    for (const role of ["customer", "coach"] as const) {
      const html = page({ role });
      expect(html).toContain(sv.security.notStaff);
      expect(html).not.toContain(sv.security.start);
    }
  });
});

describe("pointing staff at the page", () => {
  it("asks staff outside the emulator for the code until the session has signed in with it", () => {
    expect(needsSecondFactor({ role: "admin", secondFactor: null }, false, false)).toBe(true);
    expect(needsSecondFactor({ role: "accountant", secondFactor: null }, false, false)).toBe(true);
    expect(needsSecondFactor({ role: "admin", secondFactor: "totp" }, false, false)).toBe(false);
    expect(needsSecondFactor({ role: "coach", secondFactor: null }, false, true)).toBe(false);
    // The demo emulator waives the check, so no banner there unless a callable did refuse.
    expect(needsSecondFactor({ role: "admin", secondFactor: null }, true, false)).toBe(false);
    expect(needsSecondFactor({ role: "admin", secondFactor: "totp" }, false, true)).toBe(true);
  });

  it("a callable refused for mfa_required gives the sentence that names the page, and raises the banner", () => {
    let refused = false;
    function Probe() {
      refused = useMfaRefused();
      return null;
    }
    renderToString(<Probe />);
    expect(refused).toBe(false);
    const error = Object.assign(new Error("Admins and accountants sign in in two steps"), { code: "functions/permission-denied", details: { reason: "mfa_required" } });
    expect(describeError(error)).toBe(sv.errors.reasons.mfa_required);
    renderToString(<Probe />);
    expect(refused).toBe(true);
  });
});
