/**
 * Requests that wait for a second admin (`approvals/{id}`): written only by functions, read by
 * admins. The id is derived from what is asked (the refund's request id, the user and role),
 * so asking again finds the same request instead of opening a second one.
 */
import type { Currency } from "../domain/money";
import type { Role } from "../domain/roles";

export type ApprovalState = "pending" | "approved" | "rejected";

export interface RefundAsked {
  paymentId: string;
  amount: number;
  currency: Currency;
  reason: "requested_by_customer" | "duplicate" | "fraudulent";
  requestId: string;
}

export interface RoleGrantAsked {
  uid: string;
  email: string | null;
  from: Role | null;
  to: Role;
}

interface ApprovalBase {
  id: string;
  state: ApprovalState;
  requestedBy: string;
  requestedByEmail: string | null;
  requestedAt: number;
  decidedBy?: string;
  decidedAt?: number;
  rejectReason?: string;
  /** What carrying it out gave (the refund's id), once approved. */
  result?: Record<string, string | number>;
}

export type ApprovalRequest = ApprovalBase & ({ kind: "refund"; refund: RefundAsked } | { kind: "role_grant"; roleGrant: RoleGrantAsked });

export type Decision = Required<Pick<ApprovalBase, "decidedBy" | "decidedAt">> &
  ({ state: "approved"; result: Record<string, string | number> } | { state: "rejected"; rejectReason: string });

export interface ApprovalStore {
  get(id: string): Promise<ApprovalRequest | null>;
  /**
   * Stores `request` unless one with its id is pending, or decided and `reopen` is false;
   * returns what is stored afterwards and whether it is the one given (in one transaction).
   */
  open(request: ApprovalRequest, reopen: boolean): Promise<{ request: ApprovalRequest; opened: boolean }>;
  /** Records the decision if the request is still pending; returns the request as stored afterwards. */
  decide(id: string, decision: Decision): Promise<ApprovalRequest>;
}
