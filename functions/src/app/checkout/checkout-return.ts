/**
 * The customer's return from hosted Checkout (`?checkout=success&session=cs_…`): which payment
 * that session made, so the purchases page confirms exactly that one (not "any recent
 * purchase") and can say so when the session was never paid or is not the caller's.
 */
import { type Caller, requireRole } from "../caller";
import type { PaymentsGateway } from "../../ports/payments-gateway";

export type CheckoutReturn =
  | { state: "unknown" }
  | {
      state: "paid" | "not_paid";
      kind: "program" | "subscription";
      /** The purchase to wait for: purchases/{paymentIntentId}, or the subscription's first paid invoice. */
      paymentIntentId: string | null;
      subscriptionId: string | null;
      /** Epoch ms the session was made. */
      createdAt: number;
    };

export async function checkoutReturn(
  deps: { gateway: Pick<PaymentsGateway, "getCheckoutSession"> },
  caller: Caller,
  input: { sessionId: string },
): Promise<CheckoutReturn> {
  requireRole(caller, "customer", "coach", "admin", "accountant");
  const s = await deps.gateway.getCheckoutSession(input.sessionId);
  // Someone else's session says nothing about this person's payments: the same answer as none.
  if (!s || s.clientReferenceId !== caller.uid) return { state: "unknown" };
  const paid = s.status === "complete" && s.paymentStatus !== "unpaid";
  return {
    state: paid ? "paid" : "not_paid",
    kind: s.mode === "subscription" ? "subscription" : "program",
    paymentIntentId: s.paymentIntentId,
    subscriptionId: s.subscriptionId,
    createdAt: s.created * 1000,
  };
}
