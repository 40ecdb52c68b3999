import { randomBytes } from "node:crypto";
import { logger } from "firebase-functions";
import type { Firestore } from "firebase-admin/firestore";
import type { AuditEntry, AuditLog } from "../../ports/audit-log";

/** audit/{time-random}: create() only, so an entry once written is never overwritten. */
export class FirestoreAuditLog implements AuditLog {
  constructor(private readonly db: Firestore) {}

  async append(entry: AuditEntry): Promise<void> {
    const id = `${new Date(entry.at).toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}`;
    await this.db.doc(`audit/${id}`).create(entry);
    logger.info(`audit: ${entry.action}`, { "logging.googleapis.com/labels": { kassa: "audit" }, audit: entry });
  }
}
