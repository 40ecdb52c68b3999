/**
 * An attempt that is not (yet) a sale: a payment method that settles later leaves a pending
 * `payments` document (the customer sees "processing", nothing is booked), and a failed
 * attempt leaves a `payments` document (status failed, no ledger entries) so the
 * customer sees what happened and admins can follow failure rates. It never overwrites a
 * success: the status machine only moves forward.
 */
import { nextPaymentStatus } from "../../domain/payment-status";
import type { PaymentDeps } from "./payment-deps";
import { asCurrency, newPaymentRecord } from "./payment-record";

export interface FailedAttempt {
  paymentIntentId: string;
  kind: "program" | "subscription";
  amount: number;
  currency: string;
  userId: string | null;
  coachId: string | null;
  programId: string | null;
  invoiceId: string | null;
  subscriptionId: string | null;
  reason: string | null;
  /** What was being bought (the PaymentIntent's description: the program's title), so the attempt is not named by an id. */
  description?: string | null;
  /** Epoch seconds. */
  created: number;
}

export async function recordFailedPayment(deps: PaymentDeps, f: FailedAttempt): Promise<void> {
  await recordAttempt(deps, f, "failed");
}

/** `payment_intent.processing`: money is on its way (bank debits, some wallets); book nothing. */
export async function recordProcessingPayment(
  deps: PaymentDeps,
  f: Omit<FailedAttempt, "reason">,
): Promise<void> {
  await recordAttempt(deps, { ...f, reason: null }, "created");
}

async function recordAttempt(
  deps: PaymentDeps,
  f: FailedAttempt,
  outcome: "failed" | "created",
): Promise<void> {
  const now = deps.clock.now().getTime();
  await deps.money.transact(async (tx) => {
    const existing = await tx.getPayment(f.paymentIntentId);
    const base =
      existing ??
      newPaymentRecord(
        {
          id: f.paymentIntentId,
          kind: f.kind,
          amount: f.amount,
          currency: asCurrency(f.currency),
          date: f.created * 1000,
          stripePaymentId: f.paymentIntentId,
          userId: f.userId,
          coachId: f.coachId,
          programId: f.programId,
          invoiceId: f.invoiceId,
          subscriptionId: f.subscriptionId,
          description: f.description ?? null,
        },
        now,
      );
    const status = nextPaymentStatus(base.status, { type: outcome });
    if (existing && status === existing.status) return;
    tx.setPayment({
      ...base,
      status,
      ...(outcome === "failed" ? { failureReason: f.reason } : {}),
      updatedAt: now,
    });
  });
}
