/**
 * How the history's people act on the local product: signing in on the Auth emulator, calling
 * Kassa's callables as the web app does, paying on the Stripe sandbox's hosted checkout, and
 * waiting for what Kassa's triggers record. Nothing here writes Kassa's money data directly.
 */
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { emulatorEnv, FUNCTIONS_URL, HOST, PORTS, PROJECT_ID } from "../config.js";
import { DEMO_PASSWORD } from "../demo-data.js";
import { SANDBOX_STRIPE_KEY } from "../local-config.js";

export function db() {
  Object.assign(process.env, emulatorEnv());
  return getFirestore(getApps()[0] ?? initializeApp({ projectId: PROJECT_ID }));
}

const tokens = new Map<string, { token: string; gotMs: number }>();

/** An ID token for a demo user, signed in with the demo password (reused for half an hour). */
export async function idToken(email: string): Promise<string> {
  const kept = tokens.get(email);
  if (kept && Date.now() - kept.gotMs < 30 * 60_000) return kept.token;
  const res = await fetch(`http://${HOST}:${PORTS.auth}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD, returnSecureToken: true }),
  });
  const json = (await res.json()) as { idToken?: string; error?: { message: string } };
  if (!json.idToken) throw new Error(`signing in as ${email} failed: ${json.error?.message ?? res.status}`);
  tokens.set(email, { token: json.idToken, gotMs: Date.now() });
  return json.idToken;
}

/**
 * The local web app's App Check token (web/src/app-check.ts): unsigned, for the local app id
 * the callables accept in the emulator (functions/src/triggers/app-check.ts).
 */
function appCheckToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: "none", typ: "JWT" })}.${part({ sub: "kassa-local-web", iat: now, exp: now + 3600 })}.`;
}

/** A callable, over HTTP exactly as the Firebase client SDK sends it; throws with Kassa's message. */
export async function call<T>(name: string, data: unknown, email: string): Promise<T> {
  const res = await fetch(`${FUNCTIONS_URL}/${name}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${await idToken(email)}`, "X-Firebase-AppCheck": appCheckToken() },
    body: JSON.stringify({ data }),
  });
  const json = (await res.json()) as { result?: T; error?: { message: string } };
  if (!res.ok || json.result === undefined) throw new Error(`${name} as ${email}: ${json.error?.message ?? res.status}`);
  return json.result;
}

export class StripeSandbox {
  constructor(readonly base: string) {}

  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.base}${path}`, { headers: { Authorization: `Bearer ${SANDBOX_STRIPE_KEY}` } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A /__sandbox control: the customer's browser on hosted checkout, or the card network. */
  async control<T>(path: string, body: Record<string, unknown> = {}): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}/__sandbox${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as T };
  }
}

/** Polls until `probe` gives a value; the history stops with `what` if it never comes. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`the demo history waited ${timeoutMs / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
