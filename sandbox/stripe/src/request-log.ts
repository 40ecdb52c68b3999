export interface LoggedRequest {
  at: number;
  method: string;
  path: string;
  account: string | null;
  idempotency_key: string | null;
  status: number;
  replayed: boolean;
  fault: boolean;
}

/** API call log; benchmarks count Stripe calls with it. Bounded so long runs stay small. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  constructor(private readonly max = 100000) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  list(): LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
