/**
 * The Firebase Auth calls TOTP needs, behind one small interface so the flow (totp-flow.ts)
 * can be tested without Identity Platform: the Auth emulator cannot enroll TOTP at all
 * (firebase-tools #6224: it answers "Missing phoneEnrollmentInfo"), so no local test could
 * reach these calls for real.
 */
import {
  EmailAuthProvider,
  getMultiFactorResolver,
  multiFactor,
  reauthenticateWithCredential,
  signInWithEmailAndPassword,
  TotpMultiFactorGenerator,
  type Auth,
  type MultiFactorError,
  type MultiFactorInfo,
  type User,
} from "firebase/auth";

export interface FactorInfo {
  uid: string;
  factorId: string;
  displayName: string | null;
  enrollmentTime: string;
}

/** A freshly generated shared secret, not yet enrolled. */
export interface PendingSecret {
  secretKey: string;
  codeLength: number;
  codeIntervalSeconds: number;
  /** ISO time after which `enroll` is refused and a new secret is needed. */
  enrollmentCompletionDeadline: string;
  qrCodeUrl(accountName: string, issuer: string): string;
  enroll(code: string, displayName: string): Promise<void>;
}

/** What stands between a correct password and a session: a code from an enrolled factor. */
export interface SecondFactorChallenge {
  hints: FactorInfo[];
  resolve(factorUid: string, code: string): Promise<void>;
}

export interface TotpSdk {
  /** The signed-in user's email, null when signed out. */
  email(): string | null;
  enrolledFactors(): FactorInfo[];
  generateSecret(): Promise<PendingSecret>;
  unenroll(factorUid: string): Promise<void>;
  signInWithPassword(email: string, password: string): Promise<void>;
  reauthenticateWithPassword(password: string): Promise<void>;
  /** The challenge behind an `auth/multi-factor-auth-required` error; null for any other error. */
  challengeOf(error: unknown): SecondFactorChallenge | null;
  /** Refreshes the ID token and returns how its session signed in (`firebase.sign_in_second_factor`). */
  sessionSecondFactor(): Promise<string | null>;
}

const toInfo = (f: MultiFactorInfo): FactorInfo => ({ uid: f.uid, factorId: f.factorId, displayName: f.displayName ?? null, enrollmentTime: f.enrollmentTime });

function signedIn(auth: Auth): User {
  if (!auth.currentUser) throw Object.assign(new Error("Sign in first."), { code: "auth/no-current-user" });
  return auth.currentUser;
}

export function firebaseTotpSdk(auth: Auth): TotpSdk {
  return {
    email: () => auth.currentUser?.email ?? null,
    enrolledFactors: () => (auth.currentUser ? multiFactor(auth.currentUser).enrolledFactors.map(toInfo) : []),
    async generateSecret() {
      const user = signedIn(auth);
      const session = await multiFactor(user).getSession();
      const secret = await TotpMultiFactorGenerator.generateSecret(session);
      return {
        secretKey: secret.secretKey,
        codeLength: secret.codeLength,
        codeIntervalSeconds: secret.codeIntervalSeconds,
        enrollmentCompletionDeadline: secret.enrollmentCompletionDeadline,
        qrCodeUrl: (accountName, issuer) => secret.generateQrCodeUrl(accountName, issuer),
        enroll: (code, displayName) => multiFactor(user).enroll(TotpMultiFactorGenerator.assertionForEnrollment(secret, code), displayName),
      };
    },
    unenroll: (factorUid) => multiFactor(signedIn(auth)).unenroll(factorUid),
    async signInWithPassword(email, password) {
      await signInWithEmailAndPassword(auth, email, password);
    },
    async reauthenticateWithPassword(password) {
      const user = signedIn(auth);
      await reauthenticateWithCredential(user, EmailAuthProvider.credential(user.email ?? "", password));
    },
    challengeOf(error) {
      if ((error as { code?: unknown } | null)?.code !== "auth/multi-factor-auth-required") return null;
      const resolver = getMultiFactorResolver(auth, error as MultiFactorError);
      return {
        hints: resolver.hints.map(toInfo),
        async resolve(factorUid, code) {
          await resolver.resolveSignIn(TotpMultiFactorGenerator.assertionForSignIn(factorUid, code));
        },
      };
    },
    async sessionSecondFactor() {
      const token = await signedIn(auth).getIdTokenResult(true);
      return token.signInSecondFactor;
    },
  };
}
