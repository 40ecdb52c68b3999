/**
 * FortnoxAuth over Fortnox's OAuth server (apps.fortnox.se/oauth-v1, or the sandbox).
 * Client id and secret are read per call from the caller-supplied getter, never at import.
 */
import axios, { isAxiosError } from "axios";
import { DomainError } from "../../domain/errors";
import { reconnectError } from "../../ports/accounting-gateway";
import type { FortnoxAuth, TokenSet } from "../../ports/fortnox-auth";

export interface FortnoxOAuthOptions {
  authBase: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  timeoutMs?: number;
}

interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  scope: string;
}

export const FORTNOX_SCOPES = "bookkeeping companyinformation";

export class FortnoxOAuth implements FortnoxAuth {
  constructor(private readonly o: FortnoxOAuthOptions) {}

  private url(path: string): string {
    return `${this.o.authBase.replace(/\/$/, "")}/oauth-v1/${path}`;
  }

  consentUrl(input: { state: string; redirectUri: string; serviceAccount?: boolean }): string {
    const q = new URLSearchParams({
      client_id: this.o.clientId,
      redirect_uri: input.redirectUri,
      scope: this.o.scope ?? FORTNOX_SCOPES,
      state: input.state,
      response_type: "code",
      access_type: "offline",
      ...(input.serviceAccount ? { account_type: "service" } : {}),
    });
    return `${this.url("auth")}?${q.toString()}`;
  }

  exchangeCode(code: string, redirectUri: string): Promise<TokenSet> {
    return this.token({ grant_type: "authorization_code", code, redirect_uri: redirectUri }, "exchanging the authorization code");
  }

  clientCredentials(tenantId: string): Promise<TokenSet> {
    return this.token({ grant_type: "client_credentials" }, "client credentials", { TenantId: tenantId });
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    try {
      return await this.token({ grant_type: "refresh_token", refresh_token: refreshToken }, "refreshing the token");
    } catch (error) {
      if (error instanceof DomainError && error.details?.["oauthError"] === "invalid_grant") throw reconnectError(error.message);
      throw error;
    }
  }

  async revoke(refreshToken: string): Promise<void> {
    try {
      await axios.post(this.url("revoke"), new URLSearchParams({ token_type_hint: "refresh_token", token: refreshToken }).toString(), {
        auth: { username: this.o.clientId, password: this.o.clientSecret },
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        timeout: this.o.timeoutMs ?? 20_000,
      });
    } catch (error) {
      throw this.mapError(error, "revoking the token");
    }
  }

  private async token(form: Record<string, string>, what: string, headers: Record<string, string> = {}): Promise<TokenSet> {
    try {
      const res = await axios.post<TokenResponse>(this.url("token"), new URLSearchParams(form).toString(), {
        auth: { username: this.o.clientId, password: this.o.clientSecret },
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
        timeout: this.o.timeoutMs ?? 20_000,
      });
      return {
        accessToken: res.data.access_token,
        ...(res.data.refresh_token ? { refreshToken: res.data.refresh_token } : {}),
        expiresInSeconds: res.data.expires_in,
        scope: res.data.scope,
      };
    } catch (error) {
      throw this.mapError(error, what);
    }
  }

  private mapError(error: unknown, what: string): DomainError {
    if (isAxiosError(error) && error.response && error.response.status < 500) {
      const body = (error.response.data ?? {}) as { error?: string; error_description?: string };
      return new DomainError(
        "provider_rejected",
        `Fortnox refused ${what}: ${body.error_description ?? body.error ?? `HTTP ${error.response.status}`}`,
        undefined,
        { status: error.response.status, ...(body.error ? { oauthError: body.error } : {}) },
      );
    }
    return new DomainError("provider_unavailable", `Fortnox did not answer ${what}`, undefined, { ambiguous: false });
  }
}
