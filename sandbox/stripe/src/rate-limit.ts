/** Fixed one-second window, like Stripe's per-second test-mode limit. */
export class RateLimiter {
  private windowStart = 0;
  private count = 0;

  allow(limitPerSecond: number): boolean {
    if (limitPerSecond <= 0) return true;
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.windowStart) {
      this.windowStart = second;
      this.count = 0;
    }
    this.count += 1;
    return this.count <= limitPerSecond;
  }
}
