import assert from "node:assert/strict";
import { completeFortnoxConnect, disconnectFortnox, fortnoxConnectUrl, connectFortnoxClientCredentials, type ConnectionDeps } from "../../../src/app/accounting/fortnox-connection";
import { FortnoxTokens } from "../../../src/app/accounting/fortnox-tokens";
import { FortnoxOAuth } from "../../../src/adapters/fortnox/fortnox-oauth";
import { isDomainError } from "../../../src/domain/errors";
import { FORTNOX_REFRESH_TOKEN_SECRET } from "../../../src/ports/secret-store";
import { FixedClock } from "../../fakes/fixed-clock";
import { consentCode, control, startSandbox, type RunningSandbox } from "../../fakes/fortnox-sandbox";
import { InMemoryConnectionStore, InMemorySecretStore } from "../../fakes/in-memory-fortnox-stores";
import { InMemoryAuditLog } from "../../fakes/in-memory-audit-log";

const admin = { uid: "demo-admin", role: "admin" as const, email: null };
const REDIRECT = "http://127.0.0.1:5001/demo-kassa/europe-west1/fortnoxOAuthCallback";

/** OAuth connection and token rotation against the real sandbox. */
describe("Fortnox connection and token rotation (sandbox)", function () {
  this.timeout(30000);
  let sandbox: RunningSandbox;
  let deps: ConnectionDeps;
  let connection: InMemoryConnectionStore;
  let secrets: InMemorySecretStore;
  let clock: FixedClock;
  let n = 0;
  let audit: InMemoryAuditLog;
  let alerts: string[];
  /** Who the consenting user's Fortnox company is (what /3/companyinformation answers). */
  let company: { name: string; organisationNumber: string | null };

  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => sandbox.close());
  beforeEach(async () => {
    await control(sandbox.url, "POST", "/reset");
    connection = new InMemoryConnectionStore();
    audit = new InMemoryAuditLog();
    alerts = [];
    company = { name: "Kassa Sandbox AB", organisationNumber: "559999-0001" };
    secrets = new InMemorySecretStore();
    clock = new FixedClock(Date.now());
    deps = {
      auth: new FortnoxOAuth({ authBase: sandbox.url, clientId: "kassa-local", clientSecret: "kassa-local-secret" }),
      connection,
      secrets,
      clock,
      randomState: () => `state-${"x".repeat(16)}-${++n}`,
      audit,
      identify: async () => company,
      alert: async (draft) => {
        alerts.push(draft.title);
      },
    };
  });

  async function connect(): Promise<void> {
    const { url } = await fortnoxConnectUrl(deps, admin, { redirectUri: REDIRECT });
    const { code, state } = await consentCode(url);
    const res = await completeFortnoxConnect(deps, { code, state });
    assert.equal(res.outcome, "connected");
  }

  const tokens = (holderId: string) => new FortnoxTokens({ ...deps, holderId, sleep: (ms) => new Promise((r) => setTimeout(r, ms / 10)) });

  it("connects with the authorization code, storing the refresh token; a wrong or reused state is refused", async () => {
    await connect();
    assert.equal(connection.connection.status, "connected");
    assert.ok(await secrets.readLatest(FORTNOX_REFRESH_TOKEN_SECRET));

    const { url } = await fortnoxConnectUrl(deps, admin, { redirectUri: REDIRECT });
    const { code } = await consentCode(url);
    await assert.rejects(completeFortnoxConnect(deps, { code, state: "forged-state-aaaaaaaaaaaa" }), (e: unknown) => isDomainError(e) && e.kind === "permission");
  });

  it("a refused consent returns a reason code, never Fortnox's text or a made-up error", async () => {
    const stateOf = async () => new URL((await fortnoxConnectUrl(deps, admin, { redirectUri: REDIRECT, returnPath: "/accountant" })).url).searchParams.get("state")!;
    const denied = await completeFortnoxConnect(deps, { state: await stateOf(), error: "access_denied", error_description: "Call +46 8 123 45 67 to unlock your account" });
    assert.deepEqual(denied, { returnPath: "/accountant", outcome: "error", reason: "access_denied" });
    const forged = await completeFortnoxConnect(deps, { state: await stateOf(), error: "Your account is locked, call +46 8 123 45 67" });
    assert.equal(forged.reason, "unknown");
    const empty = await completeFortnoxConnect(deps, { state: await stateOf() });
    assert.equal(empty.reason, "no_code");
    assert.equal(connection.connection.status, "disconnected");
  });

  it("N concurrent callers with an expired access token refresh once at a time and never burn the refresh token", async () => {
    await connect();
    // Expire the cached token so every caller wants a refresh at the same moment.
    connection.connection.accessTokenExpiresAt = 0;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => tokens(`instance-${i}`).accessToken()));
    assert.equal(new Set(results).size, 1, "one refresh served everyone");
    assert.equal(secrets.versions.get(FORTNOX_REFRESH_TOKEN_SECRET)!.length, 2, "exactly one rotation");

    // And again, many rounds, each expiring the token: the stored refresh token stays valid.
    for (let round = 0; round < 5; round++) {
      connection.connection.accessTokenExpiresAt = 0;
      await Promise.all(Array.from({ length: 8 }, (_, i) => tokens(`r${round}-${i}`).accessToken()));
    }
    connection.connection.accessTokenExpiresAt = 0;
    await tokens("final").accessToken();
    assert.equal(connection.connection.status, "connected");
    const log = (await control(sandbox.url, "GET", "/requests?path_prefix=/oauth-v1/token")) as { requests: { status: number }[] };
    assert.ok(log.requests.every((r) => r.status === 200), "no refresh was refused as invalid_grant");
  });

  it("without the lease, concurrent refreshes burn the token (the failure the lease prevents)", async () => {
    await connect();
    connection.leaseDisabled = true;
    connection.connection.accessTokenExpiresAt = 0;
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => tokens(`nolease-${i}`).accessToken()));
    assert.ok(results.some((r) => r.status === "rejected"), "some refresh lost the race");
  });

  it("a revoked grant turns into 'Reconnect Fortnox' and marks the connection", async () => {
    await connect();
    const refresh = (await secrets.readLatest(FORTNOX_REFRESH_TOKEN_SECRET))!;
    await deps.auth.revoke(refresh);
    connection.connection.accessTokenExpiresAt = 0;
    await assert.rejects(tokens("after-revoke").accessToken(), (e: unknown) => isDomainError(e) && /Reconnect Fortnox/.test(e.message) && e.details?.["reconnect"] === true);
    assert.equal(connection.connection.status, "reconnect_required");
  });

  it("disconnect revokes at Fortnox and forgets the token; client credentials need no refresh token", async () => {
    await connect();
    const refresh = (await secrets.readLatest(FORTNOX_REFRESH_TOKEN_SECRET))!;
    await disconnectFortnox(deps, admin);
    assert.equal(await secrets.readLatest(FORTNOX_REFRESH_TOKEN_SECRET), null);
    await assert.rejects(deps.auth.refresh(refresh), (e: unknown) => isDomainError(e) && e.details?.["reconnect"] === true);

    await connectFortnoxClientCredentials(deps, admin, { tenantId: "1234567" });
    connection.connection.accessTokenExpiresAt = 0;
    assert.ok(await tokens("cc").accessToken());
    await assert.rejects(connectFortnoxClientCredentials(deps, admin, { tenantId: "999" }), (e: unknown) => isDomainError(e) && e.kind === "provider_rejected");
  });
  const accountant = { uid: "demo-accountant", role: "accountant" as const, email: null };
  async function connectAs(caller: typeof admin | typeof accountant) {
    const { url } = await fortnoxConnectUrl(deps, caller, { redirectUri: REDIRECT });
    const { code, state } = await consentCode(url);
    return completeFortnoxConnect(deps, { code, state });
  }

  it("attack: an accountant cannot re-point the books to another company; refused, audited and alerted, nothing changed", async () => {
    await connect();
    const token = await secrets.readLatest(FORTNOX_REFRESH_TOKEN_SECRET);
    company = { name: "Someone Else AB", organisationNumber: "556677-8899" };
    const res = await connectAs(accountant);
    assert.deepEqual([res.outcome, res.reason], ["error", "different_company_needs_admin"]);
    assert.equal(connection.connection.organisationNumber, "559999-0001", "still the first company");
    assert.equal(await secrets.readLatest(FORTNOX_REFRESH_TOKEN_SECRET), token, "the stored refresh token is the old one");
    assert.deepEqual(audit.entries.map((e) => [e.action, e.by, e.details["to"]]), [
      ["fortnox_connected", "demo-admin", "559999-0001"],
      ["fortnox_repoint_refused", "demo-accountant", "556677-8899"],
    ]);
    assert.deepEqual(alerts, ["Byte av Fortnox-företag nekades"]);
  });

  it("an accountant may reconnect the same company (a token problem), and an admin may move the books, with an alert", async () => {
    await connect();
    assert.equal((await connectAs(accountant)).outcome, "connected");
    company = { name: "Ny Ägare AB", organisationNumber: "556000-1111" };
    assert.equal((await connectAs(admin)).outcome, "connected");
    assert.equal(connection.connection.organisationNumber, "556000-1111");
    assert.deepEqual(audit.entries.map((e) => e.action), ["fortnox_connected", "fortnox_connected", "fortnox_repointed"]);
    assert.deepEqual(alerts, ["Fortnox bokför nu till ett annat företag"]);
  });

  it("disconnecting is audited and remembers the company, so reconnecting elsewhere still takes an admin", async () => {
    await connect();
    await disconnectFortnox(deps, accountant);
    assert.equal(audit.entries.at(-1)?.action, "fortnox_disconnected");
    assert.equal(audit.entries.at(-1)?.by, "demo-accountant");
    company = { name: "Someone Else AB", organisationNumber: "556677-8899" };
    assert.equal((await connectAs(accountant)).reason, "different_company_needs_admin");
    assert.equal(connection.connection.status, "disconnected");
  });
});
