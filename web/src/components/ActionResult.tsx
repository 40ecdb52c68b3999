import type { ActionState } from "../lib/use-action";

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
