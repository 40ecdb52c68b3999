/**
 * Gives the demo coaches a verified connected account in the Stripe sandbox, so purchases
 * and payouts work right after `npm start` without clicking through onboarding. Idempotent:
 * a coach whose stored account still exists in the sandbox is left alone; otherwise the
 * account is created (with an idempotency key of its own, distinct from the one Kassa's
 * onboarding uses, so their parameters never clash), verified, and stored on coaches/{uid}.
 */
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { emulatorEnv, PROJECT_ID } from "./config.js";
import { DEMO_USERS } from "./demo-data.js";

const SANDBOX_KEY = "sk_test_kassa_sandbox";
const SEEDED_COACHES = ["demo-coach", "demo-coach-2"];

interface SandboxAccount {
  id: string;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  requirements?: { currently_due?: string[]; disabled_reason?: string | null };
}

async function stripe<T>(base: string, method: string, path: string, form?: Record<string, string>, idempotencyKey?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${SANDBOX_KEY}`,
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
    },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export async function seedCoachAccounts(stripeBaseUrl: string): Promise<{ seeded: string[]; kept: string[] }> {
  Object.assign(process.env, emulatorEnv());
  const app = getApps()[0] ?? initializeApp({ projectId: PROJECT_ID });
  const db = getFirestore(app);
  const base = stripeBaseUrl.replace(/\/$/, "");
  const out = { seeded: [] as string[], kept: [] as string[] };
  for (const uid of SEEDED_COACHES) {
    const ref = db.doc(`coaches/${uid}`);
    const stored = (await ref.get()).get("stripeAccountId") as string | undefined;
    if (stored && (await stripe(base, "GET", `/v1/accounts/${stored}`)).status === 200) {
      out.kept.push(uid);
      continue;
    }
    const email = DEMO_USERS.find((u) => u.uid === uid)?.email ?? `${uid}@kassa.test`;
    const created = await stripe<SandboxAccount & { error?: { message: string } }>(
      base,
      "POST",
      "/v1/accounts",
      {
        type: "express",
        country: "SE",
        email,
        "capabilities[card_payments][requested]": "true",
        "capabilities[transfers][requested]": "true",
        "settings[payouts][schedule][interval]": "manual",
        "metadata[kassaCoachId]": uid,
      },
      // Per sandbox state: a reset sandbox gets a fresh account, a restart replays the same one.
      `kassa-seed-account-${uid}`,
    );
    if (created.status !== 200) throw new Error(`seeding ${uid}'s connected account failed: ${created.body.error?.message ?? created.status}`);
    const verified = await fetch(`${base}/__sandbox/accounts/${created.body.id}/verify`, { method: "POST" });
    if (!verified.ok) throw new Error(`verifying ${uid}'s connected account failed: ${verified.status}`);
    const a = (await verified.json()) as SandboxAccount;
    const fields = {
      uid,
      stripeAccountId: a.id,
      chargesEnabled: a.charges_enabled,
      payoutsEnabled: a.payouts_enabled,
      detailsSubmitted: a.details_submitted,
      requirementsDue: a.requirements?.currently_due ?? [],
      disabledReason: a.requirements?.disabled_reason ?? null,
      updatedAt: Date.now(),
    };
    // mergeFields: payout markers a running stack already wrote on the document stay.
    await ref.set(fields, { mergeFields: Object.keys(fields) });
    out.seeded.push(uid);
  }
  return out;
}
