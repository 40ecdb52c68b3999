import type Stripe from "stripe";
import { newId } from "../ids.js";
import type { Sandbox } from "../sandbox.js";
import type { Delivery } from "../state.js";
import { signatureHeader } from "./sign.js";

function wants(endpoint: Stripe.WebhookEndpoint, event: Stripe.Event, platform: string, connect: boolean): boolean {
  if (endpoint.status !== "enabled") return false;
  const isConnectEvent = event.account !== undefined && event.account !== platform;
  if (isConnectEvent !== connect) return false;
  return endpoint.enabled_events.includes("*") || endpoint.enabled_events.includes(event.type);
}

/**
 * At-least-once delivery with exponential backoff. Sending never happens inside an API
 * request: enqueue only records the delivery and arms a timer, so a slow receiver cannot
 * slow the API. Pausing holds deliveries back so a test can then shuffle or duplicate them.
 */
export class WebhookDispatcher {
  paused = false;
  private badSignatureNext = 0;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly sb: Sandbox) {}

  private isConnect(endpointId: string): boolean {
    return this.sb.state.connectEndpoints[endpointId] === true;
  }

  enqueue(event: Stripe.Event): void {
    for (const endpoint of Object.values(this.sb.state.webhookEndpoints)) {
      if (!wants(endpoint, event, this.sb.platform, this.isConnect(endpoint.id))) continue;
      this.createDelivery(event, endpoint, null);
    }
  }

  private createDelivery(event: Stripe.Event, endpoint: Stripe.WebhookEndpoint, duplicateOf: string | null): Delivery {
    const delivery: Delivery = {
      id: newId("whdel"),
      event_id: event.id,
      event_type: event.type,
      endpoint_id: endpoint.id,
      url: endpoint.url,
      status: "pending",
      attempts: [],
      next_attempt_at: Date.now(),
      duplicate_of: duplicateOf,
    };
    this.sb.state.deliveries[delivery.id] = delivery;
    event.pending_webhooks += 1;
    this.arm(delivery, 0);
    return delivery;
  }

  /** Re-arms every pending delivery, e.g. after loading state from disk. */
  resumePending(): void {
    for (const d of Object.values(this.sb.state.deliveries)) if (d.status === "pending") this.arm(d, 0);
  }

  private arm(delivery: Delivery, delayMs: number): void {
    if (this.closed || this.paused) return;
    const existing = this.timers.get(delivery.id);
    if (existing) clearTimeout(existing);
    const timer = setTimeout(() => {
      this.timers.delete(delivery.id);
      const cap = this.sb.config.webhookMaxConcurrent ?? 0;
      if (cap > 0 && this.inFlight.size >= cap) {
        // Full: wait for a slot rather than piling requests onto the receiver.
        this.arm(delivery, 10);
        return;
      }
      const p = this.attempt(delivery).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }, delayMs);
    timer.unref();
    this.timers.set(delivery.id, timer);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    if (this.paused || this.closed || delivery.status !== "pending") return;
    const event = this.sb.state.events[delivery.event_id];
    const endpoint = this.sb.state.webhookEndpoints[delivery.endpoint_id];
    if (!event || !endpoint?.secret) {
      delivery.status = "failed";
      return;
    }
    const body = JSON.stringify(event, null, 2);
    const bad = this.badSignatureNext > 0;
    if (bad) this.badSignatureNext -= 1;
    const header = signatureHeader(bad ? "whsec_wrong_secret" : endpoint.secret, body);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(delivery.url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": header, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" },
        body,
        signal: AbortSignal.timeout(this.sb.config.webhookTimeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    delivery.attempts.push({ at: Math.floor(Date.now() / 1000), status, error, bad_signature: bad });
    if (status !== null && status >= 200 && status < 300) {
      delivery.status = "succeeded";
      delivery.next_attempt_at = null;
      event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
    } else if (delivery.attempts.length >= this.sb.config.webhookMaxAttempts) {
      delivery.status = "failed";
      delivery.next_attempt_at = null;
    } else {
      const delay = this.sb.config.webhookRetryBaseMs * 2 ** (delivery.attempts.length - 1);
      delivery.next_attempt_at = Date.now() + delay;
      this.arm(delivery, delay);
    }
    this.sb.changed();
  }

  pause(): void {
    this.paused = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  resume(order: "in_order" | "shuffled" = "in_order"): void {
    this.paused = false;
    const pending = Object.values(this.sb.state.deliveries).filter((d) => d.status === "pending");
    if (order === "shuffled") {
      for (let i = pending.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [pending[i], pending[j]] = [pending[j] as Delivery, pending[i] as Delivery];
      }
    }
    // Stagger by a few ms so the chosen order is the order receivers see.
    pending.forEach((d, i) => this.arm(d, i * 5));
  }

  /** Sends an event again to every endpoint that wants it (a fresh delivery each). */
  redeliver(eventId: string, duplicateOf: string | null = null): Delivery[] {
    const event = this.sb.state.events[eventId];
    if (!event) return [];
    const out: Delivery[] = [];
    for (const endpoint of Object.values(this.sb.state.webhookEndpoints)) {
      if (!wants(endpoint, event, this.sb.platform, this.isConnect(endpoint.id))) continue;
      out.push(this.createDelivery(event, endpoint, duplicateOf));
    }
    return out;
  }

  badSignature(count = 1): void {
    this.badSignatureNext += count;
  }

  list(): Delivery[] {
    return Object.values(this.sb.state.deliveries);
  }

  /** Resolves once nothing is pending (or the timeout passes): tests wait on this. */
  async idle(timeoutMs = 10000): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const pending = this.list().some((d) => d.status === "pending");
      if (!pending && this.inFlight.size === 0) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}
