import type { AuditEntry, AuditLog } from "../../src/ports/audit-log";

export class InMemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async append(entry: AuditEntry): Promise<void> {
    this.entries.push(structuredClone(entry));
  }
}
