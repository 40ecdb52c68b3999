/**
 * Shared shape of every Kassa callable: authentication required, input parsed with zod
 * (first problem named), the use case called with the caller, errors mapped once.
 */
import { logger } from "firebase-functions";
import { type CallableOptions, type CallableRequest, onCall } from "firebase-functions/v2/https";
import type { z } from "zod";
import type { CallableContract, ParsedInputOfContract, ResultOfContract } from "../contracts/contract";
import type { Caller } from "../app/caller";
import { DomainError } from "../domain/errors";
import { isRole } from "../domain/roles";
import { toHttpsError } from "./errors";
import { parseInput } from "./validate";
import { requireCurrentSession, type VerifyCurrent } from "./session-check";
import { auth } from "../adapters/firebase/admin";
import { appCheckAppIds } from "../config/params";
import { parseAppIds, requireAppCheck } from "./app-check";
import { requireStaffSecondFactor } from "./staff-mfa";
import { runAs } from "./run-as";

const verifyCurrent: VerifyCurrent = (token) => auth().verifyIdToken(token, true);

/**
 * The client's address for per-address quotas, or null when it cannot be trusted. Behind
 * Google's front end a callable's X-Forwarded-For ends "<client>, <Google's proxy>", and
 * anything before the client is whatever the client itself sent: so the client is the second
 * entry from the right. `req.ip` is not used: on Cloud Run it can be the proxy, the same for
 * everyone, which would turn a per-address quota into one quota for the whole world. Without
 * a proxy entry (the emulator, a direct call) there is no trustworthy address: null.
 */
export function clientIpOf(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  const raw = headers?.["x-forwarded-for"];
  const hops = (Array.isArray(raw) ? raw.join(",") : (raw ?? "")).split(",").map((h) => h.trim()).filter(Boolean);
  return hops.length >= 2 ? hops[hops.length - 2]! : null;
}

export function callerOf(request: Pick<CallableRequest, "auth"> & { rawRequest?: { headers?: Record<string, string | string[] | undefined> } }): Caller {
  if (!request.auth) throw new DomainError("unauthenticated", "Sign in first.");
  const role: unknown = request.auth.token["role"];
  return {
    uid: request.auth.uid,
    role: isRole(role) ? role : null,
    email: typeof request.auth.token.email === "string" ? request.auth.token.email : null,
    emailVerified: request.auth.token.email_verified === true,
    ip: clientIpOf(request.rawRequest?.headers),
  };
}

/**
 * Every callable's capacity (a callable may ask for other values): 80 requests at once per
 * instance (they wait on Firestore and Stripe, not the CPU) and at most 20 instances, so 1,600
 * requests in flight. App Check refuses a flood from anything but Kassa's app before the
 * handler, the card-testing quotas bound what one account can start, and the cap keeps a flood
 * that gets through from spending the project's whole quota (and Stripe's rate limit); the
 * webhooks have their own 100 instances, so Stripe's deliveries never queue behind it.
 */
export const CALLABLE_CAPACITY = { concurrency: 80, maxInstances: 20 } as const;

/**
 * A callable built from its contract (contracts/): the contract's name and input schema, and a
 * handler that must return the contract's result type, so the web's client cannot drift. There
 * is no other way to make one: a callable without a contract does not compile.
 */
export function kassaCallable<C extends CallableContract>(
  contract: C,
  handler: (input: ParsedInputOfContract<C>, caller: Caller) => Promise<ResultOfContract<C>>,
  options?: CallableOptions,
) {
  return buildCallable(contract.name, contract.input, handler as (input: unknown, caller: Caller) => Promise<unknown>, options);
}

function buildCallable<S extends z.ZodType, R>(
  name: string,
  schema: S,
  handler: (input: z.output<S>, caller: Caller) => Promise<R>,
  options: CallableOptions = {},
) {
  // enforceAppCheck: firebase-functions refuses a request without a valid token before this
  // handler; requireAppCheck below also refuses tokens not made for Kassa (see app-check.ts).
  return onCall({ enforceAppCheck: true, ...CALLABLE_CAPACITY, ...runAs(name), ...options }, async (request) => {
    try {
      requireAppCheck(request.app, process.env, parseAppIds(appCheckAppIds.value()));
      const caller = callerOf(request);
      const input = parseInput(schema, request.data);
      // After the input check, so bad input is refused without touching Auth.
      await requireCurrentSession(caller, request, verifyCurrent);
      requireStaffSecondFactor(caller, request.auth?.token, process.env);
      return await handler(input, caller);
    } catch (error) {
      const mapped = toHttpsError(error);
      logger.warn(`${name} refused`, { code: mapped.code, message: mapped.message, uid: request.auth?.uid });
      throw mapped;
    }
  });
}
