import assert from "node:assert/strict";
import { FortnoxTokens } from "../../../src/app/accounting/fortnox-tokens";
import { DomainError, isDomainError } from "../../../src/domain/errors";
import { reconnectError, RECONNECT_MESSAGE } from "../../../src/ports/accounting-gateway";
import type { FortnoxAuth, TokenSet } from "../../../src/ports/fortnox-auth";
import { FORTNOX_REFRESH_TOKEN_SECRET } from "../../../src/ports/secret-store";
import { FixedClock } from "../../fakes/fixed-clock";
import { InMemoryConnectionStore, InMemorySecretStore } from "../../fakes/in-memory-fortnox-stores";

const T0 = Date.parse("2026-11-23T01:00:00Z");

/** Fortnox's token endpoint: each refresh rotates the refresh token; scripted failures. */
class FakeAuth implements FortnoxAuth {
  refreshed: string[] = [];
  tenants: string[] = [];
  refreshThrows: unknown = null;
  noRefreshToken = false;
  private n = 0;
  consentUrl() {
    return "";
  }
  async exchangeCode(): Promise<TokenSet> {
    throw new Error("not used");
  }
  async clientCredentials(tenantId: string): Promise<TokenSet> {
    this.tenants.push(tenantId);
    return { accessToken: `cc-${++this.n}`, expiresInSeconds: 3600, scope: "bookkeeping" };
  }
  async refresh(refreshToken: string): Promise<TokenSet> {
    this.refreshed.push(refreshToken);
    if (this.refreshThrows) throw this.refreshThrows;
    const n = ++this.n;
    return { accessToken: `at-${n}`, ...(this.noRefreshToken ? {} : { refreshToken: `rt-${n}` }), expiresInSeconds: 3600, scope: "bookkeeping" };
  }
  async revoke() {}
}

function world(options: { waitMs?: number } = {}, onSleep: (w: { connection: InMemoryConnectionStore; clock: FixedClock }) => void = () => {}) {
  const clock = new FixedClock(T0);
  const connection = new InMemoryConnectionStore();
  connection.connection = { status: "connected", mode: "authorization_code" };
  const secrets = new InMemorySecretStore();
  secrets.versions.set(FORTNOX_REFRESH_TOKEN_SECRET, ["rt-0"]);
  const auth = new FakeAuth();
  const sleeps: number[] = [];
  const tokens = new FortnoxTokens({
    auth,
    connection,
    secrets,
    clock,
    holderId: "me",
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(1000);
      onSleep({ connection, clock });
    },
    ...options,
  });
  return { clock, connection, secrets, auth, sleeps, tokens };
}
const needsReconnect = (why: string) => (e: unknown) => isDomainError(e) && e.details?.["reconnect"] === true && e.message === `${RECONNECT_MESSAGE} (${why})`;

