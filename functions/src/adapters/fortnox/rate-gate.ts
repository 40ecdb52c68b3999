/**
 * Client-side pacing for Fortnox's 25 requests per sliding 5 s: admit at most `limit` request
 * starts in any `windowMs`, so a normal run never meets a 429 (bursts are fine, the average
 * stays near 4 per second). Per process: the sync runs in one instance at a time.
 */
export class RateGate {
  private readonly starts: number[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit = 20,
    private readonly windowMs = 5_000,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when a request may start; callers are admitted in order. */
  admit(): Promise<void> {
    const turn = this.chain.then(() => this.wait());
    this.chain = turn.catch(() => undefined);
    return turn;
  }

  private async wait(): Promise<void> {
    for (;;) {
      const t = this.now();
      while (this.starts.length > 0 && this.starts[0]! <= t - this.windowMs) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(t);
        return;
      }
      await this.sleep(this.starts[0]! + this.windowMs - t + 1);
    }
  }
}
