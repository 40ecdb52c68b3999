/**
 * Which service account each function runs as, from the one table in
 * config/service-accounts.json (the same table scripts/deploy/iam.sh grants roles from).
 * A stolen webhook or callable runtime then holds only its group's rights: the webhooks cannot
 * read Fortnox's secrets, only the accounting account can write the Fortnox token, and only
 * the callables' account can change a user's role.
 *
 * The account is given as firebase-tools' shorthand "<id>@", which the deploy completes with
 * the project id (`<id>@<project>.iam.gserviceaccount.com`), so the code names no project.
 * The emulator ignores the option: locally every function runs with the developer's
 * credentials, as the default account would.
 */
import table from "../config/service-accounts.json";

export type FunctionGroup = keyof typeof table.groups;
type GroupTable = Record<FunctionGroup, { accountId: string; functions: readonly string[] }>;
const groups: GroupTable = table.groups;

/** The group of a deployed function, or undefined for a name the table does not list. */
export function groupOf(functionName: string): FunctionGroup | undefined {
  return (Object.keys(groups) as FunctionGroup[]).find((g) => groups[g].functions.includes(functionName));
}

/** The deploy shorthand of a group's account ("kassa-payouts@"). */
export const accountOf = (group: FunctionGroup): string => `${groups[group].accountId}@`;

/**
 * The `serviceAccount` option for one function. A name missing from the table is a deploy
 * error, not a silent fall-back to the default account with its broad rights.
 */
export function runAs(functionName: string): { serviceAccount: string } {
  const group = groupOf(functionName);
  if (!group) throw new Error(`${functionName} has no service-account group in config/service-accounts.json`);
  return { serviceAccount: accountOf(group) };
}

/**
 * The invoker of a task-queue function: the account whose code enqueues its tasks. Cloud Tasks
 * calls with that account's OIDC token (firebase-admin puts the enqueuer's own identity on
 * each task), and a deploy sets the service's invoker binding to exactly this list.
 */
export const taskInvoker = (enqueuer: FunctionGroup): string => accountOf(enqueuer);
