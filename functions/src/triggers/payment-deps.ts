/** Composition root of the payments core: adapters built per invocation, secrets read at run time. */
import { randomBytes } from "node:crypto";
import { db } from "../adapters/firebase/admin";
import { FirestoreAlertStore } from "../adapters/firebase/firestore-alert-store";
import { FirestoreAuditLog } from "../adapters/firebase/firestore-audit-log";
import { FirestoreCatalogueStore } from "../adapters/firebase/firestore-catalogue-store";
import { FirestoreCheckoutAttempts } from "../adapters/firebase/firestore-checkout-attempts";
import { FirestoreCustomerStore } from "../adapters/firebase/firestore-customer-store";
import { FirestoreEventStore } from "../adapters/firebase/firestore-event-store";
import { FirestoreMoneyStore } from "../adapters/firebase/firestore-money-store";
import { FirestoreSettingsReader } from "../adapters/firebase/firestore-settings-reader";
import { FirestoreSubscriptionStore } from "../adapters/firebase/firestore-subscription-store";
import { stripeClient } from "../adapters/stripe/stripe-client";
import { StripePaymentsGateway } from "../adapters/stripe/stripe-payments-gateway";
import { deadEventAlert, raiseAlert } from "../app/alerts/alerts";
import type { CheckoutDeps } from "../app/checkout/checkout-deps";
import type { PaymentDeps } from "../app/payments/payment-deps";
import { paymentEventHandlers } from "../app/payments/payment-event-handlers";
import { withPlatformPayouts } from "../app/payments/platform-payouts";
import type { ProcessEventDeps } from "../app/stripe-events/process-event";
import type { EventHandlers } from "../app/stripe-events/event";
import { logger } from "firebase-functions";
import { checkoutAttemptsPerHour, checkoutAttemptsPerIpPerHour, holdDays, platformFeeBps } from "../config/params";
import { webAppUrlValue } from "../config/web-app-url";
import { runtimeClock as systemClock } from "../adapters/clock/stack-clock"; // the stack's one clock in the local emulator

const settings = () =>
  new FirestoreSettingsReader(db(), {
    feeBps: platformFeeBps.value(),
    holdDays: holdDays.value(),
    refundFeeReversal: "proportional",
  });

export const randomIds = {
  next: (prefix: string) => `${prefix}_${randomBytes(10).toString("hex")}`,
};

/** A sale without a redirect (in-app card form) and the catalogue: WEB_APP_URL is not needed. */
export function saleDeps(): Omit<CheckoutDeps, "webAppUrl"> {
  return {
    catalogue: new FirestoreCatalogueStore(db()),
    customers: new FirestoreCustomerStore(db()),
    settings: settings(),
    gateway: new StripePaymentsGateway(stripeClient()),
    ids: randomIds,
    attempts: new FirestoreCheckoutAttempts(db()),
    attemptsPerHour: checkoutAttemptsPerHour.value(),
    attemptsPerIpPerHour: checkoutAttemptsPerIpPerHour.value(),
    clock: systemClock,
  };
}

/** Stripe Checkout returns to the web app: WEB_APP_URL is checked here, before anything is created. */
export function checkoutDeps(): CheckoutDeps {
  return { ...saleDeps(), webAppUrl: webAppUrlValue() };
}

export function paymentDeps(): PaymentDeps {
  return {
    money: new FirestoreMoneyStore(db()),
    gateway: new StripePaymentsGateway(stripeClient()),
    settings: settings(),
    customers: new FirestoreCustomerStore(db()),
    subscriptions: new FirestoreSubscriptionStore(db()),
    clock: systemClock,
    audit: new FirestoreAuditLog(db()),
  };
}

/** Other capabilities (Connect, payouts) add their handlers here. */
const extraHandlers: (() => EventHandlers)[] = [];
export const registerEventHandlers = (make: () => EventHandlers): void => {
  extraHandlers.push(make);
};

export function processEventDeps(): ProcessEventDeps {
  const deps = paymentDeps();
  const handlers = withPlatformPayouts(
    Object.assign({}, paymentEventHandlers(deps), ...extraHandlers.map((make) => make())),
    deps.money,
  );
  return {
    events: new FirestoreEventStore(db()),
    handlers,
    clock: systemClock,
    onDead: async (dead) => {
      const out = await raiseAlert({ alerts: new FirestoreAlertStore(db()), clock: systemClock }, deadEventAlert(dead));
      logger.warn("alert: stripe event dead", { eventId: dead.id, ...out });
    },
  };
}
