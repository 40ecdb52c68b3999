/** `approvals/{id}`: requests waiting for a second admin, opened and decided in transactions. */
import type { Firestore } from "firebase-admin/firestore";
import type { ApprovalRequest, ApprovalStore, Decision } from "../../ports/approval-store";

export class FirestoreApprovalStore implements ApprovalStore {
  constructor(private readonly db: Firestore) {}

  private ref(id: string) {
    // Ids hold ':' (refund:pi_x:req); Firestore allows it, '/' is never in them (zod ids).
    return this.db.collection("approvals").doc(id);
  }

  async get(id: string): Promise<ApprovalRequest | null> {
    const snap = await this.ref(id).get();
    return snap.exists ? (snap.data() as ApprovalRequest) : null;
  }

  async open(request: ApprovalRequest, reopen: boolean): Promise<{ request: ApprovalRequest; opened: boolean }> {
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(this.ref(request.id));
      const existing = snap.exists ? (snap.data() as ApprovalRequest) : null;
      if (existing && (existing.state === "pending" || !reopen)) return { request: existing, opened: false };
      tx.set(this.ref(request.id), request);
      return { request, opened: true };
    });
  }

  async decide(id: string, decision: Decision): Promise<ApprovalRequest> {
    return this.db.runTransaction(async (tx) => {
      const snap = await tx.get(this.ref(id));
      if (!snap.exists) throw new Error(`approvals/${id} does not exist`);
      const existing = snap.data() as ApprovalRequest;
      if (existing.state !== "pending") return existing;
      tx.update(this.ref(id), { ...decision });
      return { ...existing, ...decision } as ApprovalRequest;
    });
  }
}
