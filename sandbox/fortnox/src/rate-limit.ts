/**
 * Fortnox allows 25 requests per sliding 5-second window per client and tenant. A log of
 * timestamps per key gives a true sliding window (a fixed bucket would let 50 through
 * across a boundary, hiding client bugs). Real time is used, not the sandbox clock:
 * advancing the clock for token expiry must not refill the window.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 5000,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Records a request and says whether it is allowed. Refused requests do not count. */
  allow(key: string): boolean {
    if (this.limit <= 0) return true;
    const now = this.nowMs();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }

  clear(): void {
    this.hits.clear();
  }
}
