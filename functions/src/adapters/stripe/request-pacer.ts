/**
 * Spaces calls evenly below a rate: each caller takes the next free slot, `1000 / perSecond`
 * ms after the previous one, and waits for it. The payout queue already dispatches below
 * Stripe's per-endpoint limit, but a queue's token bucket lets a burst through after a stall
 * (and retries come on top); without this, those bursts come back as 429s. It paces one
 * instance's calls; the queue's rate bounds the instances together.
 */
export class RequestPacer {
  private nextSlot = 0;
  /**
   * Exact (41.67 ms at 24/s), not rounded up to whole milliseconds: rounding made 23.8/s, so a
   * run took 5 % longer than its bound for nothing. Sleeps are rounded up instead, so a start
   * is never before its slot and any one-second window still holds at most `perSecond` starts.
   */
  private readonly intervalMs: number;

  constructor(
    perSecond: number,
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.intervalMs = 1000 / perSecond;
  }

  /** Resolves when this caller may make its call. */
  async turn(): Promise<void> {
    const t = this.now();
    const slot = Math.max(t, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > t) await this.sleep(Math.ceil(slot - t));
  }
}

/**
 * POST /v1/payouts: Stripe's default limit per endpoint is 25 requests/s
 * (docs.stripe.com/rate-limits); 24 leaves one for a retry.
 */
export const STRIPE_PAYOUTS_PER_SECOND = 24;

/** One per instance, shared by every gateway it makes (the triggers make one per call). */
export const payoutPacer = new RequestPacer(STRIPE_PAYOUTS_PER_SECOND);
