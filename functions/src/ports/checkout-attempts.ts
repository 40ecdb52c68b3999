/** One payment attempt a user started: a Checkout Session or a PaymentIntent for one item. */
export interface CheckoutAttempt {
  id: string;
  kind: "checkout" | "payment_intent";
  /** The program or plan bought. */
  itemId: string;
  at: number;
  /** Stripe's id and, for an in-app form, its client secret (kept server-side, for reuse). */
  stripeId: string | null;
  clientSecret: string | null;
}

/**
 * Each user's recent payment attempts (functions only: rules deny every client). The quota
 * and the reuse of an open attempt are decided on what this returns.
 */
export interface CheckoutAttemptStore {
  /**
   * Atomically: drops attempts older than `sinceMs`, and records `attempt` if fewer than
   * `limit` remain. Returns the attempts in the window (without the new one) and whether it
   * was recorded.
   */
  admit(uid: string, attempt: CheckoutAttempt, sinceMs: number, limit: number): Promise<{ admitted: boolean; recent: CheckoutAttempt[] }>;
  /** The Stripe object an admitted attempt made (PaymentIntents: kept for reuse; sessions are only counted). */
  attach(uid: string, attemptId: string, stripe: { stripeId: string; clientSecret: string | null }): Promise<void>;
  recent(uid: string, sinceMs: number): Promise<CheckoutAttempt[]>;
}
