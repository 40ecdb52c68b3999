/**
 * Composition root of the payout side: builds the Firestore, Stripe and Cloud Tasks adapters
 * for the payout use cases. Built per call; the Stripe client is cached underneath and
 * secrets are read at run time.
 */
import { db } from "../adapters/firebase/admin";
import { FirestoreCatalogueStore } from "../adapters/firebase/firestore-catalogue-store";
import { FirestorePayoutStore } from "../adapters/firebase/firestore-payout-store";
import { CloudTasksPayoutDispatcher } from "../adapters/firebase/payout-task-queue";
import { stripeClient } from "../adapters/stripe/stripe-client";
import { StripeConnectGateway } from "../adapters/stripe/stripe-connect-gateway";
import { connectEventHandlers, type ConnectEventDeps } from "../app/connect/connect-event-handlers";
import type { OnboardingDeps } from "../app/connect/onboarding";
import type { RunDeps } from "../app/payouts/payout-run";
import { RunMemo } from "../app/payouts/run-memo";
import { REGION, TIME_ZONE } from "../config/params";
import { webAppUrlValue } from "../config/web-app-url";
import { runtimeClock as systemClock } from "../adapters/clock/stack-clock"; // the stack's one clock in the local emulator
import { registerEventHandlers } from "./payment-deps";

export const PAYOUT_TASK_QUEUE = `locations/${REGION}/functions/payoutCoach`;

export const payoutStore = () => new FirestorePayoutStore(db());
export const connectGateway = () => new StripeConnectGateway(stripeClient());

/** One per instance: the settings and a paying run's status, read once per TTL, not per task. */
const runMemo = new RunMemo();

export const payoutDeps = (): RunDeps => {
  const store = payoutStore();
  return { store, runs: store, gateway: connectGateway(), dispatcher: new CloudTasksPayoutDispatcher(PAYOUT_TASK_QUEUE), clock: systemClock, timeZone: TIME_ZONE, memo: runMemo };
};

export const onboardingDeps = (): OnboardingDeps => ({ store: payoutStore(), gateway: connectGateway(), clock: systemClock, webAppUrl: webAppUrlValue() });

export const connectEventDeps = (): ConnectEventDeps => ({ store: payoutStore(), clock: systemClock, catalogue: new FirestoreCatalogueStore(db()) });

// account.updated and payout.* join the event processor's handler map (payment-deps.ts).
registerEventHandlers(() => connectEventHandlers(connectEventDeps()));

/** Releases run in payout transactions: a late release may add the sale to the coach's carried lines. */
export const holdDeps = () => {
  const store = payoutStore();
  return { money: store, holds: store, clock: systemClock };
};
