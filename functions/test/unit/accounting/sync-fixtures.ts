/** A small ledger per Stockholm day and the wiring of the sync with in-memory fakes. */
import { dayBounds } from "../../../src/domain/calendar-day";
import {
  payoutPaidEntry,
  platformPayoutEntry,
  programSaleEntry,
  stripeFeeEntry,
  subscriptionPaymentEntry,
} from "../../../src/domain/ledger";
import type { LedgerEntry } from "../../../src/domain/ledger-entries";
import type { SyncDeps } from "../../../src/app/accounting/sync-accounting";
import { InMemoryAccountingAlerts, InMemoryAccountingNotifications } from "../../fakes/in-memory-accounting-alerts";
import { InMemoryAccountingLedger } from "../../fakes/in-memory-accounting-ledger";
import { FakeAccountingGateway } from "../../fakes/fake-accounting-gateway";
import { FixedClock } from "../../fakes/fixed-clock";
import { InMemoryAccountingStore } from "../../fakes/in-memory-accounting-store";

/** Noon of `day` in Stockholm, plus `minutes`. */
export const at = (day: string, minutes = 0): number => dayBounds(day).fromMs + 12 * 3600_000 + minutes * 60_000;
/** 02:00 of `day` in Stockholm: when the nightly run starts. */
export const nightOf = (day: string): number => dayBounds(day).fromMs + 2 * 3600_000;

export function dayLedger(day: string, tag: string): LedgerEntry[] {
  const sek = (amount: number) => ({ amount, currency: "sek" as const });
  return [
    programSaleEntry({ occurredAt: at(day, 1), paymentId: `pi_${tag}_1`, coachId: "coach1", gross: sek(49900), fee: sek(9980) }),
    programSaleEntry({ occurredAt: at(day, 2), paymentId: `pi_${tag}_2`, coachId: "coach2", gross: sek(49900), fee: sek(9980) }),
    subscriptionPaymentEntry({ occurredAt: at(day, 3), paymentId: `in_${tag}_1`, gross: sek(9900) }),
    stripeFeeEntry({ occurredAt: at(day, 4), sourceId: `txn_${tag}_1`, fee: sek(1100), paymentId: `pi_${tag}_1` })!,
    payoutPaidEntry({ occurredAt: at(day, 5), payoutId: `payout_${tag}`, coachId: "coach1", amount: sek(20000) }),
    platformPayoutEntry({ occurredAt: at(day, 6), stripePayoutId: `po_${tag}`, amount: sek(5000) }),
  ];
}

/** The vouchers dayLedger produces: sales, subscriptions, stripe_fees, transfers, payouts. */
export const FLOWS_PER_DAY = 5;

/** The sync wired to fakes; the clock starts at 02:00 on `now` (the nightly run). */
export function setup(now = "2026-11-24", options: Pick<SyncDeps, "lateEntryWaitNights"> = {}) {
  const clock = new FixedClock(nightOf(now));
  const ledger = new InMemoryAccountingLedger(clock);
  const store = new InMemoryAccountingStore();
  const gateway = new FakeAccountingGateway();
  const alerts = new InMemoryAccountingAlerts();
  const notifications = new InMemoryAccountingNotifications();
  let n = 0;
  const deps: SyncDeps = { ledger, store, gateway, clock, alerts, notifications, newRunId: () => `run-${++n}`, ...options };
  return { clock, ledger, store, gateway, alerts, notifications, deps };
}
