import { useAction, type ActionState } from "../lib/use-action";

/** The outcome line next to an action button: a status or an alert. */
export function ActionResult({ state }: { state: ActionState }) {
  return (
    <>
      {state.message && (
        <span role="status" className="ok">
          {" "}
          {state.message}
        </span>
      )}
      {state.error && (
        <span role="alert" className="error">
          {" "}
          {state.error}
        </span>
      )}
    </>
  );
}

/**
 * A button that runs one server call, shows it is busy, then its outcome beside it. `action`
 * returns the message to show (or nothing); a thrown error shows as the reason it failed.
 */
export function ActionButton({ label, busyLabel, action }: { label: string; busyLabel: string; action: () => Promise<string | void> }) {
  const [state, run] = useAction();
  return (
    <>
      <button type="button" disabled={state.busy} onClick={() => void run(action)}>
        {state.busy ? busyLabel : label}
      </button>
      <ActionResult state={state} />
    </>
  );
}
