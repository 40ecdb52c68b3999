/**
 * The web app's client for a callable, typed from the callable's contract
 * (functions/src/contracts/): the name must be one the functions export, the input is what its
 * zod schema accepts and the result what its handler must return, so the two sides cannot
 * drift. Type-only imports: nothing of the server is bundled.
 */
import { httpsCallable, type HttpsCallable } from "firebase/functions";
import type { contracts } from "@server/contracts";
import type { InputOfContract, ResultOfContract } from "@server/contracts/contract";
import { functions } from "../firebase";

type Contracts = typeof contracts;
export type CallableName = keyof Contracts;
export type CallableInput<N extends CallableName> = InputOfContract<Contracts[N]>;
export type CallableResult<N extends CallableName> = ResultOfContract<Contracts[N]>;

export function callable<N extends CallableName>(name: N): HttpsCallable<CallableInput<N>, CallableResult<N>> {
  return httpsCallable<CallableInput<N>, CallableResult<N>>(functions, name);
}

/** The same client answering with the result itself (what most pages want). */
export function callData<N extends CallableName>(name: N): (input: CallableInput<N>) => Promise<CallableResult<N>> {
  const c = callable(name);
  return async (input) => (await c(input)).data;
}
