/**
 * Coach notifications from document changes: payouts that became paid or failed, and new
 * onboarding requirements on `coaches/{uid}`. Thin: parse the snapshots, call the use case.
 */
import { logger } from "firebase-functions";
import { onDocumentUpdated, onDocumentWritten } from "firebase-functions/v2/firestore";
import * as contracts from "../contracts/notifications";
import { db } from "../adapters/firebase/admin";
import { FirestoreNotificationStore } from "../adapters/firebase/firestore-notification-store";
import {
  type CoachView,
  markNotificationsRead as markRead,
  notify,
  onboardingNotification,
  payoutNotification,
  type PayoutView,
} from "../app/notifications/notify";
import { payoutDecisionNotification } from "../app/notifications/payout-decisions";
import { runtimeClock as systemClock } from "../adapters/clock/stack-clock";
import { kassaCallable } from "./callable";
import { runAs } from "./run-as";

const deps = () => ({ notifications: new FirestoreNotificationStore(db()), clock: systemClock });

export const notifyOnPayoutChange = onDocumentUpdated({ ...runAs("notifyOnPayoutChange"), document: "payouts/{payoutId}" }, async (event) => {
  const before = event.data?.before.data() as PayoutView | undefined;
  const after = event.data?.after.data() as PayoutView | undefined;
  if (!after) return;
  const view = { ...after, id: event.params.payoutId };
  const n = payoutNotification(before ?? null, view, Date.now()) ?? payoutDecisionNotification(before ?? null, view, Date.now());
  const out = await notify(deps(), n);
  if (out.notified) logger.info("coach notified of payout", { payoutId: event.params.payoutId, kind: n?.kind, mailed: out.mailed });
});

export const notifyOnCoachChange = onDocumentWritten({ ...runAs("notifyOnCoachChange"), document: "coaches/{uid}" }, async (event) => {
  const after = event.data?.after.data() as CoachView | undefined;
  if (!after) return;
  const before = event.data?.before.data() as CoachView | undefined;
  const n = onboardingNotification(event.params.uid, before ?? null, after, Date.now());
  const out = await notify(deps(), n);
  if (out.notified) logger.info("coach notified of onboarding needs", { uid: event.params.uid, mailed: out.mailed });
});

export const markNotificationsRead = kassaCallable(
  contracts.markNotificationsRead,
  (input, caller) => markRead(deps(), caller, input),
);
