import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { AxiosResponse } from "axios";
import { z } from "zod";
import { ConfirmedCode, SandboxCode } from "../src/errors.js";
import { startFortnoxSandbox, type FortnoxSandbox } from "../src/server.js";
import { Conformance } from "./conformance-recorder.js";
import {
  AccountList,
  AccountWrap,
  CompanyInformationWrap,
  ConsentDeniedRedirect,
  ConsentRedirect,
  ErrorEnvelope,
  FinancialYearList,
  FinancialYearWrap,
  LockedPeriodWrap,
  MetaInformation,
  NotFoundEnvelope,
  OAuthError,
  TokenResponse,
  Unauthorized,
  Voucher,
  VoucherCreateBody,
  VoucherList,
  VoucherListItem,
  VoucherSeriesList,
  VoucherSeriesWrap,
  VoucherWrap,
} from "./fortnox-shapes.js";
import { basicAuth, clientId, currentYear, saleVoucher, tenantId, today } from "./helpers.js";

const redirectUri = "http://localhost:5173/fortnox/callback";
const formHeaders = { authorization: basicAuth, "content-type": "application/x-www-form-urlencoded" };
const form = (values: Record<string, string>) => new URLSearchParams(values).toString();

const noRefreshToken = (_res: AxiosResponse<string>, body: unknown) =>
  typeof body === "object" && body !== null && "refresh_token" in body ? ["client credentials must not return a refresh token"] : [];
const hasRefreshToken = (_res: AxiosResponse<string>, body: unknown) =>
  typeof body === "object" && body !== null && "refresh_token" in body ? [] : ["this grant must return a refresh token"];
const noRetryAfter = (res: AxiosResponse<string>) => (res.headers["retry-after"] === undefined ? [] : ["Fortnox sends no Retry-After"]);
const jsonContentType = (res: AxiosResponse<string>) =>
  String(res.headers["content-type"] ?? "").startsWith("application/json") ? [] : [`content-type ${String(res.headers["content-type"])}`];
const emptyBody = z.literal("");
const consentPage = z.string().regex(/<form method="post" action="\/oauth-v1\/auth\/decision">/);

/**
 * Every endpoint Kassa calls (functions/src/adapters/fortnox: financialyears?date, accounts
 * paged, settings/lockedperiod, POST vouchers?financialyear, vouchers/sublist paged,
 * vouchers/{series}/{number}; oauth-v1 auth/token/revoke) and the rest of what the sandbox
 * serves, each answer checked against fortnox-shapes.ts, then every error path: each 400
 * code, 401, 403, each 404, 429, a 5xx, and the OAuth errors.
 */
