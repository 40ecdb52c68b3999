import axios, { type AxiosInstance } from "axios";
import { startFortnoxSandbox, type FortnoxSandbox, type FortnoxSandboxOptions } from "../src/server.js";

export const clientId = "kassa-local";
export const clientSecret = "kassa-local-secret";
export const tenantId = "1234567";
export const basicAuth = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`;

/** Rate limiting is off unless a test asks for it, so busy tests never trip it by accident. */
export async function startSandbox(options: FortnoxSandboxOptions = {}): Promise<FortnoxSandbox & { http: AxiosInstance }> {
  const sandbox = await startFortnoxSandbox({ port: 0, rateLimit: 0, ...options });
  const http = axios.create({ baseURL: sandbox.url, validateStatus: () => true, maxRedirects: 0 });
  return { ...sandbox, http };
}

export function form(values: Record<string, string>): string {
  return new URLSearchParams(values).toString();
}

export async function tokenRequest(http: AxiosInstance, values: Record<string, string>, headers: Record<string, string> = {}) {
  return http.post("/oauth-v1/token", form(values), { headers: { authorization: basicAuth, "content-type": "application/x-www-form-urlencoded", ...headers } });
}

export async function clientCredentialsToken(http: AxiosInstance): Promise<string> {
  const res = await tokenRequest(http, { grant_type: "client_credentials" }, { TenantId: tenantId });
  if (res.status !== 200) throw new Error(`client credentials failed: ${JSON.stringify(res.data)}`);
  return (res.data as { access_token: string }).access_token;
}

/** An API client for /3 with a client-credentials token. */
export async function apiClient(sandbox: { url: string; http: AxiosInstance }): Promise<AxiosInstance> {
  const token = await clientCredentialsToken(sandbox.http);
  return axios.create({ baseURL: `${sandbox.url}/3`, validateStatus: () => true, headers: { authorization: `Bearer ${token}` } });
}

const stockholm = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" });
export function today(): string {
  return stockholm.format(new Date());
}
export function currentYear(): number {
  return Number(today().slice(0, 4));
}

export interface VoucherInput {
  Description?: string;
  TransactionDate?: string;
  VoucherSeries?: string;
  Comments?: string;
  VoucherRows?: Array<Record<string, unknown>>;
}

/** The 499 SEK sale from fortnox.md: balanced, on accounts that exist and are active. */
export function saleVoucher(overrides: VoucherInput = {}): { Voucher: VoucherInput } {
  return {
    Voucher: {
      Description: "KASSA test sales",
      TransactionDate: today(),
      VoucherSeries: "A",
      VoucherRows: [
        { Account: 1580, Debit: 499, Credit: 0 },
        { Account: 2890, Debit: 0, Credit: 399.2 },
        { Account: 3041, Debit: 0, Credit: 79.84 },
        { Account: 2611, Debit: 0, Credit: 19.96, TransactionInformation: "moms 25 %" },
      ],
      ...overrides,
    },
  };
}

export async function storedVoucherCount(http: AxiosInstance): Promise<number> {
  const res = await http.get("/__sandbox/vouchers");
  return (res.data as { vouchers: unknown[] }).vouchers.length;
}
