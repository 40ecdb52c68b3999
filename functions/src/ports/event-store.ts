/** A verified Stripe event as Kassa stores it (adapters build it, handlers read it). */
export interface StripeEventRecord {
  id: string;
  type: string;
  /** Connected account the event is about (Connect endpoint), null for platform events. */
  account: string | null;
  /** Epoch seconds, Stripe's `created`. */
  created: number;
  livemode: boolean;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
}

export type EventOutcome =
  | { result: "processed"; note?: string }
  /** Understood but nothing to do (unknown type, or already applied). */
  | { result: "ignored"; note: string };

export type EventStatus = "received" | "processed" | "ignored" | "failed" | "dead";

export interface StoredEvent extends StripeEventRecord {
  status: EventStatus;
  attempts: number;
  /** Why the last attempt failed, in words an admin can act on. */
  error: string | null;
  note: string | null;
  /** Epoch ms. */
  receivedAt: number;
  nextAttemptAt: number | null;
  /** The webhook endpoint it arrived on (absent on events stored before it was kept). */
  endpoint?: "platform" | "connect";
}

/** `stripeEvents/{id}`: every verified event, exactly once, with its processing state. */
export interface EventStore {
  /** create(): "duplicate" when the id is already stored (a redelivery). */
  record(event: StripeEventRecord, receivedAt: number, endpoint: "platform" | "connect"): Promise<"stored" | "duplicate">;
  get(id: string): Promise<StoredEvent | null>;
  markDone(id: string, outcome: EventOutcome, attempts: number): Promise<void>;
  markFailed(
    id: string,
    failure: { error: string; attempts: number; nextAttemptAt: number | null; dead: boolean },
  ): Promise<void>;
  /**
   * Events to run again: failed ones whose next attempt is due, and ones still "received"
   * since before `stuckBefore` (their trigger never ran: Stripe got its 200, so nobody else
   * would ever send them again).
   */
  dueForRetry(now: number, limit: number, stuckBefore: number): Promise<string[]>;
}
