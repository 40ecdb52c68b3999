import assert from "node:assert/strict";
import axios, { type AxiosInstance } from "axios";
import { basicAuth, form, startSandbox, tenantId, tokenRequest } from "./helpers.js";

const redirectUri = "http://localhost:5173/fortnox/callback";

interface Tokens {
  access_token: string;
  refresh_token?: string;
  scope: string;
  expires_in: number;
  token_type: string;
}

/** Walks the consent page like a browser: read the form, press a button, follow nothing. */
async function consent(http: AxiosInstance, decision: "allow" | "deny", params: Record<string, string> = {}): Promise<URL> {
  const page = await http.get("/oauth-v1/auth", {
    params: { client_id: "kassa-local", redirect_uri: redirectUri, scope: "bookkeeping companyinformation", state: "st-42", response_type: "code", access_type: "offline", ...params },
  });
  assert.equal(page.status, 200);
  const htmlText = page.data as string;
  assert.match(htmlText, /id="allow"/);
  assert.match(htmlText, /id="deny"/);
  const fields: Record<string, string> = {};
  for (const m of htmlText.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1] ?? ""] = (m[2] ?? "").replace(/&amp;/g, "&");
  const res = await http.post("/oauth-v1/auth/decision", form({ ...fields, decision }), { headers: { "content-type": "application/x-www-form-urlencoded" } });
  assert.equal(res.status, 302);
  return new URL(res.headers.location as string);
}

async function codeFlowTokens(http: AxiosInstance): Promise<Tokens> {
  const location = await consent(http, "allow");
  const res = await tokenRequest(http, { grant_type: "authorization_code", code: location.searchParams.get("code") ?? "", redirect_uri: redirectUri });
  assert.equal(res.status, 200, JSON.stringify(res.data));
  return res.data as Tokens;
}

function api(url: string, accessToken: string): AxiosInstance {
  return axios.create({ baseURL: `${url}/3`, validateStatus: () => true, headers: { authorization: `Bearer ${accessToken}` } });
}

