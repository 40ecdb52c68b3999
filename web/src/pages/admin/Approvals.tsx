/**
 * Dual control, the second admin's page: what another admin asked for and cannot do alone
 * (a refund above the limit, a staff role), live. The one who asked sees their own requests
 * but cannot approve them (the server refuses it too); a rejection needs a reason.
 */
import { collection, orderBy, query, where } from "firebase/firestore";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../auth";
import { useConfirm } from "../../components/ConfirmDialog";
import { db } from "../../firestore";
import { approveRequest, rejectRequest } from "../../lib/callables";
import { describeError } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { formatDateTime } from "../../lib/payments";
import { useLiveQuery } from "../../lib/use-live-query";

interface ApprovalDoc {
  id: string;
  kind: "refund" | "role_grant";
  state: "pending" | "approved" | "rejected";
  requestedBy: string;
  requestedByEmail: string | null;
  requestedAt: number;
  refund?: { paymentId: string; amount: number; currency: string; reason: string };
  roleGrant?: { uid: string; email: string | null; from: string | null; to: string };
}

/** What approving does, in words, for the dialog: the amount and the payment, or the person and the role. */
function whatItDoes(request: ApprovalDoc, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (request.kind === "refund" && request.refund) return t("approvalDialogs.approveRefund", { amount: formatMoney({ amount: request.refund.amount, currency: request.refund.currency as "sek" }) });
  return t("approvalDialogs.approveRole", { who: request.roleGrant?.email ?? request.roleGrant?.uid ?? "", role: t(`roles.${request.roleGrant?.to ?? "customer"}`) });
}

/**
 * Approve and reject, each behind a confirmation saying what will happen; a rejection (or the
 * asker's withdrawal) needs a reason, and Cancel or Escape leaves the request as it was.
 */
function Decide({ request, mine, summary }: { request: ApprovalDoc; mine: boolean; summary: string }) {
  const { t } = useTranslation();
  const [confirm, dialog] = useConfirm();
  const [state, setState] = useState<{ busy: boolean; error?: string; message?: string }>({ busy: false });
  const asker = request.requestedByEmail ?? request.requestedBy;
  async function act(f: () => Promise<unknown>, message: string) {
    setState({ busy: true });
    try {
      await f();
      setState({ busy: false, message });
    } catch (e) {
      setState({ busy: false, error: describeError(e) });
    }
  }
  async function approve() {
    const ok = await confirm({
      title: t("approvalDialogs.approveTitle"),
      body: (
        <>
          <p>
            <strong>{summary}</strong>
          </p>
          <p>{t("approvalDialogs.asked", { who: asker })}</p>
          <p>{whatItDoes(request, t)}</p>
        </>
      ),
      confirmLabel: t("approvals.approve"),
    });
    if (ok !== null) await act(() => approveRequest({ approvalId: request.id }), t("approvalDialogs.approved"));
  }
  async function reject() {
    const reason = await confirm({
      title: mine ? t("approvalDialogs.withdrawTitle") : t("approvalDialogs.rejectTitle"),
      body: (
        <>
          <p>
            <strong>{summary}</strong>
          </p>
          <p>{mine ? t("approvalDialogs.withdrawNothing") : t("approvalDialogs.rejectNothing")}</p>
        </>
      ),
      confirmLabel: mine ? t("approvals.withdraw") : t("approvals.reject"),
      danger: true,
      input: { label: t("approvalDialogs.reason"), required: true, multiline: true, validate: (v) => (v.length < 3 ? t("approvalDialogs.reasonShort") : null) },
    });
    if (reason !== null) await act(() => rejectRequest({ approvalId: request.id, reason }), t("approvalDialogs.rejected"));
  }
  return (
    <div>
      <button type="button" disabled={mine || state.busy} onClick={() => void approve()}>
        {t("approvals.approve")}
      </button>{" "}
      <button type="button" className="secondary" disabled={state.busy} onClick={() => void reject()}>
        {mine ? t("approvals.withdraw") : t("approvals.reject")}
      </button>
      {dialog}
      {mine && <p className="muted">{t("approvals.yours")}</p>}
      {state.message && (
        <p role="status" className="ok">
          {state.message}
        </p>
      )}
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
    </div>
  );
}

export function AdminApprovals() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { rows, error } = useLiveQuery<ApprovalDoc>(() => query(collection(db, "approvals"), where("state", "==", "pending"), orderBy("requestedAt", "desc")), []);
  return (
    <section>
      <h1>{t("approvals.title")}</h1>
      <p className="muted">{t("approvals.intro")}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && <p className="muted">{t("approvals.none")}</p>}
      {rows && rows.length > 0 && (
        <table className="table" aria-label={t("approvals.title")}>
          <thead>
            <tr>
              <th scope="col">{t("approvals.what")}</th>
              <th scope="col">{t("approvals.askedBy")}</th>
              <th scope="col">{t("approvals.decide")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const summary =
                r.kind === "refund" && r.refund
                  ? t("approvals.refund", { amount: formatMoney({ amount: r.refund.amount, currency: r.refund.currency as "sek" }), payment: r.refund.paymentId })
                  : t("approvals.role", { who: r.roleGrant?.email ?? r.roleGrant?.uid ?? "", role: t(`roles.${r.roleGrant?.to ?? "customer"}`) });
              return (
              <tr key={r.id}>
                <td>{summary}</td>
                <td>
                  {r.requestedByEmail ?? r.requestedBy}
                  <br />
                  <span className="muted">{formatDateTime(r.requestedAt)}</span>
                </td>
                <td>
                  <Decide request={r} mine={r.requestedBy === user?.uid} summary={summary} />
                </td>
              </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
