/**
 * Dual control, the second admin's page: what another admin asked for and cannot do alone
 * (a refund above the limit, a staff role), live. The one who asked sees their own requests
 * but cannot approve them (the server refuses it too); a rejection needs a reason.
 */
import { collection, orderBy, query, where } from "firebase/firestore";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../auth";
import { db } from "../../firebase";
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

function Decide({ request, mine }: { request: ApprovalDoc; mine: boolean }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  async function act(f: () => Promise<unknown>) {
    setState({ busy: true });
    try {
      await f();
      setState({ busy: false });
    } catch (e) {
      setState({ busy: false, error: describeError(e) });
    }
  }
  return (
    <div>
      <button type="button" disabled={mine || state.busy} onClick={() => void act(() => approveRequest({ approvalId: request.id }))}>
        {t("approvals.approve")}
      </button>{" "}
      <label>
        <span className="visually-hidden">{t("approvals.reasonLabel")}</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("approvals.reasonLabel")} disabled={state.busy} />
      </label>{" "}
      <button type="button" className="secondary" disabled={state.busy || reason.trim().length < 3} onClick={() => void act(() => rejectRequest({ approvalId: request.id, reason: reason.trim() }))}>
        {mine ? t("approvals.withdraw") : t("approvals.reject")}
      </button>
      {mine && <p className="muted">{t("approvals.yours")}</p>}
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
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.kind === "refund" && r.refund
                    ? t("approvals.refund", { amount: formatMoney({ amount: r.refund.amount, currency: r.refund.currency as "sek" }), payment: r.refund.paymentId })
                    : t("approvals.role", { who: r.roleGrant?.email ?? r.roleGrant?.uid ?? "", role: t(`roles.${r.roleGrant?.to ?? "customer"}`) })}
                </td>
                <td>
                  {r.requestedByEmail ?? r.requestedBy}
                  <br />
                  <span className="muted">{formatDateTime(r.requestedAt)}</span>
                </td>
                <td>
                  <Decide request={r} mine={r.requestedBy === user?.uid} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
