/**
 * HTTP to Fortnox's /3 API: bearer token from an AccessTokenSource, pacing under the rate
 * limit, backoff on 429 (Fortnox refuses before doing anything, so any method may retry),
 * retries of reads on 5xx, one retry with a fresh token on 401, and errors mapped once.
 * A POST is never retried here after a 5xx or timeout: whether it happened is for the
 * caller to find out (the sync looks up its marker).
 */
import axios, { isAxiosError, type AxiosInstance, type Method } from "axios";
import { isDomainError } from "../../domain/errors";
import { reconnectError } from "../../ports/accounting-gateway";
import type { AccessTokenSource } from "../../ports/fortnox-auth";
import { toDomainError } from "./fortnox-errors";
import { RateGate } from "./rate-gate";

export interface FortnoxApiOptions {
  apiBase: string;
  tokens: AccessTokenSource;
  gate?: RateGate;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Backoff before retry n (1-based) after a 429 or a failed read. */
  backoffMs?: (attempt: number) => number;
  maxAttempts?: number;
  /** Observability for the bench and logs. */
  onResponse?: (info: { method: string; path: string; status: number | null }) => void;
}

export class FortnoxApiClient {
  private readonly http: AxiosInstance;
  private readonly gate: RateGate;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: FortnoxApiOptions) {
    this.http = axios.create({
      baseURL: `${options.apiBase.replace(/\/$/, "")}/3`,
      timeout: options.timeoutMs ?? 20_000,
      headers: { Accept: "application/json" },
    });
    this.gate = options.gate ?? new RateGate();
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async request<T>(method: Method, path: string, what: string, init: { params?: Record<string, unknown>; data?: unknown } = {}): Promise<T> {
    const isWrite = method.toUpperCase() !== "GET";
    const maxAttempts = this.options.maxAttempts ?? 6;
    const backoff = this.options.backoffMs ?? ((n: number) => Math.min(1000 * 2 ** (n - 1), 8000));
    let refreshedOnce = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.options.tokens.accessToken();
      await this.gate.admit();
      try {
        const res = await this.http.request<T>({
          method,
          url: path,
          params: init.params,
          data: init.data,
          headers: { Authorization: `Bearer ${token}`, ...(init.data ? { "Content-Type": "application/json" } : {}) },
        });
        this.options.onResponse?.({ method, path, status: res.status });
        return res.data;
      } catch (error) {
        const status = isAxiosError(error) ? (error.response?.status ?? null) : null;
        this.options.onResponse?.({ method, path, status });
        if (status === 401 && !refreshedOnce) {
          // Revoked elsewhere or expired early: one fresh token, then the refusal stands.
          refreshedOnce = true;
          await this.options.tokens.invalidate(token);
          attempt--;
          continue;
        }
        if (status === 401) throw reconnectError("Fortnox refused the access token");
        const retryable = status === 429 || (!isWrite && (status === null || status >= 500));
        if (retryable && attempt < maxAttempts) {
          await this.sleep(backoff(attempt));
          continue;
        }
        if (isDomainError(error)) throw error;
        throw toDomainError(error, what, isWrite);
      }
    }
  }
}
