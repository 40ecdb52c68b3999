/**
 * Server-only state of the Fortnox connection: how Kassa is connected, the cached access
 * token (the refresh token lives in the SecretStore), the refresh lease and OAuth states.
 * Never readable by clients; the web app asks the fortnoxStatus callable.
 */
export type FortnoxConnectionStatus = "disconnected" | "connected" | "reconnect_required";
export type FortnoxConnectionMode = "authorization_code" | "client_credentials";

export interface FortnoxConnection {
  status: FortnoxConnectionStatus;
  mode?: FortnoxConnectionMode;
  tenantId?: string;
  scope?: string;
  connectedAt?: number;
  connectedBy?: string;
  accessToken?: string;
  /** Epoch ms. */
  accessTokenExpiresAt?: number;
  /** Why the connection needs attention (shown to admins and accountants). */
  lastError?: string;
  /** The company the books go to, as Fortnox names it: a re-point to another needs an admin. */
  organisationNumber?: string | null;
  companyName?: string;
}

export interface OAuthStateRecord {
  uid: string;
  /** The role the starter's token carried (admin or accountant). */
  role?: string | null;
  redirectUri: string;
  /** Where the browser goes back to after the callback (accountant or admin page). */
  returnPath: string;
  createdAt: number;
}

export interface FortnoxConnectionStore {
  get(): Promise<FortnoxConnection>;
  /** Replaces the whole connection document (connect, disconnect). */
  set(connection: FortnoxConnection): Promise<void>;
  update(patch: Partial<FortnoxConnection>): Promise<void>;
  /**
   * Takes the refresh lease if it is free or expired, atomically (a Firestore transaction):
   * at most one holder refreshes the single-use refresh token at a time.
   */
  tryAcquireLease(holder: string, nowMs: number, ttlMs: number): Promise<boolean>;
  releaseLease(holder: string): Promise<void>;
  saveOAuthState(state: string, record: OAuthStateRecord): Promise<void>;
  /** Returns and deletes the state, so a callback URL works once. */
  takeOAuthState(state: string): Promise<OAuthStateRecord | null>;
}
