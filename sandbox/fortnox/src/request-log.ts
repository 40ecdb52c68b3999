export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  status: number;
  time: string;
  duration_ms: number;
  fault?: boolean;
}

/** What clients asked of Fortnox, so tests can count calls (e.g. "one POST per voucher"). */
export class RequestLog {
  private entries: LoggedRequest[] = [];

  constructor(private readonly max = 10000) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  list(filter: { method?: string; pathPrefix?: string }): LoggedRequest[] {
    return this.entries.filter(
      (e) => (!filter.method || e.method === filter.method.toUpperCase()) && (!filter.pathPrefix || e.path.startsWith(filter.pathPrefix)),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
