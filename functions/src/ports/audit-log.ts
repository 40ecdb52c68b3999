/**
 * The append-only audit trail, `audit/{id}`: written only by functions (never updated or
 * deleted; firestore.rules lets no client write it), read by admins. One entry per staff
 * action on money or access: role changes, refunds, Fortnox connect / disconnect / refused
 * re-points. Each entry is also a structured Cloud Logging entry (`kassa.audit`), so the
 * trail survives even someone with Firestore access.
 */
export type AuditAction = "role_changed" | "refund_requested" | "approval_requested" | "approval_approved" | "approval_rejected" | "mapping_changed" | "settings_changed" | "fortnox_connected" | "fortnox_repointed" | "fortnox_repoint_refused" | "fortnox_disconnected";

export interface AuditEntry {
  action: AuditAction;
  /** Who did it (uid), and with which role their token carried. */
  by: string;
  byRole: string | null;
  /** What it was done to: a uid, a payment id, "fortnox". */
  target: string;
  at: number;
  /** What changed, in values an auditor reads (before / after, amounts, company numbers). */
  details: Record<string, string | number | boolean | null>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
}
