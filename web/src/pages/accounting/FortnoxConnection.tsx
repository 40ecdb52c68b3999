import { useCallback, useEffect, useState } from "react";
import { describeError } from "../../lib/errors";
import { api, type FortnoxStatus } from "./api";
import { fortnoxReturnMessage } from "./fortnox-return";

/** Connection status with Connect (OAuth consent at Fortnox) and Disconnect (revokes). */
export function FortnoxConnection() {
  const [status, setStatus] = useState<FortnoxStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const returned = new URLSearchParams(window.location.search);

  const load = useCallback(() => {
    api
      .status({})
      .then(setStatus, (e: unknown) =>
        setError(`Could not read the Fortnox connection: ${describeError(e)}`),
      );
  }, []);
  useEffect(load, [load]);

  const connect = async () => {
    setBusy(true);
    setError(null);
    try {
      const { url } = await api.connectUrl({ returnPath: "/accountant" });
      window.location.assign(url);
    } catch (e) {
      setError(`Could not start connecting: ${describeError(e)}`);
      setBusy(false);
    }
  };
  const disconnect = async () => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await api.disconnect({}));
    } catch (e) {
      setError(`Could not disconnect: ${describeError(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="fortnox-connection">
      <h2 id="fortnox-connection">Fortnox connection</h2>
      {returned.get("fortnox") === "error" && (
        <p role="alert">{fortnoxReturnMessage(returned.get("reason"))}</p>
      )}
      {error && <p role="alert">{error}</p>}
      {!status && !error && (
        <p className="muted" role="status">
          Checking the connection…
        </p>
      )}
      {status && (
        <>
          <p data-testid="fortnox-status">
            {status.status === "connected" && (
              <>
                Connected
                {status.mode === "client_credentials"
                  ? ` (client credentials, tenant ${status.tenantId})`
                  : ""}
                .
              </>
            )}
            {status.status === "disconnected" && (
              <>Not connected. Vouchers cannot be posted until someone connects Fortnox.</>
            )}
            {status.status === "reconnect_required" && (
              <>Reconnect Fortnox: {status.lastError ?? "the connection was revoked or expired"}.</>
            )}
          </p>
          {status.status === "connected" ? (
            <button type="button" onClick={disconnect} disabled={busy}>
              Disconnect
            </button>
          ) : (
            <button type="button" onClick={connect} disabled={busy}>
              {status.status === "reconnect_required" ? "Reconnect Fortnox" : "Connect Fortnox"}
            </button>
          )}
        </>
      )}
    </section>
  );
}
