/** Sentences for TOTP's own refusals (security.problems.*); anything else goes to describeError. */
import { i18n } from "../i18n";
import { describeError } from "../lib/errors";
import { problemOf } from "./totp-flow";

export function describeTotpError(error: unknown): string {
  const problem = problemOf(error);
  return problem ? i18n.t(`security.problems.${problem}`) : describeError(error);
}
