/** A small payout world for the use case tests: stores, fake Stripe, clock, dispatcher. */
import { bookEntries } from "../../../src/app/ledger/book-entries";
import { holdReleaseEntry, programSaleEntry } from "../../../src/domain/ledger";
import { paymentPosition } from "../../../src/domain/payment-position";
import type { Currency } from "../../../src/domain/money";
import type { RunDeps } from "../../../src/app/payouts/payout-run";
import type { PayoutTask } from "../../../src/ports/payout-dispatcher";
import type { PaymentRecord } from "../../../src/ports/money-store";
import { FakeConnectGateway } from "../../fakes/fake-connect-gateway";
import { FixedClock } from "../../fakes/fixed-clock";
import { InMemoryPayoutStore } from "../../fakes/in-memory-payout-store";

export const T0 = Date.UTC(2026, 0, 12, 7, 0, 0); // Monday 08:00 Stockholm
export const DAY = 86400000;

export function world() {
  const store = new InMemoryPayoutStore();
  const gateway = new FakeConnectGateway();
  const clock = new FixedClock(T0);
  const tasks: PayoutTask[] = [];
  // Named tasks are deduplicated as Cloud Tasks does (run: run + coach + currency; watch: run + check).
  const names = new Set<string>();
  const nameOf = (t: PayoutTask) => (t.kind === "run" ? `${t.runId}/${t.coachId}/${t.currency}` : t.kind === "watch" ? `${t.runId}/watch/${t.check}` : null);
  const enqueue = async (batch: readonly PayoutTask[]) => {
    for (const t of batch) {
      const name = nameOf(t);
      if (name && names.has(name)) continue;
      if (name) names.add(name);
      tasks.push(t);
    }
  };
  const deps: RunDeps = { store, runs: store, gateway, clock, dispatcher: { enqueue }, timeZone: "Europe/Stockholm" };
  return { store, gateway, clock, tasks, deps };
}

export type World = ReturnType<typeof world>;

/** An onboarded coach with payouts enabled and a Stripe balance to match. */
export function onboard(w: World, uid: string, stripeAvailable = 1_000_000, patch: Record<string, unknown> = {}): string {
  const accountId = `acct_${uid}`;
  w.store.coaches.set(uid, {
    uid,
    stripeAccountId: accountId,
    chargesEnabled: true,
    payoutsEnabled: true,
    detailsSubmitted: true,
    requirementsDue: [],
    disabledReason: null,
    accountEventAt: null,
    openPayouts: {},
    paidThrough: {},
    payoutMinimums: {},
    payoutRequests: 0,
    updatedAt: T0,
    ...patch,
  });
  w.gateway.available.set(accountId, stripeAvailable);
  return accountId;
}

/** A program sale of `gross` (20 % fee) whose hold ended at `availableOn`, released when asked. */
export async function sale(w: World, input: { coachId: string; id: string; gross: number; availableOn: number; released?: boolean; currency?: Currency; programId?: string }) {
  const currency = input.currency ?? "sek";
  const fee = Math.round(input.gross * 0.2);
  await w.store.transact(async (tx) => {
    const saleEntry = programSaleEntry({ paymentId: input.id, coachId: input.coachId, gross: { amount: input.gross, currency }, fee: { amount: fee, currency }, occurredAt: input.availableOn - 7 * DAY });
    const entries = [saleEntry];
    if (input.released) {
      const rel = holdReleaseEntry({ position: paymentPosition([saleEntry]), occurredAt: input.availableOn });
      if (rel) entries.push(rel);
    }
    await bookEntries(tx, entries);
    const payment: PaymentRecord = {
      id: input.id,
      kind: "program",
      userId: "cust",
      coachId: input.coachId,
      programId: input.programId ?? "prog-1",
      subscriptionId: null,
      invoiceId: null,
      description: "Mindful Mornings",
      amount: input.gross,
      currency,
      date: input.availableOn - 7 * DAY,
      status: "succeeded",
      stripePaymentId: input.id,
      stripeChargeId: null,
      feeAmount: fee,
      coachAmount: input.gross - fee,
      stripeFee: 0,
      refundedAmount: 0,
      availableOn: input.availableOn,
      entryIds: entries.map((e) => e.id),
      refundRequests: 0,
      holdReleased: input.released ?? false,
      day: "2026-01-05",
      updatedAt: T0,
    };
    tx.setPayment(payment);
  });
}

/** Runs queued tasks the way the task queue would (in order, each once). */
export async function drain(w: World, run: (t: PayoutTask) => Promise<unknown>): Promise<void> {
  while (w.tasks.length) await run(w.tasks.shift()!);
}
