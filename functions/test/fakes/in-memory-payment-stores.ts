import type { EventOutcome, StripeEventRecord } from "../../src/app/stripe-events/event";
import type {
  CatalogueStore,
  CoachPaymentAccount,
  CustomerProfile,
  CustomerStore,
  PaymentSettings,
  Plan,
  Program,
  SettingsReader,
} from "../../src/ports/catalogue-store";
import type { EventStore, StoredEvent } from "../../src/ports/event-store";
import type { SubscriptionState, SubscriptionStore } from "../../src/ports/subscription-store";

export class InMemoryCatalogue implements CatalogueStore {
  readonly programs = new Map<string, Program>();
  readonly plans = new Map<string, Plan>();
  readonly coaches = new Map<string, CoachPaymentAccount>();

  async getProgram(id: string) {
    return structuredClone(this.programs.get(id) ?? null);
  }
  async saveProgram(p: Program) {
    this.programs.set(p.id, structuredClone(p));
  }
  async getPlan(id: string) {
    return structuredClone(this.plans.get(id) ?? null);
  }
  async setStripePrice(
    kind: "program" | "plan",
    id: string,
    version: number,
    ids: { productId: string; priceId: string },
  ) {
    const map = (kind === "program" ? this.programs : this.plans) as Map<string, Program | Plan>;
    const item = map.get(id);
    if (item && item.priceVersion === version)
      map.set(id, {
        ...item,
        stripeProductId: ids.productId,
        stripePriceId: ids.priceId,
        stripePriceVersion: version,
      });
  }
  async getCoachAccount(uid: string) {
    return this.coaches.get(uid) ?? null;
  }
  async setCoachCanSell(coachId: string, canSell: boolean) {
    let n = 0;
    for (const p of this.programs.values()) {
      if (p.coachId !== coachId || p.coachCanSell === canSell) continue;
      p.coachCanSell = canSell;
      n++;
    }
    return n;
  }

  addProgram(p: Partial<Program> & { id: string; coachId: string }): Program {
    const program: Program = {
      coachName: "Corinna Coach",
      title: "Mindful Mornings",
      description: "",
      price: { amount: 49900, currency: "sek" },
      active: true,
      priceVersion: 1,
      stripeProductId: null,
      stripePriceId: null,
      stripePriceVersion: null,
      ...p,
    };
    this.programs.set(p.id, program);
    return program;
  }
}

export class InMemoryCustomers implements CustomerStore {
  readonly users = new Map<string, CustomerProfile>();
  add(uid: string, extra: Partial<CustomerProfile> = {}) {
    this.users.set(uid, {
      uid,
      email: `${uid}@kassa.test`,
      stripeCustomerId: null,
      premium: null,
      ...extra,
    });
  }
  async get(uid: string) {
    return structuredClone(this.users.get(uid) ?? null);
  }
  async claimStripeCustomerId(uid: string, customerId: string) {
    const u = this.users.get(uid)!;
    if (u.stripeCustomerId) return u.stripeCustomerId;
    u.stripeCustomerId = customerId;
    return customerId;
  }
  async findByStripeCustomerId(customerId: string) {
    return [...this.users.values()].find((u) => u.stripeCustomerId === customerId)?.uid ?? null;
  }
}

export const fixedSettings = (s: Partial<PaymentSettings> = {}): SettingsReader => ({
  payments: async () => ({ feeBps: 2000, holdDays: 7, refundFeeReversal: "proportional", ...s }),
});

export class InMemorySubscriptions implements SubscriptionStore {
  readonly subs = new Map<string, SubscriptionState & { lastEventCreated: number }>();
  async get(id: string) {
    return this.subs.get(id) ?? null;
  }
  async apply(state: SubscriptionState, eventCreated: number) {
    const last = this.subs.get(state.id)?.lastEventCreated ?? 0;
    if (eventCreated < last) return "stale" as const;
    this.subs.set(state.id, { ...state, lastEventCreated: eventCreated });
    return "applied" as const;
  }
}

export class InMemoryEvents implements EventStore {
  readonly events = new Map<string, StoredEvent>();
  async record(event: StripeEventRecord, receivedAt: number, endpoint: "platform" | "connect") {
    if (this.events.has(event.id)) return "duplicate" as const;
    this.events.set(event.id, {
      ...event,
      endpoint,
      status: "received",
      attempts: 0,
      error: null,
      note: null,
      receivedAt,
      nextAttemptAt: null,
    });
    return "stored" as const;
  }
  async get(id: string) {
    return structuredClone(this.events.get(id) ?? null);
  }
  async markDone(id: string, outcome: EventOutcome, attempts: number) {
    const e = this.events.get(id)!;
    this.events.set(id, {
      ...e,
      status: outcome.result,
      note: outcome.note ?? null,
      error: null,
      attempts,
      nextAttemptAt: null,
    });
  }
  async markFailed(
    id: string,
    f: { error: string; attempts: number; nextAttemptAt: number | null; dead: boolean },
  ) {
    const e = this.events.get(id)!;
    this.events.set(id, {
      ...e,
      status: f.dead ? "dead" : "failed",
      error: f.error,
      attempts: f.attempts,
      nextAttemptAt: f.nextAttemptAt,
    });
  }
  async dueForRetry(now: number, limit: number, stuckBefore: number) {
    return [...this.events.values()]
      .filter(
        (e) =>
          (e.status === "failed" && (e.nextAttemptAt ?? Infinity) <= now) ||
          (e.status === "received" && e.receivedAt <= stuckBefore),
      )
      .slice(0, limit)
      .map((e) => e.id);
  }
}
