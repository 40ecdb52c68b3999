import type { Faults } from "./faults.js";
import type { RateLimiter } from "./rate-limit.js";
import type { RequestLog } from "./request-log.js";
import type { Store } from "./store.js";

export interface SandboxConfig {
  publicUrl: string;
  clientId: string;
  clientSecret: string;
  tenantId: string;
  /** When false (the default) the sandbox's own tenant may use client credentials without a service consent. */
  requireServiceConsent: boolean;
}

/** What every handler may use; built once per server. */
export interface SandboxContext {
  config: SandboxConfig;
  store: Store;
  rateLimiter: RateLimiter;
  faults: Faults;
  requestLog: RequestLog;
}
