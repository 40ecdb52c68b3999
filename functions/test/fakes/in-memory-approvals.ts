import type { PaymentDeps } from "../../src/app/payments/payment-deps";
import type { RefundDeps } from "../../src/app/payments/refund-payment";
import type { DualControlPolicy } from "../../src/domain/dual-control";
import type { ApprovalRequest, ApprovalStore, Decision } from "../../src/ports/approval-store";

export class InMemoryApprovals implements ApprovalStore {
  readonly items = new Map<string, ApprovalRequest>();

  async get(id: string): Promise<ApprovalRequest | null> {
    return structuredClone(this.items.get(id) ?? null);
  }

  async open(request: ApprovalRequest, reopen: boolean): Promise<{ request: ApprovalRequest; opened: boolean }> {
    const existing = this.items.get(request.id);
    const opened = !existing || (existing.state !== "pending" && reopen);
    if (opened) this.items.set(request.id, structuredClone(request));
    return { request: structuredClone(this.items.get(request.id)!), opened };
  }

  async decide(id: string, decision: Decision): Promise<ApprovalRequest> {
    const existing = this.items.get(id);
    if (!existing) throw new Error(`no approval ${id}`);
    if (existing.state === "pending") this.items.set(id, { ...existing, ...decision } as ApprovalRequest);
    return structuredClone(this.items.get(id)!);
  }
}

/** No action waits for a second admin: for tests of what the action itself does. */
export const noDualControl: DualControlPolicy = { refundAbove: { sek: Number.MAX_SAFE_INTEGER, eur: Number.MAX_SAFE_INTEGER, usd: Number.MAX_SAFE_INTEGER, nok: Number.MAX_SAFE_INTEGER, dkk: Number.MAX_SAFE_INTEGER }, roles: [] };

/** Payment deps as the refund callable gets them, with dual control that never waits (unless given). */
export const refundDeps = (deps: PaymentDeps, dualControl: DualControlPolicy = noDualControl, approvals = new InMemoryApprovals()): RefundDeps => ({ ...deps, approvals, dualControl });
