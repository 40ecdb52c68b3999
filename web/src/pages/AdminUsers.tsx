import { collection, orderBy, query, where } from "firebase/firestore";
import { callable } from "../lib/callable";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../auth";
import { db } from "../firestore";
import { describeError } from "../lib/errors";
import { ROLE_LABEL, ROLES, type Role } from "../lib/roles";
import { usePagedQuery } from "../lib/use-paged-query";
import { ShowOlder } from "../components/ShowOlder";

interface UserRow {
  id: string;
  uid: string;
  email: string | null;
  displayName: string | null;
  role: Role | null;
}

const setUserRole = callable("setUserRole");

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
        {t("adminUsers.roleOf", { who: row.email ?? row.uid })}
      </label>
      <select
        id={`role-${row.uid}`}
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        disabled={state.busy}
      >
        {!row.role && <option value="">{t("adminUsers.noRole")}</option>}
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
        {state.busy ? t("adminUsers.saving") : t("adminUsers.save")}
      </button>
      {self && <span className="muted"> {t("adminUsers.you")}</span>}
      {state.saved && role === row.role && (
        <span className="ok" role="status">
          {" "}
          {t("adminUsers.saved")}
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
  // Paged by email with a cursor, and searched by its beginning (an indexed range on the same
  // order): a page is 50 reads however many users there are.
  const [search, setSearch] = useState("");
  const prefix = search.trim().toLowerCase();
  const paged = usePagedQuery<UserRow>(
    () =>
      prefix
        ? query(collection(db, "users"), where("email", ">=", prefix), where("email", "<", `${prefix}\uf8ff`), orderBy("email"))
        : query(collection(db, "users"), orderBy("email")),
    `users:${prefix}`,
  );
  const { rows, error } = paged;

  return (
    <section>
      <h1>{t("adminUsers.title")}</h1>
      <p className="muted">
        {t("adminUsers.intro")}
      </p>
      <label>
        {t("adminUsers.search")}{" "}
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
      </label>
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
      {rows && rows.length === 0 && prefix && <p className="muted">{t("adminUsers.noMatch", { search: prefix })}</p>}
      <ShowOlder paged={paged} label={t("adminUsers.title")} />
    </section>
  );
}
