/**
 * Dual control as callables: the policy read from the deploy's parameters (not settings: the
 * admin it binds cannot change it), and the second admin's approve / reject.
 */
import * as contracts from "../contracts/dual-control";
import { approveRequest as approveUseCase, rejectRequest as rejectUseCase } from "../app/approvals/approvals";
import { FirestoreApprovalStore } from "../adapters/firebase/firestore-approval-store";
import { db } from "../adapters/firebase/admin";
import { dualControlRefundAbove, dualControlRoles, stripeSecretKey } from "../config/params";
import { type DualControlPolicy, parseRefundLimits } from "../domain/dual-control";
import { CURRENCIES } from "../domain/money";
import { isRole } from "../domain/roles";
import { invalidInput } from "../domain/errors";
import { kassaCallable } from "./callable";
import { userDeps } from "./deps";
import { paymentDeps } from "./payment-deps";

export function dualControlPolicy(): DualControlPolicy {
  const roles = dualControlRoles
    .value()
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.find((r) => !isRole(r));
  if (bad) throw invalidInput("DUAL_CONTROL_ROLES", `"${bad}" is not a role`);
  return { refundAbove: parseRefundLimits(dualControlRefundAbove.value(), CURRENCIES), roles: roles.filter(isRole) };
}

export const approvalDeps = () => ({ approvals: new FirestoreApprovalStore(db()), dualControl: dualControlPolicy() });

export const approveRequest = kassaCallable(
  contracts.approveRequest,
  (input, caller) => approveUseCase({ approvals: new FirestoreApprovalStore(db()), payments: paymentDeps(), users: userDeps() }, caller, input),
  { secrets: [stripeSecretKey] },
);

export const rejectRequest = kassaCallable(
  contracts.rejectRequest,
  (input, caller) => rejectUseCase({ approvals: new FirestoreApprovalStore(db()), payments: paymentDeps(), users: userDeps() }, caller, input),
);
