import { collection, onSnapshot, orderBy, query } from "firebase/firestore";
import { httpsCallable } from "firebase/functions";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../auth";
import { db, functions } from "../firebase";
import { describeError } from "../lib/errors";
import { ROLE_LABEL, ROLES, type Role } from "../lib/roles";

interface UserRow {
  uid: string;
  email: string | null;
  displayName: string | null;
  role: Role | null;
}

const setUserRole = httpsCallable<{ uid: string; role: Role }, { uid: string; role: Role; status: "changed" | "unchanged" | "pending_approval" }>(
  functions,
  "setUserRole",
);

function RoleEditor({ row, self }: { row: UserRow; self: boolean }) {
  const [role, setRole] = useState<Role | "">(row.role ?? "");
  const { t } = useTranslation();
  const [state, setState] = useState<{ busy: boolean; error?: string; saved?: boolean; pending?: boolean }>({
    busy: false,
  });
  useEffect(() => setRole(row.role ?? ""), [row.role]);

  async function save() {
    if (!role) return;
    setState({ busy: true });
    try {
      const { data } = await setUserRole({ uid: row.uid, role });
      setState({ busy: false, saved: data.status !== "pending_approval", pending: data.status === "pending_approval" });
    } catch (e) {
      setState({ busy: false, error: describeError(e) });
    }
  }

  return (
    <div className="role-editor">
      <label className="visually-hidden" htmlFor={`role-${row.uid}`}>
        Role of {row.email ?? row.uid}
      </label>
      <select
        id={`role-${row.uid}`}
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        disabled={state.busy}
      >
        {!row.role && <option value="">(none)</option>}
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABEL[r]}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() => void save()}
        disabled={state.busy || role === (row.role ?? "") || !role}
      >
        {state.busy ? "Saving…" : "Save"}
      </button>
      {self && <span className="muted"> (you)</span>}
      {state.saved && role === row.role && (
        <span className="ok" role="status">
          {" "}
          Saved
        </span>
      )}
      {state.pending && (
        <span className="notice" role="status">
          {" "}
          {t("approvals.roleWaiting")}
        </span>
      )}
      {state.error && (
        <span role="alert" className="error">
          {" "}
          {state.error}
        </span>
      )}
    </div>
  );
}

export function AdminUsers() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [rows, setRows] = useState<UserRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      onSnapshot(
        query(collection(db, "users"), orderBy("email")),
        (snap) => setRows(snap.docs.map((d) => d.data() as UserRow)),
        (e) => setError(describeError(e)),
      ),
    [],
  );

  return (
    <section>
      <h1>{t("adminUsers.title")}</h1>
      <p className="muted">
        {t("adminUsers.intro")}
      </p>
      {error && (
        <p role="alert" className="error">
          {t("adminUsers.loadFailed", { error })}
        </p>
      )}
      {!rows && !error && (
        <p className="muted" role="status">
          {t("adminUsers.loading")}
        </p>
      )}
      {rows && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("adminUsers.name")}</th>
              <th scope="col">{t("adminUsers.email")}</th>
              <th scope="col">{t("adminUsers.role")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.uid} data-uid={r.uid}>
                <td>{r.displayName ?? "—"}</td>
                <td>{r.email ?? r.uid}</td>
                <td>
                  <RoleEditor row={r} self={r.uid === user?.uid} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
