/**
 * What one `payoutCoach` task does, by kind: the trigger, the unit tests' queue drain and the
 * benchmark all run tasks through this, so none of them can forget a kind.
 */
import type { PayoutTask } from "../../ports/payout-dispatcher";
import { payRunCoach, watchRun, type RunDeps, type RunTaskResult } from "./payout-run";
import { sendPayout, type SendResult } from "./send-payout";

export type PayoutTaskResult =
  | { kind: "run"; result: RunTaskResult }
  | { kind: "send"; result: SendResult }
  | { kind: "watch"; result: Awaited<ReturnType<typeof watchRun>> };

export async function runPayoutTask(deps: RunDeps, task: PayoutTask): Promise<PayoutTaskResult> {
  switch (task.kind) {
    case "run":
      return { kind: "run", result: await payRunCoach(deps, task) };
    case "send":
      return { kind: "send", result: await sendPayout(deps, task.payoutId) };
    case "watch":
      return { kind: "watch", result: await watchRun(deps, task) };
  }
}
