/**
 * Which service account each function runs as, from the one table in
 * config/service-accounts.json (the same table scripts/deploy/iam.sh grants roles from).
 * A stolen webhook or callable runtime then holds only its group's rights: the webhooks cannot
 * read Fortnox's secrets, only the accounting account can write the Fortnox token, and only
 * the callables' account can change a user's role.
 *
 * The email is derived from GCLOUD_PROJECT, which firebase-tools sets while it reads the
 * functions for a deploy (and Cloud Run sets at run time). A full address, not firebase-tools'
 * "<id>@" shorthand: the deploy completes the shorthand for the function itself but passes it
 * as is to the Cloud Scheduler job's OIDC identity and to the per-secret accessor grants.
 * The emulator runs everything with the developer's credentials: there the default account.
 */
import { RESET_VALUE } from "firebase-functions/v2/options";
import table from "../config/service-accounts.json";
import { PRIVATE } from "./invoker";

export type FunctionGroup = keyof typeof table.groups;
type GroupTable = Record<FunctionGroup, { accountId: string; functions: readonly string[] }>;
const groups: GroupTable = table.groups;
type Env = Readonly<Record<string, string | undefined>>;

/** The group of a deployed function, or undefined for a name the table does not list. */
export function groupOf(functionName: string): FunctionGroup | undefined {
  return (Object.keys(groups) as FunctionGroup[]).find((g) => groups[g].functions.includes(functionName));
}

export const accountEmail = (group: FunctionGroup, projectId: string): string => `${groups[group].accountId}@${projectId}.iam.gserviceaccount.com`;

const inEmulator = (env: Env): boolean => env["FUNCTIONS_EMULATOR"] === "true";

/**
 * A group's account in this process's project. Without GCLOUD_PROJECT (only outside a deploy,
 * e.g. unit tests) the shorthand is the honest answer: there is no project to name.
 */
function accountHere(group: FunctionGroup, env: Env): string {
  const project = env["GCLOUD_PROJECT"];
  return project ? accountEmail(group, project) : `${groups[group].accountId}@`;
}

/**
 * The `serviceAccount` option for one function. A name missing from the table is a deploy
 * error, not a silent fall-back to the default account with its broad rights.
 */
export function runAs(functionName: string, env: Env = process.env): { serviceAccount: string | typeof RESET_VALUE } {
  const group = groupOf(functionName);
  if (!group) throw new Error(`${functionName} has no service-account group in config/service-accounts.json`);
  return { serviceAccount: inEmulator(env) ? RESET_VALUE : accountHere(group, env) };
}

/**
 * The invoker of a task-queue function: the account whose code enqueues its tasks. Cloud Tasks
 * calls with that account's OIDC token (firebase-admin puts the enqueuer's own identity on
 * each task), and a deploy sets the service's invoker binding to exactly this list. The
 * emulator's task queue keeps "private", as before accounts were named.
 */
export const taskInvoker = (enqueuer: FunctionGroup, env: Env = process.env): string => (inEmulator(env) ? PRIVATE : accountHere(enqueuer, env));
