/** Fortnox's OAuth server as the connection use cases need it. */
export interface TokenSet {
  accessToken: string;
  /** Absent for client credentials. */
  refreshToken?: string;
  expiresInSeconds: number;
  scope: string;
}

export interface FortnoxAuth {
  consentUrl(input: { state: string; redirectUri: string; serviceAccount?: boolean }): string;
  exchangeCode(code: string, redirectUri: string): Promise<TokenSet>;
  clientCredentials(tenantId: string): Promise<TokenSet>;
  /**
   * Rotates a single-use refresh token. An invalid or revoked token is DomainError
   * `precondition` with details.reconnect = true.
   */
  refresh(refreshToken: string): Promise<TokenSet>;
  revoke(refreshToken: string): Promise<void>;
}

/** What the API adapter asks for a bearer token; the app layer implements it (fortnox-tokens). */
export interface AccessTokenSource {
  accessToken(): Promise<string>;
  /** The API said 401 for this token: forget it so the next call refreshes. */
  invalidate(accessToken: string): Promise<void>;
}
