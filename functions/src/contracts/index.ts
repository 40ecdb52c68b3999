/**
 * Every callable's contract, by name: the one list the functions (triggers/callable.ts) and
 * the web app (web/src/lib/callable.ts) both read. A callable is added here first; the test
 * test/unit/contracts/contracts-match-index.test.ts fails while index.ts and this map differ.
 */
import * as accounting from "./accounting";
import * as alerts from "./alerts";
import * as catalogue from "./catalogue";
import * as checkout from "./checkout";
import * as connect from "./connect";
import type { CallableContract, InputOfContract, ResultOfContract } from "./contract";
import * as dualControl from "./dual-control";
import * as exportsArea from "./exports";
import * as fortnox from "./fortnox";
import * as notifications from "./notifications";
import * as paymentsAdmin from "./payments-admin";
import * as payouts from "./payouts";
import * as receipts from "./receipts";
import * as reconciliation from "./reconciliation";
import * as reports from "./reports";
import * as settings from "./settings";
import * as sie from "./sie";
import * as statements from "./statements";
import * as users from "./users";

/** Keeps the contracts of an area file, dropping its shared schemas and constants. */
type ContractsOf<M> = { [K in keyof M as M[K] extends CallableContract ? K : never]: M[K] };
const only = <M extends object>(area: M): ContractsOf<M> =>
  Object.fromEntries(Object.entries(area).filter(([, v]) => isContract(v))) as ContractsOf<M>;

function isContract(v: unknown): v is CallableContract {
  return typeof v === "object" && v !== null && typeof (v as CallableContract).name === "string" && "input" in v && Array.isArray((v as CallableContract).errors);
}

export const contracts = {
  ...only(accounting),
  ...only(alerts),
  ...only(catalogue),
  ...only(checkout),
  ...only(connect),
  ...only(dualControl),
  ...only(exportsArea),
  ...only(fortnox),
  ...only(notifications),
  ...only(paymentsAdmin),
  ...only(payouts),
  ...only(receipts),
  ...only(reconciliation),
  ...only(reports),
  ...only(settings),
  ...only(sie),
  ...only(statements),
  ...only(users),
};

export type Contracts = typeof contracts;
export type CallableName = keyof Contracts;
/** What the client sends (defaults may be left out). */
export type InputOf<N extends CallableName> = InputOfContract<Contracts[N]>;
export type ResultOf<N extends CallableName> = ResultOfContract<Contracts[N]>;

export { CALLABLE_ERROR_CODES, COMMON_ERROR_CODES, COMMON_REASONS, type CallableContract, type CallableErrorCode } from "./contract";