describe("Fortnox access tokens", () => {
  it("a fresh cached token is used as is; one within five minutes of expiry is renewed first", async () => {
    const { connection, auth, tokens, clock } = world();
    connection.connection = { ...connection.connection, accessToken: "cached", accessTokenExpiresAt: T0 + 5 * 60_000 + 1 };
    assert.equal(await tokens.accessToken(), "cached");
    assert.deepEqual(auth.refreshed, []);
    for (const left of [5 * 60_000, 60_000]) {
      connection.connection = { ...connection.connection, accessToken: "cached", accessTokenExpiresAt: clock.ms + left };
      assert.notEqual(await tokens.accessToken(), "cached", `${left} ms left is too little`);
    }
    assert.equal(auth.refreshed.length, 2);
  });

  it("a renewal stores the rotated refresh token and caches the access token with its expiry", async () => {
    const { connection, secrets, auth, tokens } = world();
    assert.equal(await tokens.accessToken(), "at-1");
    assert.deepEqual(auth.refreshed, ["rt-0"]);
    assert.deepEqual(secrets.versions.get(FORTNOX_REFRESH_TOKEN_SECRET), ["rt-0", "rt-1"]);
    assert.deepEqual(
      { accessToken: connection.connection.accessToken, accessTokenExpiresAt: connection.connection.accessTokenExpiresAt, scope: connection.connection.scope },
      { accessToken: "at-1", accessTokenExpiresAt: T0 + 3600_000, scope: "bookkeeping" },
    );
    assert.equal(connection.lease, null, "the lease is released");
    assert.equal(await tokens.accessToken(), "at-1", "the next caller reuses it");
    assert.equal(auth.refreshed.length, 1);
  });

  it("a service account gets its token for its tenant, with no refresh token to keep", async () => {
    const { connection, secrets, auth, tokens } = world();
    connection.connection = { status: "connected", mode: "client_credentials", tenantId: "1234567" };
    assert.equal(await tokens.accessToken(), "cc-1");
    assert.deepEqual(auth.tenants, ["1234567"]);
    assert.deepEqual(secrets.versions.get(FORTNOX_REFRESH_TOKEN_SECRET), ["rt-0"]);
  });

  it("a connection that is not connected, or needs a reconnect, gives no token even with one cached", async () => {
    const { connection, tokens } = world();
    connection.connection = { status: "disconnected", accessToken: "cached", accessTokenExpiresAt: T0 + 3600_000 };
    await assert.rejects(tokens.accessToken(), needsReconnect("Fortnox is not connected"));
    connection.connection = { status: "reconnect_required", lastError: "invalid_grant", accessToken: "cached", accessTokenExpiresAt: T0 + 3600_000 };
    await assert.rejects(tokens.accessToken(), needsReconnect("invalid_grant"));
  });

  for (const [what, arrange, why] of [
    ["no refresh token is stored", (w: ReturnType<typeof world>) => w.secrets.versions.set(FORTNOX_REFRESH_TOKEN_SECRET, []), "no refresh token is stored"],
    ["Fortnox returns no refresh token", (w: ReturnType<typeof world>) => (w.auth.noRefreshToken = true), "Fortnox returned no refresh token"],
    ["Fortnox says the refresh token is revoked", (w: ReturnType<typeof world>) => (w.auth.refreshThrows = reconnectError("invalid_grant")), `${RECONNECT_MESSAGE} (invalid_grant)`],
  ] as const) {
    it(`${what}: the connection is marked as needing a reconnect, its token cleared`, async () => {
      const w = world();
      w.connection.connection = { ...w.connection.connection, accessToken: "old", accessTokenExpiresAt: T0 + 60_000 };
      arrange(w);
      await assert.rejects(w.tokens.accessToken(), needsReconnect(why));
      assert.deepEqual(
        { status: w.connection.connection.status, lastError: w.connection.connection.lastError, accessToken: w.connection.connection.accessToken, accessTokenExpiresAt: w.connection.connection.accessTokenExpiresAt },
        { status: "reconnect_required", lastError: why, accessToken: "", accessTokenExpiresAt: 0 },
      );
    });
  }

  it("a refresh that fails for another reason is passed on and leaves the connection as it was", async () => {
    for (const thrown of [new DomainError("provider_unavailable", "Fortnox did not answer"), new Error("socket hang up")]) {
      const w = world();
      w.auth.refreshThrows = thrown;
      await assert.rejects(w.tokens.accessToken(), (e) => e === thrown);
      assert.equal(w.connection.connection.status, "connected");
      assert.equal(w.connection.lease, null);
    }
  });

  it("while another instance refreshes it waits, briefly each time, then uses that instance's token", async () => {
    // The other instance finishes during our first wait.
    const w = world({}, ({ connection, clock }) => {
      connection.connection = { ...connection.connection, accessToken: "theirs", accessTokenExpiresAt: clock.ms + 3600_000 };
    });
    w.connection.lease = { holder: "other", until: T0 + 60_000 };
    const sleepThenCache = w.sleeps;
    const pending = w.tokens.accessToken();
    assert.equal(await pending, "theirs");
    assert.equal(sleepThenCache.length, 1);
    assert.ok(sleepThenCache.every((ms) => ms >= 50 && ms < 150), `waits of 50-149 ms, got ${sleepThenCache.join(", ")}`);
    assert.deepEqual(w.auth.refreshed, []);
  });

  it("gives up once the wait is past, as unavailable", async () => {
    const w = world({ waitMs: 2000 });
    w.connection.lease = { holder: "other", until: T0 + 3600_000 };
    await assert.rejects(w.tokens.accessToken(), (e) => isDomainError(e) && e.kind === "provider_unavailable" && e.message === "Timed out waiting for another Fortnox token refresh; try again.");
    assert.equal(w.sleeps.length, 3, "each wait advances the clock a second: waits at 0, 1 and 2 s, gives up after 3 s");
  });

  it("invalidating forgets the token only if it is still the cached one", async () => {
    const { connection, tokens } = world();
    connection.connection = { ...connection.connection, accessToken: "newer", accessTokenExpiresAt: T0 + 3600_000 };
    await tokens.invalidate("older");
    assert.equal(connection.connection.accessToken, "newer");
    await tokens.invalidate("newer");
    assert.deepEqual([connection.connection.accessToken, connection.connection.accessTokenExpiresAt], ["", 0]);
  });
});
