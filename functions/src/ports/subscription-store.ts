/** `subscriptions/{id}` and the premium flag on `users/{uid}`, kept in step with Stripe. */
export interface SubscriptionState {
  id: string;
  userId: string;
  planId: string | null;
  status: string;
  cancelAtPeriodEnd: boolean;
  /** Epoch ms, null when Stripe did not say. */
  currentPeriodEnd: number | null;
  customerId: string | null;
}

export interface SubscriptionStore {
  get(id: string): Promise<SubscriptionState | null>;
  /**
   * Applies the state Stripe reported at `eventCreated` (epoch s) unless a newer event was
   * already applied: events arrive out of order, and an old one must not undo a newer state.
   */
  apply(state: SubscriptionState, eventCreated: number): Promise<"applied" | "stale">;
}
