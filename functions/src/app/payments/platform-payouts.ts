/**
 * The platform's own Stripe payouts to its bank (events without `account`): booked 1930/1580
 * when Stripe says paid, dated then, and put back on the Stripe balance if the bank returns it
 * afterwards. A payout that fails or is cancelled before it was paid books nothing: the money
 * never left in the books.
 *
 * Coach payouts arrive with `account` and belong to the payouts context; the event map sends
 * each payout event to one or the other (`withPlatformPayouts`).
 */
import { platformPayoutEntry, platformPayoutFailedEntry } from "../../domain/ledger";
import { entryId } from "../../domain/ledger-entries";
import { parseCurrency } from "../../domain/money";
import type { MoneyStore } from "../../ports/money-store";
import { bookEntries } from "../ledger/book-entries";
import {
  num,
  str,
  type EventHandlers,
  type EventOutcome,
  type StripeEventRecord,
} from "../stripe-events/event";

const PAYOUT_EVENTS = ["payout.paid", "payout.failed", "payout.canceled"] as const;

async function platformPayout(money: MoneyStore, e: StripeEventRecord): Promise<EventOutcome> {
  const o = e.data.object;
  const id = str(o, "id");
  const amount = num(o, "amount");
  if (!id || amount === null || amount <= 0)
    return { result: "ignored", note: `${e.type} without a payout id or amount` };
  const m = { amount, currency: parseCurrency(str(o, "currency"), "currency") };
  const occurredAt = e.created * 1000;
  return money.transact(async (tx) => {
    const [paid] = await tx.getEntries([entryId(id, "platform_paid")]);
    if (e.type === "payout.paid") {
      if (paid) return { result: "processed", note: `platform payout ${id} already booked` };
      await bookEntries(tx, [platformPayoutEntry({ stripePayoutId: id, amount: m, occurredAt })]);
      return { result: "processed", note: `booked platform payout ${id} to the bank` };
    }
    if (!paid)
      return {
        result: "processed",
        note: `platform payout ${id} ${e.type.slice(7)} before it was paid: nothing to book`,
      };
    const [failed] = await tx.getEntries([entryId(id, "platform_failed")]);
    if (failed) return { result: "processed", note: `platform payout ${id} return already booked` };
    await bookEntries(tx, [
      platformPayoutFailedEntry({ stripePayoutId: id, amount: m, occurredAt }),
    ]);
    return { result: "processed", note: `platform payout ${id} came back from the bank` };
  });
}

/** Routes payout events without `account` to the platform's books, the rest to `handlers`. */
export function withPlatformPayouts(handlers: EventHandlers, money: MoneyStore): EventHandlers {
  const routed: Record<string, EventHandlers[string]> = { ...handlers };
  for (const type of PAYOUT_EVENTS) {
    const coach = handlers[type];
    routed[type] = (e) =>
      e.account === null || e.account === undefined
        ? platformPayout(money, e)
        : coach
          ? coach(e)
          : Promise.resolve({ result: "ignored", note: `no handler for coach ${type}` });
  }
  return routed;
}
