/**
 * Coach notifications from document changes: payouts that became paid or failed (or were
 * approved or rejected), new onboarding requirements on `coaches/{uid}`, and sales disputed or
 * their disputes closed on `payments/{id}`. Thin: parse the snapshots, call the use case.
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
import { becameDisputed, disputeNotification, type DisputedPaymentView } from "../app/notifications/disputes";
import { disputeAlert, raiseAlert } from "../app/alerts/alerts";
import { FirestoreAlertStore } from "../adapters/firebase/firestore-alert-store";
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

export const notifyOnDisputeChange = onDocumentUpdated({ ...runAs("notifyOnDisputeChange"), document: "payments/{paymentId}" }, async (event) => {
  const before = event.data?.before.data() as DisputedPaymentView | undefined;
  const after = event.data?.after.data() as DisputedPaymentView | undefined;
  if (!after) return;
  const view = { ...after, id: event.params.paymentId };
  // The admins first: they have a deadline to answer by, subscription or program alike.
  if (becameDisputed(before ?? null, view)) {
    const raised = await raiseAlert({ alerts: new FirestoreAlertStore(db()), clock: systemClock }, disputeAlert(view));
    if (raised.raised) logger.info("admins alerted of a dispute", { paymentId: view.id, dueBy: view.disputeDueBy, mailed: raised.mailed });
  }
  const n = disputeNotification(before ? { ...before, id: event.params.paymentId } : null, view, Date.now());
  const out = await notify(deps(), n);
  if (out.notified) logger.info("coach notified of a dispute", { paymentId: event.params.paymentId, kind: n?.kind, mailed: out.mailed });
});

export const markNotificationsRead = kassaCallable(
  contracts.markNotificationsRead,
  (input, caller) => markRead(deps(), caller, input),
);
