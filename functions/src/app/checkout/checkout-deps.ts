import type { CatalogueStore, CustomerStore, SettingsReader } from "../../ports/catalogue-store";
import type { CheckoutAttemptStore } from "../../ports/checkout-attempts";
import type { Clock } from "../../ports/clock";
import type { Ids } from "../../ports/ids";
import type { PaymentsGateway } from "../../ports/payments-gateway";

export interface CheckoutDeps {
  catalogue: CatalogueStore;
  customers: CustomerStore;
  settings: SettingsReader;
  gateway: PaymentsGateway;
  ids: Ids;
  webAppUrl: string;
  /** Each user's recent payment attempts: the card-testing quota (attempt-quota.ts). */
  attempts: CheckoutAttemptStore;
  /** New payment attempts a user may make in a rolling hour (CHECKOUT_ATTEMPTS_PER_HOUR, default 10). */
  attemptsPerHour?: number;
  /** The same from one client address, over all its accounts (CHECKOUT_ATTEMPTS_PER_IP_PER_HOUR, default 30). */
  attemptsPerIpPerHour?: number;
  clock: Clock;
}
