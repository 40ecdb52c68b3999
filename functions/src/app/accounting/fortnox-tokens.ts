/**
 * Bearer tokens for the Fortnox API. Fortnox refresh tokens are single use: the refresh that
 * wins rotates it and the loser's token is dead, which would disconnect Kassa. So refreshes
 * are serialised by a lease in the connection store (a Firestore transaction), the new
 * refresh token is written to the secret store BEFORE the access token is used, and the
 * access token is cached with its expiry so other instances reuse it instead of refreshing.
 */
import { DomainError, isDomainError } from "../../domain/errors";
import { reconnectError } from "../../ports/accounting-gateway";
import type { Clock } from "../../ports/clock";
import type { AccessTokenSource, FortnoxAuth, TokenSet } from "../../ports/fortnox-auth";
import type { FortnoxConnectionStore } from "../../ports/fortnox-connection-store";
import { FORTNOX_REFRESH_TOKEN_SECRET, type SecretStore } from "../../ports/secret-store";

export interface TokenDeps {
  auth: FortnoxAuth;
  connection: FortnoxConnectionStore;
  secrets: SecretStore;
  clock: Clock;
  /** Unique per caller instance; the lease names its holder. */
  holderId: string;
  sleep?: (ms: number) => Promise<void>;
  leaseTtlMs?: number;
  /** How long to wait for another holder's refresh before giving up. */
  waitMs?: number;
}

/** Refresh this long before expiry, so a token never dies mid-run. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export const expiresAt = (clock: Clock, tokens: TokenSet): number =>
  clock.now().getTime() + tokens.expiresInSeconds * 1000;

export class FortnoxTokens implements AccessTokenSource {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: TokenDeps) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async accessToken(): Promise<string> {
    const deadline = this.deps.clock.now().getTime() + (this.deps.waitMs ?? 30_000);
    for (;;) {
      const cached = await this.cached();
      if (cached) return cached;
      const now = this.deps.clock.now().getTime();
      if (await this.deps.connection.tryAcquireLease(this.deps.holderId, now, this.deps.leaseTtlMs ?? 30_000)) {
        try {
          // Someone may have refreshed between our read and the lease: look again first.
          return (await this.cached()) ?? (await this.renew());
        } finally {
          await this.deps.connection.releaseLease(this.deps.holderId);
        }
      }
      if (now > deadline) {
        throw new DomainError("provider_unavailable", "Timed out waiting for another Fortnox token refresh; try again.");
      }
      await this.sleep(50 + Math.floor(Math.random() * 100));
    }
  }

  async invalidate(accessToken: string): Promise<void> {
    const c = await this.deps.connection.get();
    if (c.accessToken === accessToken) await this.deps.connection.update({ accessToken: "", accessTokenExpiresAt: 0 });
  }

  /** A usable cached token, or null; throws when the connection needs a person. */
  private async cached(): Promise<string | null> {
    const c = await this.deps.connection.get();
    if (c.status === "disconnected") throw reconnectError("Fortnox is not connected");
    if (c.status === "reconnect_required") throw reconnectError(c.lastError);
    const fresh = c.accessToken && (c.accessTokenExpiresAt ?? 0) - EXPIRY_MARGIN_MS > this.deps.clock.now().getTime();
    return fresh ? c.accessToken! : null;
  }

  /** Called with the lease held. */
  private async renew(): Promise<string> {
    const c = await this.deps.connection.get();
    let tokens: TokenSet;
    if (c.mode === "client_credentials") {
      tokens = await this.deps.auth.clientCredentials(c.tenantId ?? "");
    } else {
      const refreshToken = await this.deps.secrets.readLatest(FORTNOX_REFRESH_TOKEN_SECRET);
      if (!refreshToken) return this.needsReconnect("no refresh token is stored");
      try {
        tokens = await this.deps.auth.refresh(refreshToken);
      } catch (error) {
        if (isDomainError(error) && error.details?.["reconnect"] === true) return this.needsReconnect(error.message);
        throw error;
      }
      if (!tokens.refreshToken) return this.needsReconnect("Fortnox returned no refresh token");
      // The old token is already dead: persist the new one before anything else can fail.
      await this.deps.secrets.writeVersion(FORTNOX_REFRESH_TOKEN_SECRET, tokens.refreshToken);
    }
    await this.deps.connection.update({
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: expiresAt(this.deps.clock, tokens),
      scope: tokens.scope,
    });
    return tokens.accessToken;
  }

  private async needsReconnect(why: string): Promise<never> {
    await this.deps.connection.update({ status: "reconnect_required", lastError: why, accessToken: "", accessTokenExpiresAt: 0 });
    throw reconnectError(why);
  }
}
