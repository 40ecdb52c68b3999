import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../lib/errors";
import { api, type FortnoxStatus } from "./api";
import { fortnoxReturnMessage } from "./fortnox-return";

/** Connection status with Connect (OAuth consent at Fortnox) and Disconnect (revokes). */
export function FortnoxConnection() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<FortnoxStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const returned = new URLSearchParams(window.location.search);

  const load = useCallback(() => {
    api
      .status({})
      .then(setStatus, (e: unknown) => setError(t("accounting.connection.readFailed", { error: describeError(e) })));
  }, [t]);
  useEffect(load, [load]);

  const connect = async () => {
    setBusy(true);
    setError(null);
    try {
      const { url } = await api.connectUrl({ returnPath: "/accountant" });
      window.location.assign(url);
    } catch (e) {
      setError(t("accounting.connection.connectFailed", { error: describeError(e) }));
      setBusy(false);
    }
  };
  const disconnect = async () => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await api.disconnect({}));
    } catch (e) {
      setError(t("accounting.connection.disconnectFailed", { error: describeError(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="fortnox-connection">
      <h2 id="fortnox-connection">{t("accounting.connection.title")}</h2>
      {returned.get("fortnox") === "error" && (
        <p role="alert">{fortnoxReturnMessage(returned.get("reason"))}</p>
      )}
      {error && <p role="alert">{error}</p>}
      {!status && !error && (
        <p className="muted" role="status">
          {t("accounting.connection.checking")}
        </p>
      )}
      {status && (
        <>
          <p data-testid="fortnox-status">
            {status.status === "connected" && (
              <>
                {status.mode === "client_credentials"
                  ? t("accounting.connection.connectedTenant", { tenant: status.tenantId })
                  : t("accounting.connection.connected")}
              </>
            )}
            {status.status === "disconnected" && (
              <>{t("accounting.connection.disconnected")}</>
            )}
            {status.status === "reconnect_required" && (
              <>{t("accounting.connection.reconnectRequired", { reason: status.lastError ?? t("accounting.connection.revoked") })}</>
            )}
          </p>
          {status.status === "connected" ? (
            <button type="button" onClick={disconnect} disabled={busy}>
              {t("accounting.connection.disconnect")}
            </button>
          ) : (
            <button type="button" onClick={connect} disabled={busy}>
              {status.status === "reconnect_required" ? t("accounting.connection.reconnect") : t("accounting.connection.connect")}
            </button>
          )}
        </>
      )}
    </section>
  );
}
