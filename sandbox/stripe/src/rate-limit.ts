/**
 * Stripe's basic rate limiter as its docs publish it (docs.stripe.com/rate-limits): a global
 * limit per account (100 requests/s live, 25 in a sandbox) and, within it, a limit per API
 * endpoint ("API endpoints have a default limit of 25 requests per second"), where an
 * endpoint is a named operation: `POST /v1/payouts` and `GET /v1/payouts/:id` are two.
 * Each is a fixed one-second window. A request refused by either limit counts against both,
 * as a 429 still reached Stripe.
 */
export class RateLimiter {
  private second = 0;
  private global = 0;
  private readonly perEndpoint = new Map<string, number>();

  /**
   * `endpoint` is the route as written (`POST /v1/payouts`); null for unknown routes. A global
   * limit of 0 turns limiting off altogether (tests and set-up that must not be limited).
   */
  allow(globalPerSecond: number, endpoint: string | null = null, endpointPerSecond = 0): boolean {
    if (globalPerSecond <= 0) return true;
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.global = 0;
      this.perEndpoint.clear();
    }
    this.global += 1;
    let endpointCount = 0;
    if (endpoint !== null) {
      endpointCount = (this.perEndpoint.get(endpoint) ?? 0) + 1;
      this.perEndpoint.set(endpoint, endpointCount);
    }
    if (this.global > globalPerSecond) return false;
    return !(endpoint !== null && endpointPerSecond > 0 && endpointCount > endpointPerSecond);
  }
}
