import type { FortnoxConnection, FortnoxConnectionStore, OAuthStateRecord } from "../../src/ports/fortnox-connection-store";
import type { SecretStore } from "../../src/ports/secret-store";

/**
 * Connection store in memory. Every method yields to the event loop first, so concurrent
 * callers interleave the way separate function instances would.
 */
export class InMemoryConnectionStore implements FortnoxConnectionStore {
  connection: FortnoxConnection = { status: "disconnected" };
  lease: { holder: string; until: number } | null = null;
  states = new Map<string, OAuthStateRecord>();
  /** Turn the lease off to show what goes wrong without it. */
  leaseDisabled = false;

  private tick = () => new Promise<void>((r) => setImmediate(r));

  async get() {
    await this.tick();
    return structuredClone(this.connection);
  }
  async set(c: FortnoxConnection) {
    await this.tick();
    this.connection = structuredClone(c);
  }
  async update(patch: Partial<FortnoxConnection>) {
    await this.tick();
    this.connection = { ...this.connection, ...structuredClone(patch) };
  }
  async tryAcquireLease(holder: string, nowMs: number, ttlMs: number) {
    await this.tick();
    if (this.leaseDisabled) return true;
    // Check and set without an await in between: the in-memory equivalent of a transaction.
    if (this.lease && this.lease.holder !== holder && this.lease.until > nowMs) return false;
    this.lease = { holder, until: nowMs + ttlMs };
    return true;
  }
  async releaseLease(holder: string) {
    await this.tick();
    if (this.lease?.holder === holder) this.lease = null;
  }
  async saveOAuthState(state: string, record: OAuthStateRecord) {
    this.states.set(state, record);
  }
  async takeOAuthState(state: string) {
    const r = this.states.get(state) ?? null;
    this.states.delete(state);
    return r;
  }
}

export class InMemorySecretStore implements SecretStore {
  versions = new Map<string, string[]>();
  async readLatest(name: string) {
    await new Promise<void>((r) => setImmediate(r));
    const v = this.versions.get(name);
    const last = v?.[v.length - 1];
    return last ? last : null;
  }
  async writeVersion(name: string, value: string) {
    await new Promise<void>((r) => setImmediate(r));
    this.versions.set(name, [...(this.versions.get(name) ?? []), value]);
  }
  async clear(name: string) {
    this.versions.set(name, [...(this.versions.get(name) ?? []), ""]);
  }
}
