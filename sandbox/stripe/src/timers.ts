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
