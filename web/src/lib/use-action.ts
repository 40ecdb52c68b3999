import { useState } from "react";
import { describeError } from "./errors";

export interface ActionState {
  busy: boolean;
  /** What happened, for a status line. */
  message?: string;
  /** Why it failed, in words the person can act on. */
  error?: string;
}

/**
 * One button's call to the server: busy while it runs, then a message or the reason it
 * failed. `run` returns the action's message (if any) so callers stay one line.
 */
export function useAction(): [ActionState, (action: () => Promise<string | void>) => Promise<void>, (s: ActionState) => void] {
  const [state, setState] = useState<ActionState>({ busy: false });
  const run = async (action: () => Promise<string | void>) => {
    setState({ busy: true });
    try {
      const message = await action();
      setState({ busy: false, ...(message ? { message } : {}) });
    } catch (e) {
      setState({ busy: false, error: describeError(e) });
    }
  };
  return [state, run, setState];
}
