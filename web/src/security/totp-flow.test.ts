import { describe, expect, it } from "vitest";
import type { FactorInfo, SecondFactorChallenge, TotpSdk } from "./totp-sdk";
import { beginEnrollment, normalizeCode, problemOf, reauthenticate, removeFactor, signInWithPassword, TotpFlowError, totpFactors } from "./totp-flow";

/**
 * Identity Platform as TOTP sees it, in memory: a password, enrolled factors, whether the last
 * sign-in is recent, and the code the authenticator app shows right now. It refuses what the
 * real service refuses (stale sign-in, wrong code, emulator), so the flow is tested against
 * refusals as well as success.
 */
class FakeIdentity implements TotpSdk {
  password = "kassa-demo";
  factors: FactorInfo[] = [];
  recentLogin = true;
  signedIn = true;
  /** What `firebase.sign_in_second_factor` says in the current session's token. */
  session: string | null = null;
  /** Whether enrolling refreshes the token into a TOTP session (Identity Platform decides). */
  enrollmentCountsAsTotpSignIn = false;
  emulator = false;
  appCode = "492039";
  enrolledWith: { code: string; name: string } | null = null;
  unenrolled: string[] = [];

  email = () => (this.signedIn ? "admin@kassa.test" : null);
  enrolledFactors = () => [...this.factors];

  async generateSecret() {
    if (this.emulator) throw Object.assign(new Error("Firebase: ((Missing phoneEnrollmentInfo.)) (auth/invalid-argument)."), { code: "auth/invalid-argument" });
    if (!this.recentLogin) throw Object.assign(new Error("stale"), { code: "auth/requires-recent-login" });
    return {
      secretKey: "JBSWY3DPEHPK3PXP",
      codeLength: 6,
      codeIntervalSeconds: 30,
      enrollmentCompletionDeadline: "2026-12-03T12:00:00Z",
      qrCodeUrl: (account: string, issuer: string) => `otpauth://totp/${issuer}:${account}?secret=JBSWY3DPEHPK3PXP&issuer=${issuer}`,
      enroll: async (code: string, name: string) => {
        if (code !== this.appCode) throw Object.assign(new Error("bad code"), { code: "auth/invalid-verification-code" });
        this.enrolledWith = { code, name };
        this.factors.push({ uid: "f-1", factorId: "totp", displayName: name, enrollmentTime: "Thu, 03 Dec 2026 11:40:00 GMT" });
        if (this.enrollmentCountsAsTotpSignIn) this.session = "totp";
      },
    };
  }

  async unenroll(uid: string) {
    if (!this.recentLogin) throw Object.assign(new Error("stale"), { code: "auth/requires-recent-login" });
    this.unenrolled.push(uid);
    this.factors = this.factors.filter((f) => f.uid !== uid);
  }

  private async passwordThen(password: string) {
    if (password !== this.password) throw Object.assign(new Error("bad"), { code: "auth/invalid-credential" });
    if (this.factors.length > 0) throw Object.assign(new Error("mfa"), { code: "auth/multi-factor-auth-required", factors: this.factors });
    this.signedIn = true;
    this.recentLogin = true;
    this.session = null;
  }
  signInWithPassword = (_email: string, password: string) => this.passwordThen(password);
  reauthenticateWithPassword = (password: string) => this.passwordThen(password);

  challengeOf(error: unknown): SecondFactorChallenge | null {
    const e = error as { code?: string; factors?: FactorInfo[] };
    if (e.code !== "auth/multi-factor-auth-required") return null;
    return {
      hints: e.factors ?? [],
      resolve: async (uid, code) => {
        if (!this.factors.some((f) => f.uid === uid)) throw Object.assign(new Error("no factor"), { code: "auth/multi-factor-info-not-found" });
        if (code !== this.appCode) throw Object.assign(new Error("bad code"), { code: "auth/invalid-verification-code" });
        this.signedIn = true;
        this.recentLogin = true;
        this.session = "totp";
      },
    };
  }

  sessionSecondFactor = async () => this.session;
}

const problem = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return problemOf(e);
  }
  throw new Error("expected a refusal");
};

describe("the code a person types", () => {
  it("keeps the digits of a code typed with a space or a dash", () => {
    expect(normalizeCode("492 039")).toBe("492039");
    expect(normalizeCode(" 492-039 ")).toBe("492039");
    expect(normalizeCode("49203912", 8)).toBe("49203912");
  });
  it("refuses anything but exactly the code's length in digits", () => {
    for (const bad of ["", "49203", "4920391", "49203a", "492o39"]) expect(() => normalizeCode(bad), bad).toThrow(TotpFlowError);
  });
});

