import { settlePayment } from "./payments.js";
import { settleRefund } from "./resources/refunds.js";
import type { Sandbox } from "./sandbox.js";

/**
 * What settles on its own once the sandbox clock passes its time: processing payments
 * (SEPA) and refunds that Stripe's test cards make pending or fail later. Oldest first, so
 * events keep the order the world would produce them in.
 */
export function settleDue(sb: Sandbox): number {
  const due = Object.entries(sb.state.timers)
    .filter(([, t]) => t.due <= sb.now())
    .sort((a, b) => a[1].due - b[1].due);
  for (const [id, t] of due) {
    delete sb.state.timers[id];
    if (t.kind === "payment") settlePayment(sb, id);
    else settleRefund(sb, id);
  }
  return due.length;
}

/**
 * The earliest instant (unix seconds) at which the sandbox would do something on its own once
 * its clock passes it: a payment or refund settling, a subscription renewing, or (when payouts
 * arrive on their own) a payout arriving. The local stack stops its clock there on a move, so
 * what happens is stamped with its own time rather than the move's end. Null: nothing is due.
 */
export function nextDue(sb: Sandbox): number | null {
  const times: number[] = Object.values(sb.state.timers).map((t) => t.due);
  for (const sub of Object.values(sb.state.subscriptions)) {
    const end = sub.items.data[0]?.current_period_end;
    if (end !== undefined && sub.status !== "canceled" && sub.status !== "incomplete_expired") times.push(end);
  }
  if (sb.config.payoutsArriveOnTheirOwn) {
    for (const p of Object.values(sb.state.payouts)) if (p.status === "pending" || p.status === "in_transit") times.push(p.arrival_date);
  }
  const future = times.filter((t) => t > sb.now());
  return future.length > 0 ? Math.min(...future) : null;
}