describe("Fortnox conformance", function () {
  this.timeout(60000);
  let sandbox: FortnoxSandbox;
  let limited: FortnoxSandbox;
  const c = new Conformance();

  before(async () => {
    sandbox = await startFortnoxSandbox({ port: 0, rateLimit: 0 });
    limited = await startFortnoxSandbox({ port: 0, rateLimit: 3 });
  });
  after(async () => {
    await sandbox.close();
    await limited.close();
  });

  it("answers every endpoint and error path in Fortnox's documented shapes, with 0 deviations", async () => {
    const root = Conformance.client(sandbox.url);
    const control = Conformance.client(sandbox.url, { "content-type": "application/json" });
    const setControl = (path: string, body: unknown) => control.post(`/__sandbox${path}`, JSON.stringify(body));

    // --- OAuth: the authorization-code flow, refresh rotation, client credentials, revoke ---
    const authParams = { client_id: clientId, redirect_uri: redirectUri, scope: "bookkeeping companyinformation", state: "st-1", response_type: "code", access_type: "offline" };
    await c.call("GET /oauth-v1/auth", "consent page", () => root.get("/oauth-v1/auth", { params: authParams }), { status: 200, shape: consentPage, from: "text" });
    const decision = (choice: string, extra: Record<string, string> = {}) =>
      root.post("/oauth-v1/auth/decision", form({ client_id: clientId, redirect_uri: redirectUri, scope: "bookkeeping companyinformation", state: "st-1", account_type: "", decision: choice, ...extra }), {
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    const allowed = (await c.call("POST /oauth-v1/auth/decision", "allow", () => decision("allow"), { status: 302, shape: ConsentRedirect, from: "location" })) as { code: string };
    await c.call("POST /oauth-v1/auth/decision", "deny", () => decision("deny"), { status: 302, shape: ConsentDeniedRedirect, from: "location" });

    const token = (values: Record<string, string>, headers: Record<string, string> = {}) => root.post("/oauth-v1/token", form(values), { headers: { ...formHeaders, ...headers } });
    const codeTokens = (await c.call("POST /oauth-v1/token", "authorization_code", () => token({ grant_type: "authorization_code", code: allowed.code, redirect_uri: redirectUri }), {
      status: 200,
      shape: TokenResponse,
      also: hasRefreshToken,
    })) as { refresh_token: string; access_token: string };
    const refreshed = (await c.call("POST /oauth-v1/token", "refresh_token", () => token({ grant_type: "refresh_token", refresh_token: codeTokens.refresh_token }), {
      status: 200,
      shape: TokenResponse,
      also: (res, body) => [...hasRefreshToken(res, body), ...((body as { refresh_token?: string }).refresh_token === codeTokens.refresh_token ? ["the refresh token must rotate"] : [])],
    })) as { refresh_token: string; access_token: string };
    const service = (await c.call("POST /oauth-v1/token", "client_credentials", () => token({ grant_type: "client_credentials" }, { TenantId: tenantId }), {
      status: 200,
      shape: TokenResponse,
      also: noRefreshToken,
    })) as { access_token: string };

    const oauthErrors: Array<[string, () => Promise<AxiosResponse<string>>, 400 | 401, string]> = [
      ["reused refresh token", () => token({ grant_type: "refresh_token", refresh_token: codeTokens.refresh_token }), 400, "invalid_grant"],
      ["used authorization code", () => token({ grant_type: "authorization_code", code: allowed.code, redirect_uri: redirectUri }), 400, "invalid_grant"],
      ["unknown code", () => token({ grant_type: "authorization_code", code: "nope", redirect_uri: redirectUri }), 400, "invalid_grant"],
      ["client credentials without TenantId", () => token({ grant_type: "client_credentials" }), 400, "invalid_request"],
      ["client credentials for a tenant without consent", () => token({ grant_type: "client_credentials" }, { TenantId: "999" }), 400, "unauthorized_client"],
      ["password grant", () => token({ grant_type: "password" }), 400, "unsupported_grant_type"],
      ["no client authentication", () => root.post("/oauth-v1/token", form({ grant_type: "client_credentials" }), { headers: { TenantId: tenantId } }), 401, "invalid_client"],
      ["wrong client secret", () => token({ grant_type: "client_credentials" }, { authorization: `Basic ${Buffer.from(`${clientId}:wrong`).toString("base64")}`, TenantId: tenantId }), 401, "invalid_client"],
    ];
    for (const [label, send, status, error] of oauthErrors) {
      await c.call("POST /oauth-v1/token", label, send, {
        status,
        shape: OAuthError,
        also: (_res, body) => ((body as { error?: string } | undefined)?.error === error ? [] : [`error ${JSON.stringify(body)}, expected ${error}`]),
      });
    }

    const api = (accessToken: string) => Conformance.client(`${sandbox.url}/3`, { authorization: `Bearer ${accessToken}`, "content-type": "application/json" });
    const fx = api(service.access_token);

    // --- Bookkeeping reads ---
    await c.call("GET /3/companyinformation", "company", () => fx.get("/companyinformation"), { status: 200, shape: CompanyInformationWrap, also: jsonContentType });
    const yearOf = (await c.call("GET /3/financialyears", "?date= today (Kassa's lookup)", () => fx.get("/financialyears", { params: { date: today() } }), {
      status: 200,
      shape: FinancialYearList,
      also: (_r, body) => ((body as { FinancialYears?: unknown[] }).FinancialYears?.length === 1 ? [] : ["one year holds today"]),
    })) as { FinancialYears: Array<{ Id: number }> };
    const yearId = yearOf.FinancialYears[0]?.Id ?? 0;
    await c.call("GET /3/financialyears", "?date= with no year (empty list)", () => fx.get("/financialyears", { params: { date: `${currentYear() - 9}-01-01` } }), { status: 200, shape: FinancialYearList });
    await c.call("GET /3/financialyears", "all", () => fx.get("/financialyears"), { status: 200, shape: FinancialYearList });
    await c.call("GET /3/financialyears/{Id}", "this year", () => fx.get(`/financialyears/${yearId}`), { status: 200, shape: FinancialYearWrap });
    await c.call("GET /3/accounts", "page 1, limit 500 (Kassa's chart read)", () => fx.get("/accounts", { params: { financialyear: yearId, page: 1, limit: 500 } }), { status: 200, shape: AccountList });
    await c.call("GET /3/accounts", "page 2 of 5-item pages", () => fx.get("/accounts", { params: { financialyear: yearId, page: 2, limit: 5 } }), { status: 200, shape: AccountList });
    await c.call("GET /3/accounts/{Number}", "1580", () => fx.get("/accounts/1580", { params: { financialyear: yearId } }), { status: 200, shape: AccountWrap });
    await c.call("GET /3/voucherseries", "all", () => fx.get("/voucherseries"), { status: 200, shape: VoucherSeriesList });
    await c.call("GET /3/voucherseries/{Code}", "A", () => fx.get("/voucherseries/A"), { status: 200, shape: VoucherSeriesWrap });
    await c.call("GET /3/settings/lockedperiod", "seeded lock", () => fx.get("/settings/lockedperiod"), { status: 200, shape: LockedPeriodWrap });
    await setControl("/lockedperiod", { date: null });
    await c.call("GET /3/settings/lockedperiod", "nothing locked", () => fx.get("/settings/lockedperiod"), {
      status: 200,
      shape: LockedPeriodWrap,
      also: (_r, body) => ((body as { LockedPeriod?: { EndDate?: string } }).LockedPeriod?.EndDate === "" ? [] : ['EndDate "" when nothing is locked']),
    });
    await setControl("/reset", { keep_tokens: true });

    // --- Vouchers: create (the bodies are what Kassa's gateway sends), read, list, page ---
    const bodies = [
      saleVoucher({ Description: "KASSA conformance 1" }),
      saleVoucher({ Description: "KASSA conformance 2", Comments: "Kassa v1: 3 ledger entries" }),
      saleVoucher({ Description: "KASSA conformance 3" }),
    ];
    for (const [i, body] of bodies.entries()) {
      assert.ok(VoucherCreateBody.safeParse(body).success, "the suite posts documented voucher bodies");
      await c.call("POST /3/vouchers", `?financialyear= voucher ${i + 1}`, () => fx.post("/vouchers", JSON.stringify(body), { params: { financialyear: yearId } }), {
        status: 201,
        shape: VoucherWrap,
        also: (_r, b) => ((b as { Voucher?: { VoucherNumber?: number } }).Voucher?.VoucherNumber === i + 1 ? [] : ["numbers run 1, 2, 3 in the series"]),
      });
    }
    await c.call("POST /3/vouchers", "no financialyear: preselected year", () => fx.post("/vouchers", JSON.stringify(saleVoucher({ Description: "KASSA preselected" }))), { status: 201, shape: VoucherWrap });
    await c.call("GET /3/vouchers/{Series}/{Number}", "A 2 with comments", () => fx.get("/vouchers/A/2", { params: { financialyear: yearId } }), { status: 200, shape: VoucherWrap });
    const sublist = (params: Record<string, unknown>) => () => fx.get("/vouchers/sublist/A", { params: { financialyear: yearId, fromdate: today(), todate: today(), ...params } });
    await c.call("GET /3/vouchers/sublist/{Series}", "the day, limit 500 (Kassa's marker lookup)", sublist({ page: 1, limit: 500 }), { status: 200, shape: VoucherList });
    for (const page of [1, 2, 3]) {
      await c.call("GET /3/vouchers/sublist/{Series}", `page ${page} of 2-item pages`, sublist({ page, limit: 2 }), {
        status: 200,
        shape: VoucherList,
        also: (_r, b) => {
          const meta = (b as { MetaInformation?: Record<string, number> }).MetaInformation;
          return meta?.["@TotalPages"] === 2 && meta["@CurrentPage"] === page ? [] : [`meta ${JSON.stringify(meta)}`];
        },
      });
    }
    await c.call("GET /3/vouchers/sublist/{Series}", "a day with nothing booked", () => fx.get("/vouchers/sublist/A", { params: { financialyear: yearId, fromdate: `${currentYear()}-01-01`, todate: `${currentYear()}-01-01` } }), {
      status: 200,
      shape: VoucherList,
      also: (_r, b) => (today().endsWith("-01-01") || (b as { MetaInformation?: Record<string, number> }).MetaInformation?.["@TotalPages"] === 0 ? [] : ["@TotalPages 0 for an empty list"]),
    });
    await c.call("GET /3/vouchers/sublist/{Series}", "series S, empty", () => fx.get("/vouchers/sublist/S", { params: { financialyear: yearId } }), { status: 200, shape: VoucherList });
    await c.call("GET /3/vouchers", "the year", () => fx.get("/vouchers", { params: { financialyear: yearId } }), { status: 200, shape: VoucherList });

    // --- 400s: each code the voucher validation answers ---
    const y = currentYear();
    const refusals: Array<[string, unknown, number, string?]> = [
      ["account not found", saleVoucher({ VoucherRows: [{ Account: 1580, Debit: 1 }, { Account: 1234, Credit: 1 }] }), ConfirmedCode.accountNotFound],
      ["account outside 1000-9999", saleVoucher({ VoucherRows: [{ Account: 1580, Debit: 1 }, { Account: 999, Credit: 1 }] }), ConfirmedCode.accountNotFound],
      ["locked period", saleVoucher({ TransactionDate: `${y - 1}-01-15` }), ConfirmedCode.lockedPeriod, "1"],
      ["not balanced", saleVoucher({ VoucherRows: [{ Account: 1580, Debit: 1 }, { Account: 3041, Credit: 0.99 }] }), ConfirmedCode.unbalanced],
      ["one row", saleVoucher({ VoucherRows: [{ Account: 1580, Debit: 1 }] }), ConfirmedCode.tooFewRows],
      ["no rows", saleVoucher({ VoucherRows: [] }), ConfirmedCode.tooFewRows],
      ["Description sent as a number", { Voucher: { ...saleVoucher().Voucher, Description: 7 } }, ConfirmedCode.notAlphanumeric],
      ["series code with a hyphen", saleVoucher({ VoucherSeries: "A-1" }), ConfirmedCode.notAlphanumeric],
      ["inactive account", saleVoucher({ VoucherRows: [{ Account: 1580, Debit: 1 }, { Account: 3990, Credit: 1 }] }), SandboxCode.accountInactive],
      ["series not for manual vouchers", saleVoucher({ VoucherSeries: "S" }), SandboxCode.seriesNotManual],
      ["date outside the given year", saleVoucher({ TransactionDate: `${y - 1}-12-30` }), SandboxCode.noFinancialYear],
      ["unknown financial year", saleVoucher(), SandboxCode.noFinancialYear, "99"],
      ["not a Voucher object", { voucher: {} }, SandboxCode.malformedBody],
      ["Description missing", saleVoucher({ Description: undefined }), SandboxCode.descriptionInvalid],
      ["TransactionDate impossible", saleVoucher({ TransactionDate: `${y}-02-30` }), SandboxCode.transactionDateInvalid],
      ["VoucherSeries unknown", saleVoucher({ VoucherSeries: "Q" }), SandboxCode.voucherSeriesInvalid],
      ["Comments over 1000", saleVoucher({ Comments: "x".repeat(1001) }), SandboxCode.commentsTooLong],
      ["three decimals", saleVoucher({ VoucherRows: [{ Account: 1580, Debit: 1.005 }, { Account: 3041, Credit: 1.005 }] }), SandboxCode.amountInvalid],
      ["TransactionInformation over 100", saleVoucher({ VoucherRows: [{ Account: 1580, Debit: 1, TransactionInformation: "x".repeat(101) }, { Account: 3041, Credit: 1 }] }), SandboxCode.transactionInformationInvalid],
    ];
    for (const [label, body, code, financialYear] of refusals) {
      await c.call("POST /3/vouchers", label, () => fx.post("/vouchers", JSON.stringify(body), { params: { financialyear: financialYear ?? yearId } }), { status: 400, shape: ErrorEnvelope, code, also: jsonContentType });
    }
    await c.call("POST /3/vouchers", "body not JSON", () => fx.post("/vouchers", "Voucher=1", { params: { financialyear: yearId } }), { status: 400, shape: ErrorEnvelope, code: SandboxCode.malformedBody });
    const badParams: Array<[string, string, Record<string, unknown>, number]> = [
      ["GET /3/vouchers", "limit 501", { financialyear: yearId, limit: 501 }, SandboxCode.invalidParameter],
      ["GET /3/vouchers", "page 0", { financialyear: yearId, page: 0 }, SandboxCode.invalidParameter],
      ["GET /3/vouchers", "fromdate not a date", { financialyear: yearId, fromdate: "yesterday" }, SandboxCode.invalidParameter],
      ["GET /3/financialyears", "date not a date", { date: "2026-13-01" }, SandboxCode.invalidParameter],
      ["GET /3/accounts", "unknown financial year", { financialyear: 99 }, SandboxCode.noFinancialYear],
    ];
    for (const [endpoint, label, params, code] of badParams) {
      await c.call(endpoint, label, () => fx.get(endpoint.slice("GET /3".length), { params }), { status: 400, shape: ErrorEnvelope, code });
    }

    // --- 403: a token without the bookkeeping scope ---
    const narrow = (await c.call("POST /oauth-v1/auth/decision", "allow, companyinformation only", () => decision("allow", { scope: "companyinformation" }), { status: 302, shape: ConsentRedirect, from: "location" })) as { code: string };
    const narrowTokens = (await c.call("POST /oauth-v1/token", "authorization_code, narrow scope", () => token({ grant_type: "authorization_code", code: narrow.code, redirect_uri: redirectUri }), { status: 200, shape: TokenResponse })) as { access_token: string };
    await c.call("GET /3/vouchers", "missing scope", () => api(narrowTokens.access_token).get("/vouchers"), { status: 403, shape: ErrorEnvelope, code: ConfirmedCode.missingScope });
    await c.call("POST /3/vouchers", "missing scope", () => api(narrowTokens.access_token).post("/vouchers", JSON.stringify(saleVoucher())), { status: 403, shape: ErrorEnvelope, code: ConfirmedCode.missingScope });

    // --- 404s: capitalised envelope ---
    const notFound: Array<[string, string]> = [
      ["GET /3/vouchers/{Series}/{Number}", `/vouchers/A/999?financialyear=${yearId}`],
      ["GET /3/financialyears/{Id}", "/financialyears/99"],
      ["GET /3/accounts/{Number}", "/accounts/1234"],
      ["GET /3/voucherseries/{Code}", "/voucherseries/Q"],
      ["GET /3/vouchers/sublist/{Series}", "/vouchers/sublist/Q"],
      ["GET /3/{unknown}", "/invoices"],
    ];
    for (const [endpoint, path] of notFound) {
      await c.call(endpoint, `404 ${path}`, () => fx.get(path), { status: 404, shape: NotFoundEnvelope, also: jsonContentType });
    }

    // --- 5xx: an injected failure, before and after the write ---
    await setControl("/faults", { method: "GET", path: "/3/financialyears", status: 503, count: 1 });
    await c.call("GET /3/financialyears", "injected 503", () => fx.get("/financialyears", { params: { date: today() } }), { status: 503, shape: ErrorEnvelope, code: SandboxCode.injectedFault });
    await setControl("/faults", { method: "POST", path: "/3/vouchers", status: 500, count: 1, after_effect: true });
    await c.call("POST /3/vouchers", "500 after the voucher was stored", () => fx.post("/vouchers", JSON.stringify(saleVoucher()), { params: { financialyear: yearId } }), { status: 500, shape: ErrorEnvelope, code: SandboxCode.injectedFault });

    // --- 401s: no envelope, no code ---
    const unauthorized = { status: 401, shape: Unauthorized, also: jsonContentType };
    await c.call("GET /3/vouchers", "no Authorization header", () => root.get("/3/vouchers"), unauthorized);
    await c.call("GET /3/financialyears", "unknown bearer token", () => api("not-a-token").get("/financialyears"), unauthorized);
    await c.call("POST /oauth-v1/revoke", "refresh token", () => root.post("/oauth-v1/revoke", form({ token_type_hint: "refresh_token", token: refreshed.refresh_token }), { headers: formHeaders }), {
      status: 200,
      shape: emptyBody,
      from: "text",
    });
    await c.call("GET /3/settings/lockedperiod", "revoked grant's access token", () => api(refreshed.access_token).get("/settings/lockedperiod"), unauthorized);
    await c.call("POST /oauth-v1/revoke", "no token", () => root.post("/oauth-v1/revoke", form({ token_type_hint: "refresh_token" }), { headers: formHeaders }), { status: 400, shape: OAuthError });
    await c.call("POST /oauth-v1/revoke", "no client authentication", () => root.post("/oauth-v1/revoke", form({ token: "x" })), { status: 401, shape: OAuthError });
    await setControl("/clock", { advance_seconds: 3601 });
    await c.call("POST /3/vouchers", "expired access token", () => fx.post("/vouchers", JSON.stringify(saleVoucher()), { params: { financialyear: yearId } }), unauthorized);

    // --- 429: the real limiter (3 per 5 s on this instance), no Retry-After ---
    const limitedRoot = Conformance.client(limited.url);
    const limitedToken = JSON.parse((await limitedRoot.post("/oauth-v1/token", form({ grant_type: "client_credentials" }), { headers: { ...formHeaders, TenantId: tenantId } })).data) as { access_token: string };
    const lim = Conformance.client(`${limited.url}/3`, { authorization: `Bearer ${limitedToken.access_token}` });
    for (let i = 1; i <= 3; i++) await c.call("GET /3/settings/lockedperiod", `within the limit ${i}/3`, () => lim.get("/settings/lockedperiod"), { status: 200, shape: LockedPeriodWrap });
    await c.call("GET /3/settings/lockedperiod", "over the limit", () => lim.get("/settings/lockedperiod"), { status: 429, shape: ErrorEnvelope, code: SandboxCode.rateLimited, also: noRetryAfter });
    await c.call("POST /3/vouchers", "over the limit", () => lim.post("/vouchers", JSON.stringify(saleVoucher()), { headers: { "content-type": "application/json" } }), {
      status: 429,
      shape: ErrorEnvelope,
      code: SandboxCode.rateLimited,
      also: noRetryAfter,
    });

    console.log(`      ${c.summary()}`);
    assert.deepEqual(c.deviations, [], c.summary());
    assert.ok(c.endpoints.size >= 17, `endpoints covered: ${[...c.endpoints].join(", ")}`);
  });

  it("every code a 400, 403, 429 or 5xx carried is confirmed or a documented sandbox code", () => {
    const known = new Set<number>([...Object.values(ConfirmedCode), ...Object.values(SandboxCode)]);
    const seen = new Set<number>();
    for (const a of c.answers) {
      const info = (a.body as { ErrorInformation?: { code?: number; Code?: number } } | undefined)?.ErrorInformation;
      const code = info?.code ?? info?.Code;
      if (typeof code === "number") seen.add(code);
    }
    assert.ok(seen.size >= 15, `codes seen: ${[...seen].join(", ")}`);
    for (const code of seen) assert.ok(known.has(code), `code ${code} is neither confirmed nor documented`);
    // Every confirmed code was provoked for its meaning above.
    for (const code of Object.values(ConfirmedCode)) assert.ok(seen.has(code), `confirmed code ${code} never provoked`);
  });

  it("the README lists every sandbox-only code, and no confirmed code among them", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### Sandbox-only codes"));
    assert.ok(section.length > 30, "README has a 'Sandbox-only codes' section");
    for (const code of Object.values(SandboxCode)) assert.match(section, new RegExp(`\\b${code}\\b`), `README lists ${code}`);
    const sandboxOnly = new Set<number>(Object.values(SandboxCode));
    for (const code of Object.values(ConfirmedCode)) assert.ok(!sandboxOnly.has(code), `${code} is confirmed and sandbox-only at once`);
  });
});

/** The validator itself: it must reject what Fortnox would not send. */
describe("Fortnox shapes reject wrong answers", () => {
  const voucher = {
    "@url": "http://127.0.0.1:12112/3/vouchers/A/1?financialyear=2",
    Description: "KASSA 2026-11-22 sales",
    TransactionDate: "2026-11-22",
    VoucherSeries: "A",
    VoucherNumber: 1,
    Year: 2,
    Comments: "",
    VoucherRows: [
      { Account: 1580, Debit: 499, Credit: 0 },
      { Account: 2890, Debit: 0, Credit: 399.2 },
      { Account: 3041, Debit: 0, Credit: 99.8 },
    ],
  };
  const ok = (schema: z.ZodType, value: unknown) => assert.equal(schema.safeParse(value).success, true, JSON.stringify(schema.safeParse(value).error?.issues));
  const rejected = (schema: z.ZodType, value: unknown) => assert.equal(schema.safeParse(value).success, false, `accepted ${JSON.stringify(value).slice(0, 120)}`);

  it("accepts the documented shapes", () => {
    ok(VoucherWrap, { Voucher: voucher });
    ok(ErrorEnvelope, { ErrorInformation: { error: 1, message: "Kontot finns inte", code: 2001304 } });
    ok(NotFoundEnvelope, { ErrorInformation: { Error: 1, Message: "Hittades inte", Code: 2000000 } });
    ok(Unauthorized, { message: "unauthorized" });
    ok(MetaInformation, { "@TotalResources": 0, "@TotalPages": 0, "@CurrentPage": 1 });
  });

  it("rejects a wrong casing", () => {
    rejected(ErrorEnvelope, { ErrorInformation: { Error: 1, Message: "x", Code: 2001304 } });
    rejected(NotFoundEnvelope, { ErrorInformation: { error: 1, message: "x", code: 2001304 } });
    const { VoucherNumber, ...rest } = voucher;
    rejected(VoucherWrap, { Voucher: { ...rest, voucherNumber: VoucherNumber } });
    rejected(OAuthError, { Error: "invalid_grant", error_description: "x" });
  });

  it("rejects an extra key", () => {
    rejected(Unauthorized, { message: "unauthorized", ErrorInformation: { error: 1, message: "x", code: 2000311 } });
    const { VoucherRows, ...item } = voucher;
    ok(VoucherListItem, item);
    rejected(VoucherListItem, { ...item, VoucherRows });
    rejected(VoucherWrap, { Voucher: { ...voucher, Balanced: true } });
    rejected(TokenResponse, { access_token: "a.b.c", scope: "bookkeeping", expires_in: 3600, token_type: "bearer", id_token: "x" });
  });

  it("rejects a missing key", () => {
    const { VoucherNumber: _n, ...noNumber } = voucher;
    rejected(VoucherWrap, { Voucher: noNumber });
    rejected(MetaInformation, { "@TotalResources": 3, "@CurrentPage": 1 });
    rejected(ErrorEnvelope, { ErrorInformation: { error: 1, message: "x" } });
    rejected(OAuthError, { error: "invalid_grant" });
  });

  it("rejects wrong values: @TotalPages 1 for an empty list, an unbalanced voucher, one row, three decimals", () => {
    rejected(MetaInformation, { "@TotalResources": 0, "@TotalPages": 1, "@CurrentPage": 1 });
    rejected(Voucher, { ...voucher, VoucherRows: [voucher.VoucherRows[0], { Account: 2890, Debit: 0, Credit: 400 }] });
    rejected(Voucher, { ...voucher, VoucherRows: [voucher.VoucherRows[0]] });
    rejected(Voucher, { ...voucher, VoucherRows: [{ Account: 1580, Debit: 1.005, Credit: 0 }, { Account: 3041, Debit: 0, Credit: 1.005 }] });
    rejected(Unauthorized, { message: "Unauthorized" });
  });
});
