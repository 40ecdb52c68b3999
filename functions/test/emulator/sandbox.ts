/** Talking to the local Stripe sandbox from emulator tests: its API and its /__sandbox controls. */
export const STRIPE_URL = process.env["STRIPE_SANDBOX_URL"] ?? "http://127.0.0.1:12111";
const KEY = process.env["STRIPE_SECRET_KEY"] ?? "sk_test_kassa_sandbox";

export async function stripeApi<T = Record<string, unknown>>(
  method: string,
  path: string,
  form?: Record<string, string>,
  idempotencyKey?: string,
): Promise<T> {
  const res = await fetch(`${STRIPE_URL}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${KEY}`,
      ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
    },
    ...(form ? { body: new URLSearchParams(form) } : {}),
  });
  const json = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.error?.message}`);
  return json;
}

export async function control<T = Record<string, unknown>>(
  path: string,
  body: Record<string, unknown> = {},
  method = "POST",
): Promise<T> {
  const res = await fetch(`${STRIPE_URL}/__sandbox${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    ...(method === "GET" ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok)
    throw new Error(
      `sandbox ${path}: ${res.status} ${json.error?.message ?? JSON.stringify(json)}`,
    );
  return json;
}

/** Polls until `probe` returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}
