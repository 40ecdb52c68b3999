import type { AuditLog } from "../../ports/audit-log";
import type { CustomerStore, SettingsReader } from "../../ports/catalogue-store";
import type { Clock } from "../../ports/clock";
import type { MoneyStore } from "../../ports/money-store";
import type { PaymentsGateway } from "../../ports/payments-gateway";
import type { SubscriptionStore } from "../../ports/subscription-store";

export interface PaymentDeps {
  money: MoneyStore;
  gateway: PaymentsGateway;
  settings: SettingsReader;
  customers: CustomerStore;
  subscriptions: SubscriptionStore;
  clock: Clock;
  /** Staff actions on payments (refunds) go to the append-only audit trail. */
  audit: AuditLog;
}
