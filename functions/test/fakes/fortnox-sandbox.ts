/**
 * The real Fortnox sandbox (sandbox/fortnox), started in-process for tests and the bench.
 * Loaded by path at run time so functions' tsc program does not pull in another package's
 * sources (its own rootDir).
 */
import path from "node:path";

export interface RunningSandbox {
  url: string;
  close(): Promise<void>;
}

export async function startSandbox(options: { rateLimit?: number } = {}): Promise<RunningSandbox> {
  const file = path.join(__dirname, "../../../sandbox/fortnox/src/server.ts");
  const mod = (await import(file)) as { startFortnoxSandbox(o: { port: number; rateLimit?: number }): Promise<RunningSandbox> };
  return mod.startFortnoxSandbox({ port: 0, ...options });
}

/** Clicks "Allow" on the sandbox's consent page and returns the code it redirects with. */
export async function consentCode(consentUrl: string): Promise<{ code: string; state: string }> {
  const url = new URL(consentUrl);
  const form = new URLSearchParams({ decision: "allow" });
  for (const k of ["client_id", "redirect_uri", "scope", "state", "account_type"]) form.set(k, url.searchParams.get(k) ?? "");
  const res = await fetch(new URL("/oauth-v1/auth/decision", url), {
    method: "POST",
    body: form,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  const location = new URL(res.headers.get("location") ?? "");
  return { code: location.searchParams.get("code") ?? "", state: location.searchParams.get("state") ?? "" };
}

export async function control(base: string, method: string, pathname: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}/__sandbox${pathname}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
  return res.json();
}
