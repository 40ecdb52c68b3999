import type { CheckoutAttempt, CheckoutAttemptStore } from "../../src/ports/checkout-attempts";

/** In-memory CheckoutAttemptStore, with the same window and limit semantics as Firestore's. */
export class InMemoryCheckoutAttempts implements CheckoutAttemptStore {
  readonly byUser = new Map<string, CheckoutAttempt[]>();

  async admit(uid: string, attempt: CheckoutAttempt, sinceMs: number, limit: number): Promise<{ admitted: boolean; recent: CheckoutAttempt[] }> {
    const recent = (this.byUser.get(uid) ?? []).filter((a) => a.at > sinceMs);
    const admitted = recent.length < limit;
    this.byUser.set(uid, admitted ? [...recent, attempt] : recent);
    return { admitted, recent };
  }

  async attach(uid: string, attemptId: string, stripe: { stripeId: string; clientSecret: string | null }): Promise<void> {
    this.byUser.set(uid, (this.byUser.get(uid) ?? []).map((a) => (a.id === attemptId ? { ...a, ...stripe } : a)));
  }

  async recent(uid: string, sinceMs: number): Promise<CheckoutAttempt[]> {
    return (this.byUser.get(uid) ?? []).filter((a) => a.at > sinceMs);
  }
}
