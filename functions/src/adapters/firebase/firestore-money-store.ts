import { FieldValue, type DocumentReference, type Firestore, type Transaction } from "firebase-admin/firestore";
import { purchaseOf } from "./purchase-view";
import { emptyCoachBalance, type CoachBalance } from "../../domain/balances";
import { dayOf } from "../../domain/calendar-day";
import type { LedgerEntry } from "../../domain/ledger-entries";
import type { Currency } from "../../domain/money";
import type { MoneyStore, MoneyTx, PaymentRecord } from "../../ports/money-store";
import { countingReads } from "./op-counter";
import { rollupWriter } from "./firestore-rollup-store";

export const balanceDocId = (coachId: string, currency: Currency): string =>
  `${coachId}_${currency}`;

/** Writes queued during a transaction, applied after its reads (Firestore wants reads first). */
export type QueuedWrites = ((t: Transaction) => void)[];

/** Runs `fn` in a Firestore transaction with a view built on it, then applies the queued writes. */
export function runQueued<V, T>(
  db: Firestore,
  view: (t: Transaction, writes: QueuedWrites) => V,
  fn: (tx: V) => Promise<T>,
): Promise<T> {
  return db.runTransaction(async (t) => {
    const writes: QueuedWrites = [];
    const result = await fn(view(t, writes));
    for (const w of writes) w(t);
    return result;
  });
}

/**
 * The money part of a transaction (payments, ledger, balances); other stores extend it with
 * their own documents. `ledger/{id}` is written with create(), so booking an entry twice
 * aborts the transaction.
 */
export function moneyTxView(db: Firestore, t: Transaction, writes: QueuedWrites): MoneyTx {
  const get = async (ref: DocumentReference) => countingReads(1, () => t.get(ref));
  const rollups = rollupWriter(db);
  let rollupsQueued = false;
  return {
    async getPayment(id) {
      const snap = await get(db.doc(`payments/${id}`));
      return snap.exists ? (snap.data() as PaymentRecord) : null;
    },
    async getBalance(coachId, currency) {
      const snap = await get(db.doc(`balances/${balanceDocId(coachId, currency)}`));
      return snap.exists ? (snap.data() as CoachBalance) : emptyCoachBalance(coachId, currency);
    },
    async getEntries(ids) {
      if (ids.length === 0) return [];
      const snaps = await countingReads(ids.length, () =>
        t.getAll(...ids.map((id) => db.doc(`ledger/${id}`))),
      );
      return snaps
        .filter((s) => s.exists)
        .map((s) => stripDay(s.data() as LedgerEntry & { day: string }));
    },
    setPayment(payment) {
      const purchase = purchaseOf(payment);
      writes.push((tx) => {
        tx.set(db.doc(`payments/${payment.id}`), payment);
        if (purchase) tx.set(db.doc(`purchases/${payment.id}`), purchase);
      });
    },
    createEntry(entry) {
      writes.push((tx) =>
        // recordedAt: the commit time, which the Fortnox sync reads new entries by (ports/accounting-ledger.ts).
        tx.create(db.doc(`ledger/${entry.id}`), { ...entry, day: dayOf(entry.occurredAt), recordedAt: FieldValue.serverTimestamp() }),
      );
    },
    addToBalance(coachId, currency, delta) {
      const inc = (n: number) => FieldValue.increment(n);
      writes.push((tx) =>
        tx.set(
          db.doc(`balances/${balanceDocId(coachId, currency)}`),
          // increment(0) also creates a missing field at 0, so every amount is always present.
          { coachId, currency, held: inc(delta.held), available: inc(delta.available), inPayout: inc(delta.inPayout), paid: inc(delta.paid) },
          { merge: true },
        ),
      );
    },
    addToRollups(deltas) {
      rollups.add(deltas);
      // One queued write for the whole transaction: it runs after fn returns, with every delta.
      if (!rollupsQueued) writes.push((tx) => rollups.write(tx));
      rollupsQueued = true;
    },
  };
}

/** Payments, ledger entries and coach balances, changed together in one transaction. */
export class FirestoreMoneyStore implements MoneyStore {
  constructor(private readonly db: Firestore) {}

  transact<T>(fn: (tx: MoneyTx) => Promise<T>): Promise<T> {
    return runQueued(this.db, (t, writes) => moneyTxView(this.db, t, writes), fn);
  }
}

function stripDay(doc: LedgerEntry & { day: string; recordedAt?: unknown }): LedgerEntry {
  const { day: _day, recordedAt: _recordedAt, ...entry } = doc;
  return entry;
}
