/**
 * Selling a program: price and fee come from the catalogue and settings on the server, the
 * coach's share goes to the coach's connected account as a destination charge, and the
 * platform fee is the application fee. The client only names the program.
 */
import { DomainError } from "../../domain/errors";
import { splitFee } from "../../domain/fee-split";
import type { Program } from "../../ports/catalogue-store";
import { type Caller, requireRole, requireVerifiedEmail } from "../caller";
import type { CheckoutDeps } from "./checkout-deps";
import { ensureStripeCustomer } from "./ensure-customer";
import { ensureStripePrice } from "./ensure-stripe-price";
import { admitAttempt, reusablePaymentIntent } from "./attempt-quota";

/** A PaymentIntent in these states can still be paid with the client secret it was given. */
const OPEN_INTENT = new Set(["requires_payment_method", "requires_confirmation", "requires_action"]);

interface Sale {
  program: Program;
  coachAccountId: string;
  feeAmount: number;
  metadata: Record<string, string>;
}

async function prepareSale(
  deps: Omit<CheckoutDeps, "webAppUrl">,
  caller: Caller,
  programId: string,
  attemptId: string,
): Promise<Sale> {
  requireRole(caller, "customer", "coach", "admin", "accountant");
  requireVerifiedEmail(caller);
  const program = await deps.catalogue.getProgram(programId);
  if (!program)
    throw new DomainError("not_found", `programId: no program ${programId}`, "programId");
  if (!program.active)
    throw new DomainError(
      "precondition",
      "programId: this program is no longer for sale",
      "programId",
    );
  if (program.coachId === caller.uid)
    throw new DomainError(
      "precondition",
      "programId: you cannot buy your own program",
      "programId",
    );
  const coach = await deps.catalogue.getCoachAccount(program.coachId);
  if (!coach?.stripeAccountId || !coach.chargesEnabled) {
    throw new DomainError(
      "precondition",
      `${program.coachName || "This coach"} cannot take payments yet (Stripe onboarding not finished).`,
      "programId",
    );
  }
  const { feeBps } = await deps.settings.payments();
  const { fee } = splitFee(program.price, feeBps);
  return {
    program,
    coachAccountId: coach.stripeAccountId,
    feeAmount: fee.amount,
    metadata: {
      kassaKind: "program",
      kassaAttemptId: attemptId,
      programId: program.id,
      coachId: program.coachId,
      userId: caller.uid,
      feeBps: String(feeBps),
    },
  };
}

export async function createProgramCheckout(
  deps: CheckoutDeps,
  caller: Caller,
  input: { programId: string },
): Promise<{ sessionId: string; url: string }> {
  const attemptId = deps.ids.next("co");
  const sale = await prepareSale(deps, caller, input.programId, attemptId);
  await admitAttempt(deps.attempts, caller, { id: attemptId, kind: "checkout", itemId: sale.program.id, at: deps.clock.now().getTime(), stripeId: null, clientSecret: null }, { perUser: deps.attemptsPerHour, perIp: deps.attemptsPerIpPerHour });
  const [priceId, customerId] = await Promise.all([
    ensureStripePrice(deps, "program", sale.program),
    ensureStripeCustomer(deps, caller),
  ]);
  const session = await deps.gateway.createCheckoutSession({
    idempotencyKey: `checkout:${attemptId}`,
    mode: "payment",
    customerId,
    priceId,
    clientReferenceId: caller.uid,
    description: sale.program.title,
    successUrl: `${deps.webAppUrl}/customer/purchases?checkout=success&session={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${deps.webAppUrl}/customer?checkout=cancelled`,
    metadata: sale.metadata,
    destination: { accountId: sale.coachAccountId, applicationFeeAmount: sale.feeAmount },
  });
  return { sessionId: session.id, url: session.url };
}

/** The same sale for an in-app card form (Stripe Elements): the client gets a client_secret. */
export async function createProgramPaymentIntent(
  deps: Omit<CheckoutDeps, "webAppUrl">,
  caller: Caller,
  input: { programId: string },
): Promise<{ paymentIntentId: string; clientSecret: string; amount: number; currency: string }> {
  const attemptId = deps.ids.next("pi");
  const sale = await prepareSale(deps, caller, input.programId, attemptId);
  const now = deps.clock.now().getTime();
  // The same form opened again (a reload, a second tab) continues the open attempt.
  const open = await reusablePaymentIntent(deps.attempts, caller.uid, sale.program.id, now);
  if (open?.stripeId && open.clientSecret) {
    // Only while it can still be paid and charges today's catalogue price (a price changed in
    // between makes a new intent); the amount shown is Stripe's own.
    const intent = await deps.gateway.getPayment(open.stripeId);
    const price = sale.program.price;
    if (OPEN_INTENT.has(intent.status) && intent.amount.amount === price.amount && intent.amount.currency === price.currency) {
      return { paymentIntentId: open.stripeId, clientSecret: open.clientSecret, amount: intent.amount.amount, currency: intent.amount.currency };
    }
  }
  await admitAttempt(deps.attempts, caller, { id: attemptId, kind: "payment_intent", itemId: sale.program.id, at: now, stripeId: null, clientSecret: null }, { perUser: deps.attemptsPerHour, perIp: deps.attemptsPerIpPerHour });
  const customerId = await ensureStripeCustomer(deps, caller);
  const pi = await deps.gateway.createPaymentIntent({
    idempotencyKey: `payment-intent:${attemptId}`,
    amount: sale.program.price,
    customerId,
    description: sale.program.title,
    metadata: sale.metadata,
    destination: { accountId: sale.coachAccountId, applicationFeeAmount: sale.feeAmount },
  });
  await deps.attempts.attach(caller.uid, attemptId, { stripeId: pi.id, clientSecret: pi.clientSecret });
  return {
    paymentIntentId: pi.id,
    clientSecret: pi.clientSecret,
    amount: sale.program.price.amount,
    currency: sale.program.price.currency,
  };
}
