export interface FaultRule {
  id: number;
  method: string;
  /** Path prefix, or a glob where `*` matches within one segment and `**` across segments. */
  path: string;
  status: number | null;
  /** Fail this many matching requests, then the rule retires. */
  count: number | null;
  /** Or fail this fraction (0..1) of matching requests, indefinitely. */
  fraction: number | null;
  latency_ms: number;
  /** Do the real work, then answer with `status`: the client thinks it failed, Stripe did it. */
  after_effect: boolean;
  hits: number;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    .split("**")
    .map((part) => part.replace(/\*/g, "[^/]*"))
    .join(".*");
  return new RegExp(`^${escaped}$`);
}

export class Faults {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(input: Partial<FaultRule>): FaultRule {
    if (typeof input.path !== "string" || !input.path) throw new Error("path is required");
    const status = typeof input.status === "number" ? input.status : null;
    if (status === null && !input.latency_ms) throw new Error("status or latency_ms is required");
    const rule: FaultRule = {
      id: this.nextId++,
      method: (input.method ?? "*").toUpperCase(),
      path: input.path,
      status,
      count: typeof input.count === "number" ? input.count : typeof input.fraction === "number" ? null : 1,
      fraction: typeof input.fraction === "number" ? input.fraction : null,
      latency_ms: typeof input.latency_ms === "number" ? input.latency_ms : 0,
      after_effect: input.after_effect === true,
      hits: 0,
    };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules;
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule that fires for this request, if any; consumes one use of a counted rule. */
  take(method: string, path: string): FaultRule | null {
    for (const rule of this.rules) {
      if (rule.method !== "*" && rule.method !== method) continue;
      const matches = rule.path.includes("*") ? globToRegExp(rule.path).test(path) : path.startsWith(rule.path);
      if (!matches) continue;
      if (rule.fraction !== null && Math.random() >= rule.fraction) continue;
      rule.hits += 1;
      if (rule.count !== null) {
        rule.count -= 1;
        if (rule.count <= 0) this.rules = this.rules.filter((r) => r !== rule);
      }
      return rule;
    }
    return null;
  }
}
