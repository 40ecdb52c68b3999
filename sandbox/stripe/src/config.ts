/** Runtime knobs; every one can be changed through /__sandbox/config while running. */
export interface SandboxConfig {
  secretKey: string;
  /**
   * The key a browser holds (Stripe.js): it may only read and confirm a PaymentIntent whose
   * client_secret it also presents (client-api.ts), never anything a secret key can.
   */
  publishableKey: string;
  publicUrl: string;
  /** Requests per second on /v1; 0 turns the limiter off (both limits). */
  rateLimitPerSecond: number;
  /**
   * Requests per second to one endpoint (a method and route, e.g. POST /v1/payouts), within
   * the global limit: Stripe's default is 25 in both modes. 0 turns only this one off.
   */
  endpointRateLimitPerSecond: number;
  /** Stripe's percentage fee in basis points (150 = 1.5 %). */
  feePercentBps: number;
  /** Stripe's fixed fee per successful charge, in minor units per currency. */
  feeFixed: Record<string, number>;
  /** Dispute fee per currency in minor units (Stripe charges it when a dispute opens). */
  disputeFee: Record<string, number>;
  /**
   * Seconds of sandbox time a charge stays pending before it becomes available. Stripe's
   * schedule varies by country (Sweden: 7 days for new accounts); we use 7 days.
   */
  holdSeconds: number;
  webhookRetryBaseMs: number;
  webhookMaxAttempts: number;
  webhookTimeoutMs: number;
  /**
   * Deliveries in flight at once, across endpoints. The Firebase functions emulator starts a
   * whole new worker for every concurrent request; an unbounded burst on a 2-core machine makes
   * it fail to load functions, so deliveries queue behind a small cap, as Stripe's own pacing
   * would spread them. 0 = no cap.
   */
  webhookMaxConcurrent: number;
  /** The platform's default (settlement) currency; charges in others are converted (fx.ts). */
  platformCurrency: string;
  /**
   * Whether a won dispute returns the dispute fee. Stripe stopped returning the dispute
   * received fee on 2025-06-17 (only the separate countered fee comes back), hence false.
   */
  disputeFeeReturnedOnWin: boolean;
  /** Sandbox seconds until a processing payment or a pending refund settles when the clock passes it. */
  asyncSettleSeconds: number;
  /**
   * Whether a payout arrives on its own once the clock passes its `arrival_date`, as Stripe's do
   * (`payout.paid`, through in_transit). Off by default so tests drive each step with the
   * /__sandbox/payouts controls; the local product (`npm start`) turns it on.
   */
  payoutsArriveOnTheirOwn: boolean;
  /**
   * Unix seconds a sandbox with no saved state starts its clock at (the local product's demo
   * history starts weeks back). Ignored once state exists: its clock only goes forward.
   */
  startAt?: number;
}

const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got ${raw}`);
  return n;
};

export function configFromEnv(port: number): SandboxConfig {
  return {
    secretKey: process.env.STRIPE_SANDBOX_SECRET_KEY || "sk_test_kassa_sandbox",
    publishableKey: process.env.STRIPE_SANDBOX_PUBLISHABLE_KEY || "pk_test_kassa_sandbox",
    publicUrl: process.env.STRIPE_SANDBOX_PUBLIC_URL || `http://127.0.0.1:${port}`,
    rateLimitPerSecond: envInt("STRIPE_SANDBOX_RATE_LIMIT", 25),
    endpointRateLimitPerSecond: envInt("STRIPE_SANDBOX_ENDPOINT_RATE_LIMIT", 25),
    feePercentBps: envInt("STRIPE_SANDBOX_FEE_PERCENT_BPS", 150),
    feeFixed: {
      sek: envInt("STRIPE_SANDBOX_FEE_FIXED_SEK", 180),
      eur: envInt("STRIPE_SANDBOX_FEE_FIXED_EUR", 25),
      usd: envInt("STRIPE_SANDBOX_FEE_FIXED_USD", 25),
    },
    disputeFee: { sek: envInt("STRIPE_SANDBOX_DISPUTE_FEE_SEK", 25000), eur: 2000, usd: 1500 },
    holdSeconds: envInt("STRIPE_SANDBOX_HOLD_SECONDS", 7 * 24 * 3600),
    webhookRetryBaseMs: envInt("STRIPE_SANDBOX_WEBHOOK_RETRY_BASE_MS", 1000),
    webhookMaxAttempts: envInt("STRIPE_SANDBOX_WEBHOOK_MAX_ATTEMPTS", 8),
    webhookTimeoutMs: envInt("STRIPE_SANDBOX_WEBHOOK_TIMEOUT_MS", 10000),
    webhookMaxConcurrent: envInt("STRIPE_SANDBOX_WEBHOOK_CONCURRENCY", 4),
    platformCurrency: process.env.STRIPE_SANDBOX_PLATFORM_CURRENCY || "sek",
    disputeFeeReturnedOnWin: false,
    asyncSettleSeconds: 180,
    payoutsArriveOnTheirOwn: process.env.STRIPE_SANDBOX_PAYOUTS_ARRIVE === "on_arrival_date",
    ...(process.env.STRIPE_SANDBOX_START_AT ? { startAt: envInt("STRIPE_SANDBOX_START_AT", 0) } : {}),
  };
}

export function defaultConfig(publicUrl: string): SandboxConfig {
  return {
    secretKey: "sk_test_kassa_sandbox",
    publishableKey: "pk_test_kassa_sandbox",
    publicUrl,
    rateLimitPerSecond: 25,
    endpointRateLimitPerSecond: 25,
    feePercentBps: 150,
    feeFixed: { sek: 180, eur: 25, usd: 25 },
    disputeFee: { sek: 25000, eur: 2000, usd: 1500 },
    holdSeconds: 7 * 24 * 3600,
    webhookRetryBaseMs: 1000,
    webhookMaxAttempts: 8,
    webhookTimeoutMs: 10000,
    webhookMaxConcurrent: 4,
    platformCurrency: "sek",
    disputeFeeReturnedOnWin: false,
    asyncSettleSeconds: 180,
    payoutsArriveOnTheirOwn: false,
  };
}
