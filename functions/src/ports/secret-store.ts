/**
 * Named secrets the code itself rotates (the Fortnox refresh token). Production keeps them in
 * Secret Manager (one new version per write, the latest wins); the emulator uses Firestore.
 */
export interface SecretStore {
  /** The latest value, or null when the secret has never been written or was cleared. */
  readLatest(name: string): Promise<string | null>;
  /** Stores `value` as the new latest version; resolves only once it is durable. */
  writeVersion(name: string, value: string): Promise<void>;
  /** Makes readLatest return null (disconnect). */
  clear(name: string): Promise<void>;
}

export const FORTNOX_REFRESH_TOKEN_SECRET = "FORTNOX_REFRESH_TOKEN";
