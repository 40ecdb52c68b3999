/** The three-way reconciliation of the books: daily at 04:00 (after the 02:00 sync), on demand, and the page's read. */
import { PRIVATE } from "./invoker";
import { logger } from "firebase-functions";
import { onSchedule } from "firebase-functions/v2/scheduler";
import * as contracts from "../contracts/reconciliation";
import { reconcileBooks } from "../app/reconciliation/reconcile-books";
import { dayBefore, listBooksReconciliations, reconcileBooksNow as reconcileNow } from "../app/reconciliation/reconciliation-requests";
import { fortnoxClientId, fortnoxClientSecret, stripeSecretKey, TIME_ZONE } from "../config/params";
import { booksStore, reconcileDeps } from "./books-deps";
import { kassaCallable } from "./callable";
import { runAs } from "./run-as";

const secrets = [stripeSecretKey, fortnoxClientId, fortnoxClientSecret];

const summary = (r: Awaited<ReturnType<typeof reconcileBooks>>) => ({
  day: r.day,
  differences: r.differences,
  alerted: r.alerted,
  records: r.records.map((x) => ({ id: x.id, currency: x.currency, state: x.state, differences: x.differences })),
});

export const reconcileBooksDaily = onSchedule({ ...runAs("reconcileBooksDaily"), schedule: "0 4 * * *", timeZone: TIME_ZONE, secrets, timeoutSeconds: 540, retryCount: 1, invoker: PRIVATE }, async () => {
  const deps = reconcileDeps();
  const result = await reconcileBooks(deps, { day: dayBefore(deps.clock.now().getTime()), runBy: "schedule" });
  logger.info("books reconciliation", summary(result));
});

export const reconcileBooksNow = kassaCallable(contracts.reconcileBooksNow, async (input, caller) => summary(await reconcileNow(reconcileDeps(), caller, input)), { secrets, timeoutSeconds: 300 });

export const booksReconciliations = kassaCallable(
  contracts.booksReconciliations,
  (input, caller) => listBooksReconciliations({ store: booksStore() }, caller, input),
);
