import { isRecord } from "./http.js";

/** A test-injected failure for requests whose method and path match. */
export interface FaultRule {
  id: number;
  method: string;
  path: string;
  status?: number;
  /** Fire this many more times, then disappear. */
  count?: number;
  /** Fire on this share of matching requests (0-1). */
  fraction?: number;
  latency_ms?: number;
  /**
   * Perform the request first, then answer with the failure: the client sees a 5xx or a
   * timeout although the write happened, the case Kassa must resolve by looking up the marker.
   */
  after_effect?: boolean;
}

export class Faults {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(input: unknown): FaultRule | string {
    if (!isRecord(input)) return "body must be a JSON object";
    const path = input.path ?? input.path_prefix;
    if (typeof path !== "string" || !path.startsWith("/")) return "path (prefix starting with /) is required";
    const method = input.method === undefined ? "*" : input.method;
    if (typeof method !== "string") return "method must be a string";
    const rule: FaultRule = { id: this.nextId++, method: method.toUpperCase(), path };
    if (input.status !== undefined) {
      if (typeof input.status !== "number" || input.status < 100 || input.status > 599) return "status must be an HTTP status";
      rule.status = input.status;
    }
    if (input.count !== undefined) {
      if (typeof input.count !== "number" || !Number.isInteger(input.count) || input.count < 1) return "count must be a positive integer";
      rule.count = input.count;
    }
    if (input.fraction !== undefined) {
      if (typeof input.fraction !== "number" || input.fraction < 0 || input.fraction > 1) return "fraction must be between 0 and 1";
      rule.fraction = input.fraction;
    }
    if (input.latency_ms !== undefined) {
      if (typeof input.latency_ms !== "number" || input.latency_ms < 0) return "latency_ms must be >= 0";
      rule.latency_ms = input.latency_ms;
    }
    if (input.after_effect !== undefined) rule.after_effect = input.after_effect === true;
    if (rule.status === undefined && rule.latency_ms === undefined) return "a rule needs a status, a latency_ms, or both";
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule that fires for this request; a rule with a count is used up as it fires. */
  take(method: string, path: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.method !== "*" && rule.method !== method.toUpperCase()) continue;
      if (!path.startsWith(rule.path)) continue;
      if (rule.fraction !== undefined && Math.random() >= rule.fraction) continue;
      const fired = { ...rule };
      if (rule.count !== undefined) {
        rule.count -= 1;
        if (rule.count <= 0) this.rules = this.rules.filter((r) => r !== rule);
      }
      return fired;
    }
    return undefined;
  }
}
