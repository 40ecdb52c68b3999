/**
 * Composition root of the books' read side (SIE export, three-way reconciliation, payout
 * statements): Firestore readers of what the sync and the payouts recorded, Fortnox read
 * through the same API client the sync uses, Stripe's balance transactions.
 */
import { randomUUID } from "node:crypto";
import { runtimeClock } from "../adapters/clock/stack-clock";
import { db } from "../adapters/firebase/admin";
import { FirestoreBookedVouchers } from "../adapters/firebase/firestore-booked-vouchers";
import { FortnoxApiClient } from "../adapters/fortnox/fortnox-api-client";
import { FortnoxCompanyInformation } from "../adapters/fortnox/fortnox-company-information";
import { FortnoxGateway } from "../adapters/fortnox/fortnox-gateway";
import { RateGate } from "../adapters/fortnox/rate-gate";
import { FortnoxTokens } from "../app/accounting/fortnox-tokens";
import type { ExportSieDeps } from "../app/sie/export-sie";
import { fortnoxApiBase } from "../config/params";
import { connectionDeps } from "./accounting-deps";

/** One gate per instance, as in accounting-deps: this process's Fortnox calls share the limit. */
let gate: RateGate | undefined;

export function fortnoxApi(): FortnoxApiClient {
  const tokens = new FortnoxTokens({ ...connectionDeps(), holderId: randomUUID() });
  return new FortnoxApiClient({ apiBase: fortnoxApiBase.value(), tokens, gate: (gate ??= new RateGate()) });
}

export function sieDeps(): ExportSieDeps {
  const api = fortnoxApi();
  return {
    vouchers: new FirestoreBookedVouchers(db()),
    gateway: new FortnoxGateway(api),
    company: new FortnoxCompanyInformation(api),
    clock: runtimeClock,
  };
}
