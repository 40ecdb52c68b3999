/** Hourly hold release and the daily reconciliation of coach balances with Stripe. */
import { PRIVATE } from "./invoker";
import { logger } from "firebase-functions";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { reconcileBalances as reconcileUseCase } from "../app/payouts/reconcile-balances";
import { releaseHolds as releaseUseCase } from "../app/payouts/release-holds";
import { TIME_ZONE, stripeSecretKey } from "../config/params";
import { runtimeClock as systemClock } from "../adapters/clock/stack-clock";
import { connectGateway, holdDeps, payoutStore } from "./payout-deps";
import { runAs } from "./run-as";

const log = (message: string, data: Record<string, unknown>) => logger.warn(message, data);

export const releaseHolds = onSchedule({ ...runAs("releaseHolds"), schedule: "every 60 minutes", timeZone: TIME_ZONE, timeoutSeconds: 540, invoker: PRIVATE }, async () => {
  // Stop well before the timeout; the next hour picks up where this one stopped.
  const result = await releaseUseCase({ ...holdDeps(), log }, { budgetMs: 8 * 60 * 1000 });
  logger.info("hold release", { ...result });
});

export const reconcileBalances = onSchedule({ ...runAs("reconcileBalances"), schedule: "30 3 * * *", timeZone: TIME_ZONE, timeoutSeconds: 540, secrets: [stripeSecretKey], invoker: PRIVATE }, async () => {
  const store = payoutStore();
  const result = await reconcileUseCase({ runs: store, flags: store, gateway: connectGateway(), clock: systemClock, log });
  logger.info("reconciliation", result);
});
