import { existsSync } from "node:fs";
import Stripe from "stripe";
import { SandboxClock } from "./clock.js";
import type { SandboxConfig } from "./config.js";
import { ApiError, noSuch } from "./errors.js";
import { withoutIncludables } from "./includable.js";
import { newId } from "./ids.js";
import type { SandboxState } from "./state.js";
import { StateWriter, loadState, emptyState } from "./state.js";
import type { WebhookDispatcher } from "./webhooks/deliver.js";

export const API_VERSION: string = Stripe.API_VERSION;

type Tables = {
  [K in keyof SandboxState]: SandboxState[K] extends Record<string, { id?: string }> ? (K extends "owner" | "cards" | "idempotency" | "deliveries" | "ledger" | "checkoutLineItems" | "invoiceSeq" ? never : K) : never;
}[keyof SandboxState];
export type TableName = Tables;
export type Row<T extends TableName> = SandboxState[T][string];

export type EventType = Stripe.Event.Type;
export type EventObject<T extends EventType> = Extract<Stripe.Event, { type: T }>["data"]["object"];

/**
 * The sandbox's shared context: state, clock, config and the event pipe. Resource modules
 * receive it instead of importing globals so several sandboxes can run in one process
 * (tests and benchmarks start their own).
 */
export class Sandbox {
  state: SandboxState;
  readonly clock: SandboxClock;
  readonly writer: StateWriter;
  webhooks: WebhookDispatcher | null = null;
  /** The API request being handled, if any: events it causes carry it in `request`. */
  request: { id: string; idempotency_key: string | null } | null = null;

  constructor(
    readonly config: SandboxConfig,
    readonly stateFile: string | undefined,
  ) {
    const saved = stateFile !== undefined && existsSync(stateFile);
    this.state = loadState(stateFile, newId("acct", 16));
    // A new sandbox may start in the past (the demo history); a saved one keeps its own time.
    if (!saved && config.startAt !== undefined) this.state.clockOffsetSeconds = config.startAt - Math.floor(Date.now() / 1000);
    this.clock = new SandboxClock(this.state.clockOffsetSeconds);
    this.writer = new StateWriter(stateFile, () => {
      this.state.clockOffsetSeconds = this.clock.offsetSeconds;
      return this.state;
    });
  }

  get platform(): string {
    return this.state.platformAccountId;
  }

  now(): number {
    return this.clock.now();
  }

  reset(): void {
    this.state = emptyState(this.state.platformAccountId);
    this.clock.offsetSeconds = 0;
    this.changed();
  }

  changed(): void {
    this.writer.schedule();
  }

  put<T extends TableName>(table: T, row: Row<T> & { id: string }, owner: string): Row<T> {
    (this.state[table] as Record<string, Row<T>>)[row.id] = row;
    this.state.owner[row.id] = owner;
    return row;
  }

  /** Looks an object up as the calling account sees it: other accounts' objects are 404s, as in Stripe. */
  get<T extends TableName>(table: T, id: unknown, owner: string, label: string, param = "id"): Row<T> {
    const key = typeof id === "string" ? id : "";
    const row = (this.state[table] as Record<string, Row<T>>)[key];
    if (!row || this.state.owner[key] !== owner) throw noSuch(label, key, param);
    return row;
  }

  /**
   * Looks up an object named inside a request parameter (`customer`, `line_items[0][price]`):
   * Stripe answers a missing one with 400 resource_missing naming the parameter, not 404.
   */
  ref<T extends TableName>(table: T, id: unknown, owner: string, label: string, param: string): Row<T> {
    try {
      return this.get(table, id, owner, label, param);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) throw new ApiError(400, err.body);
      throw err;
    }
  }

  find<T extends TableName>(table: T, id: string): Row<T> | undefined {
    return (this.state[table] as Record<string, Row<T>>)[id];
  }

  /** Rows of a table that belong to an account, newest first (Stripe's list order). */
  rows<T extends TableName>(table: T, owner: string): Row<T>[] {
    const out: Row<T>[] = [];
    const all = this.state[table] as Record<string, Row<T>>;
    for (const [id, row] of Object.entries(all)) if (this.state.owner[id] === owner) out.push(row);
    return out.reverse();
  }

  ownerOf(id: string): string | undefined {
    return this.state.owner[id];
  }

  /**
   * Records an event and hands it to webhook delivery. `account` is set for events that
   * happen on a connected account; those go to Connect endpoints only.
   */
  emit<T extends EventType>(type: T, object: EventObject<T>, options: { account?: string; previous?: Record<string, unknown> } = {}): Stripe.Event {
    const owner = options.account ?? this.platform;
    // The payload's type is checked at the call site through EventObject<T>; TypeScript
    // cannot relate the generic literal to the 270-member Event union, hence the cast.
    const event = {
      id: newId("evt"),
      object: "event" as const,
      ...(options.account && options.account !== this.platform ? { account: options.account } : {}),
      api_version: API_VERSION,
      created: this.now(),
      data: {
        object: withoutIncludables(structuredClone(object)),
        ...(options.previous ? { previous_attributes: options.previous } : {}),
      },
      livemode: false,
      pending_webhooks: 0,
      request: this.request ? { ...this.request } : { id: null, idempotency_key: null },
      type,
    } as unknown as Stripe.Event;
    this.put("events", event, owner);
    this.webhooks?.enqueue(event);
    this.changed();
    return event;
  }
}
