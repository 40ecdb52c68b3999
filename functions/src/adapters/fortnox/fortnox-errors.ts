/**
 * Fortnox's error envelopes -> Kassa's DomainError kinds, with Fortnox's own message and code
 * kept (the accountant needs them to fix a locked period or a missing account).
 */
import { isAxiosError } from "axios";
import { DomainError } from "../../domain/errors";

interface Envelope {
  message?: string;
  code?: number;
}

/** `{"ErrorInformation":{"error":1,"message":"...","code":2000423}}`, any key case. */
export function readEnvelope(body: unknown): Envelope | null {
  if (!body || typeof body !== "object") return null;
  const entries = Object.entries(body as Record<string, unknown>);
  const info = entries.find(([k]) => k.toLowerCase() === "errorinformation")?.[1];
  if (!info || typeof info !== "object") return null;
  const get = (key: string): unknown =>
    Object.entries(info as Record<string, unknown>).find(([k]) => k.toLowerCase() === key)?.[1];
  const message = get("message");
  const code = Number(get("code"));
  return {
    ...(typeof message === "string" ? { message } : {}),
    ...(Number.isFinite(code) ? { code } : {}),
  };
}

/**
 * `ambiguous` says whether a non-answer may hide a performed write: true for a POST that
 * timed out or got a 5xx, false for reads and for answers Fortnox gave (it stores nothing
 * when it answers 4xx).
 */
export function toDomainError(error: unknown, what: string, ambiguous: boolean): DomainError {
  if (isAxiosError(error)) {
    const status = error.response?.status;
    if (status === undefined || status >= 500) {
      return new DomainError(
        "provider_unavailable",
        `Fortnox did not answer ${what} (${status ? `HTTP ${status}` : error.code ?? error.message})`,
        undefined,
        { ...(status ? { status } : {}), ambiguous },
      );
    }
    const env = readEnvelope(error.response?.data);
    const message = env?.message ?? `HTTP ${status}`;
    if (status === 429) {
      return new DomainError("provider_unavailable", `Fortnox rate limit kept refusing ${what}`, undefined, { status, ambiguous: false });
    }
    return new DomainError("provider_rejected", `Fortnox refused ${what}: ${message}`, undefined, {
      status,
      ...(env?.code !== undefined ? { code: env.code } : {}),
      fortnoxMessage: message,
    });
  }
  return new DomainError("provider_unavailable", `Calling Fortnox (${what}) failed: ${error instanceof Error ? error.message : String(error)}`, undefined, {
    ambiguous,
  });
}