describe("enrolling an authenticator app", () => {
  it("gives the key and an otpauth link for the signed-in address, issued by Kassa", async () => {
    const id = new FakeIdentity();
    const e = await beginEnrollment(id);
    expect(e.secretKey).toBe("JBSWY3DPEHPK3PXP");
    expect(e.otpauthUrl).toBe("otpauth://totp/Kassa:admin@kassa.test?secret=JBSWY3DPEHPK3PXP&issuer=Kassa");
    expect(e.codeLength).toBe(6);
  });

  it("a wrong code enrolls nothing; the app's code enrolls one factor named Authenticator", async () => {
    const id = new FakeIdentity();
    const e = await beginEnrollment(id);
    expect(await problem(e.confirm("111111"))).toBe("wrong_code");
    expect(await problem(e.confirm("12"))).toBe("code_format");
    expect(id.factors).toEqual([]);
    expect(await e.confirm("492 039")).toBe("sign_in_again");
    expect(id.enrolledWith).toEqual({ code: "492039", name: "Authenticator" });
    expect(totpFactors(id).map((f) => f.uid)).toEqual(["f-1"]);
  });

  it("says the session is ready only when the refreshed token really says totp", async () => {
    const id = new FakeIdentity();
    id.enrollmentCountsAsTotpSignIn = true;
    expect(await (await beginEnrollment(id)).confirm("492039")).toBe("active");
  });

  it("asks for the password again after a stale sign-in, then goes on", async () => {
    const id = new FakeIdentity();
    id.recentLogin = false;
    expect(await problem(beginEnrollment(id))).toBe("recent_login");
    expect(await problem(reauthenticate(id, "nope"))).toBe("wrong_password");
    expect(await reauthenticate(id, "kassa-demo")).toEqual({ kind: "done" });
    expect((await beginEnrollment(id)).secretKey).toBe("JBSWY3DPEHPK3PXP");
  });

  it("does not start a second enrollment over an existing factor", async () => {
    const id = new FakeIdentity();
    await (await beginEnrollment(id)).confirm("492039");
    expect(await problem(beginEnrollment(id))).toBe("already_enrolled");
  });

  it("in the Auth emulator reports TOTP as unavailable instead of pretending", async () => {
    const id = new FakeIdentity();
    id.emulator = true;
    expect(await problem(beginEnrollment(id))).toBe("unavailable");
    expect(id.factors).toEqual([]);
  });
});

describe("signing in with the second step", () => {
  async function enrolled() {
    const id = new FakeIdentity();
    await (await beginEnrollment(id)).confirm("492039");
    id.signedIn = false;
    id.session = null;
    return id;
  }

  it("without a factor the password is enough (customers, coaches)", async () => {
    const id = new FakeIdentity();
    expect(await signInWithPassword(id, "admin@kassa.test", "kassa-demo")).toEqual({ kind: "done" });
  });

  it("with a factor the password stops at the code; a wrong code does not sign in, the app's code does, with TOTP", async () => {
    const id = await enrolled();
    const step = await signInWithPassword(id, "admin@kassa.test", "kassa-demo");
    if (step.kind !== "code") throw new Error("expected the code step");
    expect(step.factor.displayName).toBe("Authenticator");
    expect(await problem(step.complete("000000"))).toBe("wrong_code");
    expect(await problem(step.complete("49203"))).toBe("code_format");
    expect(id.session).toBeNull();
    await step.complete("492039");
    expect(id.session).toBe("totp");
  });

  it("a wrong password never reaches the code step", async () => {
    const id = await enrolled();
    expect(await problem(signInWithPassword(id, "admin@kassa.test", "guess"))).toBe("wrong_password");
  });

  it("refuses an account whose only second factor is not TOTP, with a reason", async () => {
    const id = await enrolled();
    id.factors = [{ uid: "p-1", factorId: "phone", displayName: null, enrollmentTime: "" }];
    expect(await problem(signInWithPassword(id, "admin@kassa.test", "kassa-demo"))).toBe("no_totp_factor");
  });
});

describe("removing the factor", () => {
  it("needs a recent sign-in, which itself takes the code once a factor exists", async () => {
    const id = new FakeIdentity();
    await (await beginEnrollment(id)).confirm("492039");
    id.recentLogin = false;
    expect(await problem(removeFactor(id, "f-1"))).toBe("recent_login");
    const step = await reauthenticate(id, "kassa-demo");
    if (step.kind !== "code") throw new Error("expected the code step");
    await step.complete("492039");
    await removeFactor(id, "f-1");
    expect(id.unenrolled).toEqual(["f-1"]);
    expect(totpFactors(id)).toEqual([]);
  });

  it("refuses a factor the account does not have", async () => {
    const id = new FakeIdentity();
    expect(await problem(removeFactor(id, "f-9"))).toBe("no_totp_factor");
    expect(id.unenrolled).toEqual([]);
  });
});

describe("problemOf", () => {
  it("leaves errors that are not TOTP's own to the general error text", () => {
    expect(problemOf({ code: "functions/permission-denied" })).toBeNull();
    expect(problemOf({ code: "auth/invalid-argument", message: "something else" })).toBeNull();
    expect(problemOf(null)).toBeNull();
  });
});