describe("OAuth", () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.http.post("/__sandbox/reset"));

  it("code flow: consent page -> code -> tokens that open the API", async () => {
    const location = await consent(sandbox.http, "allow");
    assert.equal(location.origin + location.pathname, redirectUri);
    assert.equal(location.searchParams.get("state"), "st-42");
    const code = location.searchParams.get("code");
    assert.ok(code);
    const res = await tokenRequest(sandbox.http, { grant_type: "authorization_code", code, redirect_uri: redirectUri });
    assert.equal(res.status, 200);
    const tokens = res.data as Tokens;
    assert.equal(tokens.expires_in, 3600);
    assert.equal(tokens.token_type, "bearer");
    assert.equal(tokens.scope, "bookkeeping companyinformation");
    assert.ok(tokens.refresh_token);
    const company = await api(sandbox.url, tokens.access_token).get("/companyinformation");
    assert.equal(company.status, 200);
    assert.equal(company.data.CompanyInformation.DatabaseNumber, Number(tenantId));
  });

  it("deny redirects with error=access_denied and no code", async () => {
    const location = await consent(sandbox.http, "deny");
    assert.equal(location.searchParams.get("error"), "access_denied");
    assert.equal(location.searchParams.get("code"), null);
    assert.equal(location.searchParams.get("state"), "st-42");
  });

  it("an unknown client_id gets an error page, not a redirect", async () => {
    const res = await sandbox.http.get("/oauth-v1/auth", { params: { client_id: "someone-else", redirect_uri: redirectUri, response_type: "code", state: "x" } });
    assert.equal(res.status, 400);
    assert.equal(res.headers.location, undefined);
  });

  it("refuses a wrong redirect_uri, then accepts the right one", async () => {
    const code = (await consent(sandbox.http, "allow")).searchParams.get("code") ?? "";
    const wrong = await tokenRequest(sandbox.http, { grant_type: "authorization_code", code, redirect_uri: "http://evil.example/cb" });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.data.error, "invalid_grant");
    assert.ok(wrong.data.error_description);
    const right = await tokenRequest(sandbox.http, { grant_type: "authorization_code", code, redirect_uri: redirectUri });
    assert.equal(right.status, 200);
  });

  it("an authorization code is single use", async () => {
    const code = (await consent(sandbox.http, "allow")).searchParams.get("code") ?? "";
    const first = await tokenRequest(sandbox.http, { grant_type: "authorization_code", code, redirect_uri: redirectUri });
    assert.equal(first.status, 200);
    const again = await tokenRequest(sandbox.http, { grant_type: "authorization_code", code, redirect_uri: redirectUri });
    assert.equal(again.status, 400);
    assert.equal(again.data.error, "invalid_grant");
  });

  it("an authorization code expires after 10 minutes", async () => {
    const code = (await consent(sandbox.http, "allow")).searchParams.get("code") ?? "";
    await sandbox.http.post("/__sandbox/clock", { advance_seconds: 601 });
    const res = await tokenRequest(sandbox.http, { grant_type: "authorization_code", code, redirect_uri: redirectUri });
    assert.equal(res.data.error, "invalid_grant");
  });

  it("refuses bad client authentication with 401 invalid_client", async () => {
    const res = await sandbox.http.post("/oauth-v1/token", form({ grant_type: "client_credentials" }), {
      headers: { authorization: `Basic ${Buffer.from("kassa-local:wrong").toString("base64")}`, TenantId: tenantId },
    });
    assert.equal(res.status, 401);
    assert.equal(res.data.error, "invalid_client");
  });

  it("refresh rotates: the new refresh token works, the old one is refused", async () => {
    const first = await codeFlowTokens(sandbox.http);
    const second = await tokenRequest(sandbox.http, { grant_type: "refresh_token", refresh_token: first.refresh_token ?? "" });
    assert.equal(second.status, 200);
    assert.ok(second.data.refresh_token);
    assert.notEqual(second.data.refresh_token, first.refresh_token);
    const reused = await tokenRequest(sandbox.http, { grant_type: "refresh_token", refresh_token: first.refresh_token ?? "" });
    assert.equal(reused.status, 400);
    assert.equal(reused.data.error, "invalid_grant");
    const third = await tokenRequest(sandbox.http, { grant_type: "refresh_token", refresh_token: second.data.refresh_token });
    assert.equal(third.status, 200);
    const counts = await sandbox.http.get("/__sandbox/tokens");
    assert.equal(counts.data.refresh_tokens, 1, "only the newest refresh token is alive");
  });

  it("of concurrent refreshes with the same token exactly one wins", async () => {
    const tokens = await codeFlowTokens(sandbox.http);
    const results = await Promise.all(Array.from({ length: 5 }, () => tokenRequest(sandbox.http, { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" })));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 400, 400, 400, 400]);
    assert.ok(results.filter((r) => r.status === 400).every((r) => r.data.error === "invalid_grant"));
  });

  it("access tokens expire after 3600 s on the sandbox clock; a refresh still works", async () => {
    const tokens = await codeFlowTokens(sandbox.http);
    const client = api(sandbox.url, tokens.access_token);
    assert.equal((await client.get("/financialyears")).status, 200);
    await sandbox.http.post("/__sandbox/clock", { advance_seconds: 3601 });
    const expired = await client.get("/financialyears");
    assert.equal(expired.status, 401);
    assert.deepEqual(expired.data, { message: "unauthorized" });
    const refreshed = await tokenRequest(sandbox.http, { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" });
    assert.equal(refreshed.status, 200);
    assert.equal((await api(sandbox.url, refreshed.data.access_token).get("/financialyears")).status, 200);
  });

  it("client credentials: allowed for the sandbox's tenant, no refresh token, other tenants refused", async () => {
    const ok = await tokenRequest(sandbox.http, { grant_type: "client_credentials" }, { TenantId: tenantId });
    assert.equal(ok.status, 200);
    assert.equal(ok.data.refresh_token, undefined);
    assert.equal(ok.data.expires_in, 3600);
    assert.equal((await api(sandbox.url, ok.data.access_token).get("/accounts")).status, 200);
    const other = await tokenRequest(sandbox.http, { grant_type: "client_credentials" }, { TenantId: "999" });
    assert.equal(other.status, 400);
    assert.equal(other.data.error, "unauthorized_client");
    const none = await tokenRequest(sandbox.http, { grant_type: "client_credentials" });
    assert.equal(none.data.error, "invalid_request");
  });

  it("client credentials with requireServiceConsent: refused until a service consent is given", async () => {
    const strict = await startSandbox({ requireServiceConsent: true });
    try {
      const before = await tokenRequest(strict.http, { grant_type: "client_credentials" }, { TenantId: tenantId });
      assert.equal(before.data.error, "unauthorized_client");
      await consent(strict.http, "allow", { account_type: "service" });
      const after = await tokenRequest(strict.http, { grant_type: "client_credentials" }, { TenantId: tenantId });
      assert.equal(after.status, 200);
    } finally {
      await strict.close();
    }
  });

  it("revoke ends the refresh token and the grant's access tokens", async () => {
    const tokens = await codeFlowTokens(sandbox.http);
    const res = await sandbox.http.post("/oauth-v1/revoke", form({ token_type_hint: "refresh_token", token: tokens.refresh_token ?? "" }), {
      headers: { authorization: basicAuth, "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(res.status, 200);
    const refresh = await tokenRequest(sandbox.http, { grant_type: "refresh_token", refresh_token: tokens.refresh_token ?? "" });
    assert.equal(refresh.data.error, "invalid_grant");
    assert.equal((await api(sandbox.url, tokens.access_token).get("/financialyears")).status, 401);
    assert.deepEqual((await sandbox.http.get("/__sandbox/tokens")).data, { access_tokens: 0, refresh_tokens: 0, auth_codes: 0 });
  });

  it("an access token without the bookkeeping scope cannot post vouchers", async () => {
    const location = await consent(sandbox.http, "allow", { scope: "companyinformation" });
    const res = await tokenRequest(sandbox.http, { grant_type: "authorization_code", code: location.searchParams.get("code") ?? "", redirect_uri: redirectUri });
    const client = api(sandbox.url, res.data.access_token);
    assert.equal((await client.get("/companyinformation")).status, 200);
    const vouchers = await client.get("/vouchers");
    assert.equal(vouchers.status, 403);
    assert.equal(vouchers.data.ErrorInformation.code, 2000663);
  });

  it("API calls without a bearer token get Fortnox's bare 401: no envelope, no code", async () => {
    const res = await sandbox.http.get("/3/vouchers");
    assert.equal(res.status, 401);
    assert.deepEqual(res.data, { message: "unauthorized" });
  });
});
