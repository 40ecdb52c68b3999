/**
 * Composition root of the Fortnox integration: builds the Fortnox adapters with the secrets
 * and params read at call time, the Firestore stores, and the secret store for this runtime.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "../adapters/firebase/admin";
import { FirestoreAccountingStore } from "../adapters/firebase/accounting-store";
import { FirestoreFortnoxConnectionStore } from "../adapters/firebase/fortnox-connection-store";
import { FirestoreAccountingLedger } from "../adapters/firebase/accounting-ledger";
import { FirestoreAlertStore } from "../adapters/firebase/firestore-alert-store";
import { FirestoreAuditLog } from "../adapters/firebase/firestore-audit-log";
import { FortnoxCompanyInformation } from "../adapters/fortnox/fortnox-company-information";
import { raiseAlert } from "../app/alerts/alerts";
import { FirestoreNotificationStore } from "../adapters/firebase/firestore-notification-store";
import { FortnoxApiClient } from "../adapters/fortnox/fortnox-api-client";
import { FortnoxGateway } from "../adapters/fortnox/fortnox-gateway";
import { FortnoxOAuth } from "../adapters/fortnox/fortnox-oauth";
import { RateGate } from "../adapters/fortnox/rate-gate";
import { secretStore } from "../adapters/secrets/secret-store";
import { ChartCache } from "../app/accounting/chart-cache";
import type { ConnectionDeps } from "../app/accounting/fortnox-connection";
import { FortnoxTokens } from "../app/accounting/fortnox-tokens";
import type { SyncDeps } from "../app/accounting/sync-accounting";
import { fortnoxApiBase, fortnoxAuthBase, fortnoxClientId, fortnoxClientSecret, REGION } from "../config/params";
import { runtimeClock as systemClock } from "../adapters/clock/stack-clock"; // the stack's one clock in the local emulator
import { systemClock as realClock } from "../ports/clock";

/** One gate per instance: every request from this process counts against Fortnox's limit. */
let gate: RateGate | undefined;
/** One chart cache per instance: the day view's account names (see chart-cache.ts). */
let chartCache: ChartCache | undefined;

function fortnoxAuth(): FortnoxOAuth {
  return new FortnoxOAuth({
    authBase: fortnoxAuthBase.value(),
    clientId: fortnoxClientId.value(),
    clientSecret: fortnoxClientSecret.value(),
  });
}

export function connectionDeps(): ConnectionDeps {
  const firestore = db();
  return {
    auth: fortnoxAuth(),
    connection: new FirestoreFortnoxConnectionStore(firestore),
    secrets: secretStore(firestore),
    clock: systemClock,
    randomState: () => randomBytes(24).toString("base64url"),
    audit: new FirestoreAuditLog(firestore),
    identify: (token) => new FortnoxCompanyInformation(new FortnoxApiClient({ apiBase: fortnoxApiBase.value(), tokens: { accessToken: async () => token, invalidate: async () => undefined } })).companyInformation(),
    alert: async (draft) => {
      await raiseAlert({ alerts: new FirestoreAlertStore(firestore), clock: systemClock }, { ...draft, kind: "fortnox_company", link: "/accountant", objectPath: "_fortnox/connection" });
    },
  };
}

export function accountingDeps(): SyncDeps {
  const firestore = db();
  const connection = connectionDeps();
  const tokens = new FortnoxTokens({ ...connection, holderId: randomUUID() });
  const api = new FortnoxApiClient({ apiBase: fortnoxApiBase.value(), tokens, gate: (gate ??= new RateGate()) });
  return {
    ledger: new FirestoreAccountingLedger(firestore),
    alerts: new FirestoreAlertStore(firestore),
    notifications: new FirestoreNotificationStore(firestore),
    store: new FirestoreAccountingStore(firestore),
    gateway: new FortnoxGateway(api),
    // Real time: how long the names are kept is about Fortnox's load, not the stack's moved clock.
    chartCache: (chartCache ??= new ChartCache(() => realClock.now().getTime())),
    clock: systemClock,
    // recordedAt is Firestore's commit time: real time, even when the local stack's clock is moved.
    ledgerClock: realClock,
    // Locally Firestore's emulator and the functions share one machine clock and the emulator
    // commits one write at a time: no skew to cover, half a second is margin. (The stack's
    // moves pack days into seconds, and wait this long before each night's sync.)
    // And late entries are booked the next night (no week of collecting): the stack's clock is
    // moved a night at a time, and its tests see a late entry reach the Fortnox sandbox the
    // next night. Production keeps the sync's default wait, which bounds Fortnox calls per day.
    ...(process.env["FUNCTIONS_EMULATOR"] === "true" ? { settleMs: 500, lateEntryWaitNights: 0 } : {}),
    newRunId: () => `accounting-${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(3).toString("hex")}`,
  };
}

/** Where Fortnox sends the browser back: this project's fortnoxOAuthCallback function. */
export function oauthRedirectUri(): string {
  const project = process.env["GCLOUD_PROJECT"] ?? "demo-kassa";
  if (process.env["FUNCTIONS_EMULATOR"] === "true") {
    const host = process.env["FUNCTIONS_EMULATOR_HOST"] ?? "127.0.0.1:5001";
    return `http://${host}/${project}/${REGION}/fortnoxOAuthCallback`;
  }
  return `https://${REGION}-${project}.cloudfunctions.net/fortnoxOAuthCallback`;
}
