/**
 * Helpers for tests that run against the local stack started by `npm run stack:exec`.
 * They read the emulator hosts from the environment the stack passes down.
 */
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import { LOCAL_APP_CHECK_APP_ID } from "../../src/triggers/app-check";

export const PROJECT_ID = process.env["GCLOUD_PROJECT"] ?? "demo-kassa";
const FUNCTIONS_URL = process.env["FUNCTIONS_EMULATOR_URL"] ?? `http://127.0.0.1:5001/${PROJECT_ID}/europe-west1`;
const AUTH_HOST = process.env["FIREBASE_AUTH_EMULATOR_HOST"] ?? "127.0.0.1:9099";
export const DEMO_PASSWORD = "kassa-demo";

export function requireStack(): void {
  if (!process.env["FIRESTORE_EMULATOR_HOST"]) {
    throw new Error("emulator tests need the local stack: run them with `npm run stack:exec -- <command>` (npm test does)");
  }
}

export function admin() {
  requireStack();
  const app = getApps()[0] ?? initializeApp({ projectId: PROJECT_ID });
  return { auth: getAuth(app), db: getFirestore(app) };
}

/** Signs in through the Auth emulator's REST API and returns an ID token. */
export async function idToken(email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`http://${AUTH_HOST}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  const json = (await res.json()) as { idToken?: string; error?: { message: string } };
  if (!json.idToken) throw new Error(`sign-in as ${email} failed: ${json.error?.message}`);
  return json.idToken;
}

export interface CallResult<T> {
  status: number;
  result?: T;
  error?: { status: string; message: string; details?: Record<string, unknown> };
}

/**
 * An App Check token as the local stand-in makes it (web/src/app-check.ts): unsigned, for the
 * local app id; the emulator decodes App Check tokens without verifying them.
 */
export function localAppCheckToken(appId: string = LOCAL_APP_CHECK_APP_ID): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: "none", typ: "JWT" })}.${part({ sub: appId, aud: [`projects/${PROJECT_ID}`], iat: now, exp: now + 3600 })}.`;
}

/**
 * Calls a callable over HTTP exactly as the client SDK does, with the local app's App Check
 * token unless `appCheck` says otherwise (null: none).
 */
export async function call<T = unknown>(name: string, data: unknown, token?: string, appCheck: string | null = localAppCheckToken()): Promise<CallResult<T>> {
  const res = await fetch(`${FUNCTIONS_URL}/${name}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(appCheck !== null ? { "X-Firebase-AppCheck": appCheck } : {}),
    },
    body: JSON.stringify({ data }),
  });
  const json = (await res.json()) as { result?: T; error?: CallResult<T>["error"] };
  return { status: res.status, ...json };
}

export async function createUser(uid: string, role: string | null): Promise<void> {
  const { auth } = admin();
  try {
    await auth.deleteUser(uid);
  } catch {
    // not there
  }
  await auth.createUser({ uid, email: `${uid}@kassa.test`, password: DEMO_PASSWORD });
  if (role) await auth.setCustomUserClaims(uid, { role });
}
