/** Shared wiring for payment event tests: Kassa's handlers over in-memory stores and a gateway. */
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";
import { ingestStripeEvent } from "../../../src/app/stripe-events/ingest-event";
import { paymentEventHandlers } from "../../../src/app/payments/payment-event-handlers";
import type { PaymentDeps } from "../../../src/app/payments/payment-deps";
import { withPlatformPayouts } from "../../../src/app/payments/platform-payouts";
import { processStripeEvent } from "../../../src/app/stripe-events/process-event";
import type { PaymentSettings } from "../../../src/ports/catalogue-store";
import type { StripeEventRecord } from "../../../src/ports/event-store";
import type { PaymentsGateway } from "../../../src/ports/payments-gateway";
import { InMemoryMoneyStore } from "../../fakes/in-memory-money-store";
import {
  fixedSettings,
  InMemoryCustomers,
  InMemoryEvents,
  InMemorySubscriptions,
} from "../../fakes/in-memory-payment-stores";

export function paymentWorld<G extends PaymentsGateway>(
  gateway: G,
  settings: Partial<PaymentSettings> = {},
) {
  let clockMs = Date.parse("2026-11-20T10:00:00Z");
  const clock = { now: () => new Date(clockMs) };
  const money = new InMemoryMoneyStore();
  const customers = new InMemoryCustomers();
  customers.add("user-1", { stripeCustomerId: "cus_1" });
  const deps: PaymentDeps = {
    audit: new InMemoryAuditLog(),
    money,
    gateway,
    settings: fixedSettings(settings),
    customers,
    subscriptions: new InMemorySubscriptions(),
    clock,
  };
  const events = new InMemoryEvents();
  const proc = { events, handlers: withPlatformPayouts(paymentEventHandlers(deps), money), clock };
  let n = 0;
  const deliver = async (
    type: string,
    object: Record<string, unknown>,
    opts: { id?: string; created?: number; account?: string } = {},
  ) => {
    const id = opts.id ?? `evt_${++n}`;
    const ev: StripeEventRecord = {
      id,
      type,
      account: opts.account ?? null,
      created: opts.created ?? 1_795_000_000 + n,
      livemode: false,
      data: { object },
    };
    const stored = await ingestStripeEvent(
      { events, clock, expectLivemode: false, endpoint: opts.account ? "connect" : "platform" },
      ev,
    );
    if (stored === "stored") await processStripeEvent(proc, id);
    return events.events.get(id);
  };
  const advance = (ms: number) => {
    clockMs += ms;
  };
  return { money, gateway, deps, events, proc, deliver, advance };
}

/** Sum of a ledger account over every entry (debit > 0), per currency. */
export function accountTotal(
  money: InMemoryMoneyStore,
  account: string | RegExp,
  currency = "sek",
): number {
  let total = 0;
  for (const e of money.entries.values()) {
    if (e.currency !== currency) continue;
    for (const p of e.postings)
      if (typeof account === "string" ? p.account === account : account.test(p.account))
        total += p.amount;
  }
  return total;
}
