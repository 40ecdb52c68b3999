import { createHash } from "node:crypto";
import { ApiError } from "./errors.js";
import type { Sandbox } from "./sandbox.js";
import type { IdempotencyRecord } from "./state.js";

const DAY = 24 * 3600;

export const paramsHash = (method: string, path: string, body: string): string => createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");

/**
 * Stripe saves the first response to a keyed POST (including 500s) and replays it; a
 * different request under the same key is an error. Keys are per account and expire after
 * 24 hours of sandbox time.
 */
export class Idempotency {
  private readonly inFlight = new Set<string>();
  constructor(private readonly sb: Sandbox) {}

  private slot(account: string, key: string): string {
    return `${account}:${key}`;
  }

  /** The saved response to replay, or null when this request should run. */
  check(account: string, key: string, method: string, path: string, hash: string): IdempotencyRecord | null {
    const slot = this.slot(account, key);
    const rec = this.sb.state.idempotency[slot];
    if (rec && rec.created + DAY > this.sb.now()) {
      if (rec.paramsHash !== hash || rec.method !== method || rec.path !== path) {
        throw new ApiError(400, {
          type: "idempotency_error",
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      return rec;
    }
    if (this.inFlight.has(slot)) {
      throw new ApiError(409, {
        type: "idempotency_error",
        code: "idempotency_key_in_use",
        message: "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.",
      });
    }
    return null;
  }

  begin(account: string, key: string): void {
    this.inFlight.add(this.slot(account, key));
  }

  end(account: string, key: string): void {
    this.inFlight.delete(this.slot(account, key));
  }

  save(rec: IdempotencyRecord): void {
    this.sb.state.idempotency[this.slot(rec.account, rec.key)] = rec;
  }

  expire(): number {
    const cutoff = this.sb.now() - DAY;
    let n = 0;
    for (const [slot, rec] of Object.entries(this.sb.state.idempotency)) {
      if (rec.created <= cutoff) {
        delete this.sb.state.idempotency[slot];
        n++;
      }
    }
    return n;
  }
}
