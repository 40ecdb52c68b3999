/**
 * Staff two-step verification with an authenticator app (TOTP), written against TotpSdk so
 * every step is tested without Identity Platform. The server (functions/src/triggers/
 * staff-mfa.ts) serves admins and accountants only when their ID token says the session signed
 * in with TOTP, so enrolling is not the end: the session must sign in with a code once.
 */
import type { FactorInfo, PendingSecret, TotpSdk } from "./totp-sdk";

/** The label authenticator apps show above the code. */
export const TOTP_ISSUER = "Kassa";
/** The factor's name in the account; staff have one app, so one fixed name reads best. */
export const FACTOR_NAME = "Authenticator";
export const TOTP_FACTOR_ID = "totp";

/** Every way a step can fail that a person can act on (security.problems.* in the catalogues). */
export type TotpProblem =
  | "code_format"
  | "wrong_code"
  | "recent_login"
  | "unverified_email"
  | "unavailable"
  | "expired"
  | "already_enrolled"
  | "no_totp_factor"
  | "wrong_password";

export class TotpFlowError extends Error {
  constructor(readonly problem: TotpProblem) {
    super(problem);
    this.name = "TotpFlowError";
  }
}

const PROBLEM_BY_CODE: Record<string, TotpProblem> = {
  "auth/invalid-verification-code": "wrong_code",
  "auth/missing-verification-code": "code_format",
  "auth/requires-recent-login": "recent_login",
  "auth/unverified-email": "unverified_email",
  // TOTP not switched on for the project (Identity Platform's multiFactorConfig).
  "auth/operation-not-allowed": "unavailable",
  "auth/admin-restricted-operation": "unavailable",
  "auth/code-expired": "expired",
  "auth/invalid-multi-factor-session": "expired",
  "auth/missing-multi-factor-session": "expired",
  "auth/second-factor-already-in-use": "already_enrolled",
  "auth/maximum-second-factor-count-exceeded": "already_enrolled",
  "auth/invalid-credential": "wrong_password",
  "auth/wrong-password": "wrong_password",
};

/** The problem behind an error from any step, or null when it is not one of TOTP's own. */
export function problemOf(error: unknown): TotpProblem | null {
  if (error instanceof TotpFlowError) return error.problem;
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  // The Auth emulator treats every enrollment as a phone one (firebase-tools #6224).
  if (code === "auth/invalid-argument" && typeof e.message === "string" && e.message.includes("phoneEnrollmentInfo")) return "unavailable";
  return PROBLEM_BY_CODE[code] ?? null;
}

/** The code as typed ("123 456", "123-456") reduced to its digits; refused unless it has exactly `length` of them. */
export function normalizeCode(input: string, length = 6): string {
  const code = input.replace(/[\s-]/g, "");
  if (!new RegExp(`^\\d{${length}}$`).test(code)) throw new TotpFlowError("code_format");
  return code;
}

export const totpFactors = (sdk: TotpSdk): FactorInfo[] => sdk.enrolledFactors().filter((f) => f.factorId === TOTP_FACTOR_ID);

export interface Enrollment {
  secretKey: string;
  /** otpauth://totp/Kassa:<email>?secret=...&issuer=Kassa: what a QR code would hold; a link opens the app on a phone. */
  otpauthUrl: string;
  codeLength: number;
  codeIntervalSeconds: number;
  deadline: string;
  /**
   * Enrolls with the first code the app shows. "active": the refreshed session already counts
   * as signed in with TOTP; "sign_in_again": it does not, and the server keeps refusing until
   * the person signs in with a code once.
   */
  confirm(code: string): Promise<"active" | "sign_in_again">;
}

export async function beginEnrollment(sdk: TotpSdk): Promise<Enrollment> {
  if (totpFactors(sdk).length > 0) throw new TotpFlowError("already_enrolled");
  const email = sdk.email();
  if (!email) throw new TotpFlowError("recent_login");
  const secret: PendingSecret = await sdk.generateSecret();
  return {
    secretKey: secret.secretKey,
    otpauthUrl: secret.qrCodeUrl(email, TOTP_ISSUER),
    codeLength: secret.codeLength,
    codeIntervalSeconds: secret.codeIntervalSeconds,
    deadline: secret.enrollmentCompletionDeadline,
    async confirm(input) {
      const code = normalizeCode(input, secret.codeLength);
      await secret.enroll(code, FACTOR_NAME);
      return (await sdk.sessionSecondFactor()) === TOTP_FACTOR_ID ? "active" : "sign_in_again";
    },
  };
}

export type PasswordOutcome =
  | { kind: "done" }
  | { kind: "code"; factor: FactorInfo; complete(code: string): Promise<void> };

/**
 * A password step (sign-in or re-authentication) that may stop at the second factor: the
 * error Firebase throws then carries the resolver, and the step goes on with a code from the
 * account's TOTP factor. Accounts whose only factors are not TOTP (a phone set up elsewhere)
 * are refused with a reason rather than left at a prompt that cannot work.
 */
export async function passwordStep(sdk: TotpSdk, attempt: () => Promise<void>): Promise<PasswordOutcome> {
  try {
    await attempt();
    return { kind: "done" };
  } catch (error) {
    const challenge = sdk.challengeOf(error);
    if (!challenge) throw error;
    const factor = challenge.hints.find((h) => h.factorId === TOTP_FACTOR_ID);
    if (!factor) throw new TotpFlowError("no_totp_factor");
    return { kind: "code", factor, complete: async (input) => challenge.resolve(factor.uid, normalizeCode(input)) };
  }
}

export const signInWithPassword = (sdk: TotpSdk, email: string, password: string): Promise<PasswordOutcome> =>
  passwordStep(sdk, () => sdk.signInWithPassword(email, password));

export const reauthenticate = (sdk: TotpSdk, password: string): Promise<PasswordOutcome> =>
  passwordStep(sdk, () => sdk.reauthenticateWithPassword(password));

/** Removes one TOTP factor (Firebase asks for a recent sign-in first: "recent_login"). */
export async function removeFactor(sdk: TotpSdk, factorUid: string): Promise<void> {
  if (!totpFactors(sdk).some((f) => f.uid === factorUid)) throw new TotpFlowError("no_totp_factor");
  await sdk.unenroll(factorUid);
}
