import { testMethod } from "./cards.js";
import { ApiError } from "./errors.js";
import { defaultRates, rate, setRate } from "./fx.js";
import type { LocalCtx, LocalResult, LocalRoute } from "./local-route.js";
import { local } from "./local-route.js";
import { authenticateCheckout, payCheckout } from "./resources/checkout-sessions.js";
import { authenticatePayment, settlePayment } from "./payments.js";
import { nextDue, settleDue } from "./timers.js";
import { verifyAccount } from "./resources/accounts.js";
import { closeDispute, openDispute } from "./resources/disputes.js";
import { arriveDuePayouts, markPayoutFailed, markPayoutInTransit, markPayoutPaid } from "./resources/payouts.js";
import { settleRefund } from "./resources/refunds.js";
import { renewDue } from "./resources/subscriptions.js";

/** Control errors use the API's envelope so scripts can read them the same way. */
async function guarded(fn: () => unknown): Promise<LocalResult> {
  try {
    return { json: await fn() };
  } catch (err) {
    if (err instanceof ApiError) return { status: err.status, json: { error: err.body } };
    if (err instanceof Error) return { status: 400, json: { error: { type: "invalid_request_error", message: err.message } } };
    throw err;
  }
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const authOutcome = (v: unknown): "succeed" | "fail" | undefined => (v === "succeed" || v === "fail" ? v : undefined);

function moveClock({ sb, server, body }: LocalCtx): unknown {
  if (typeof body.advance_seconds === "number") sb.clock.advance(body.advance_seconds);
  else if (typeof body.to === "number") sb.clock.moveTo(body.to);
  else throw new Error("Send {advance_seconds: N} or {to: unix}.");
  const settled = settleDue(sb);
  const renewed = renewDue(sb);
  const arrived = arriveDuePayouts(sb);
  const expired = server.idempotency.expire();
  sb.changed();
  return { now: sb.now(), renewed_subscriptions: renewed, settled, arrived_payouts: arrived, expired_idempotency_keys: expired };
}

function webhookAction({ server, body }: LocalCtx): unknown {
  const w = server.webhooks;
  const eventId = str(body.event_id);
  const needEvent = (): string => {
    if (!eventId) throw new Error("event_id is required for this action.");
    return eventId;
  };
  switch (body.action) {
    case "redeliver":
      return { deliveries: w.redeliver(needEvent()) };
    case "duplicate": {
      const id = needEvent();
      return { deliveries: [...w.redeliver(id, id), ...w.redeliver(id, id)] };
    }
    case "pause":
      w.pause();
      return { paused: true };
    case "resume":
      w.resume("in_order");
      return { paused: false };
    case "shuffle":
      w.resume("shuffled");
      return { paused: false, shuffled: true };
    case "bad_signature":
      w.badSignature(typeof body.count === "number" ? body.count : 1);
      if (eventId) w.redeliver(eventId);
      return { bad_signature: true };
    default:
      throw new Error("action must be one of redeliver, duplicate, shuffle, pause, resume, bad_signature.");
  }
}

function setConfig({ sb, body }: LocalCtx): unknown {
  const c = sb.config;
  const num = (k: string): number | undefined => (typeof body[k] === "number" ? (body[k] as number) : undefined);
  c.rateLimitPerSecond = num("rate_limit") ?? c.rateLimitPerSecond;
  c.endpointRateLimitPerSecond = num("endpoint_rate_limit") ?? c.endpointRateLimitPerSecond;
  c.feePercentBps = num("fee_percent_bps") ?? c.feePercentBps;
  c.holdSeconds = num("hold_seconds") ?? c.holdSeconds;
  c.asyncSettleSeconds = num("async_settle_seconds") ?? c.asyncSettleSeconds;
  c.webhookRetryBaseMs = num("webhook_retry_base_ms") ?? c.webhookRetryBaseMs;
  c.webhookMaxAttempts = num("webhook_max_attempts") ?? c.webhookMaxAttempts;
  if (body.fee_fixed && typeof body.fee_fixed === "object") Object.assign(c.feeFixed, body.fee_fixed);
  if (body.dispute_fee && typeof body.dispute_fee === "object") Object.assign(c.disputeFee, body.dispute_fee);
  if (typeof body.platform_currency === "string") c.platformCurrency = body.platform_currency.toLowerCase();
  if (typeof body.dispute_fee_returned_on_win === "boolean") c.disputeFeeReturnedOnWin = body.dispute_fee_returned_on_win;
  return configView({ sb } as LocalCtx);
}

function configView({ sb }: LocalCtx): unknown {
  const c = sb.config;
  return {
    rate_limit: c.rateLimitPerSecond,
    endpoint_rate_limit: c.endpointRateLimitPerSecond,
    fee_percent_bps: c.feePercentBps,
    fee_fixed: c.feeFixed,
    dispute_fee: c.disputeFee,
    hold_seconds: c.holdSeconds,
    async_settle_seconds: c.asyncSettleSeconds,
    platform_currency: c.platformCurrency,
    dispute_fee_returned_on_win: c.disputeFeeReturnedOnWin,
    webhook_retry_base_ms: c.webhookRetryBaseMs,
    webhook_max_attempts: c.webhookMaxAttempts,
    platform_account: sb.platform,
  };
}

export const controlRoutes: LocalRoute[] = [
  local("GET", "/__sandbox/health", () => ({ json: { ok: true } })),
  local("POST", "/__sandbox/reset", ({ sb, server }) => {
    sb.reset();
    server.log.clear();
    server.faults.clear();
    return { json: { ok: true } };
  }),
  local("GET", "/__sandbox/clock", ({ sb }) => ({ json: { now: sb.now(), next_due: nextDue(sb) } })),
  local("POST", "/__sandbox/clock", (c) => guarded(() => moveClock(c))),
  local("GET", "/__sandbox/faults", ({ server }) => ({ json: { data: server.faults.list() } })),
  local("POST", "/__sandbox/faults", ({ server, body }) => guarded(() => server.faults.add(body))),
  local("DELETE", "/__sandbox/faults", ({ server }) => {
    server.faults.clear();
    return { json: { ok: true } };
  }),
  local("GET", "/__sandbox/requests", ({ server }) => ({ json: { data: server.log.list() } })),
  local("DELETE", "/__sandbox/requests", ({ server }) => {
    server.log.clear();
    return { json: { ok: true } };
  }),
  // ?status=pending lists only deliveries still to make (the local stack polls it between moves).
  local("GET", "/__sandbox/webhooks", ({ server, query }) => ({ json: { paused: server.webhooks.paused, data: server.webhooks.list().filter((d) => !query.status || d.status === query.status) } })),
  local("POST", "/__sandbox/webhooks", (c) => guarded(() => webhookAction(c))),
  local("POST", "/__sandbox/checkout/:id/pay", ({ sb, args, body }) => guarded(() => payCheckout(sb, args[0] ?? "", str(body.card) ?? "4242424242424242", str(body.email), authOutcome(body.authenticate)))),
  local("POST", "/__sandbox/payment_intents/:id/authenticate", ({ sb, args, body }) =>
    guarded(() => {
      const id = args[0] ?? "";
      const outcome = authOutcome(body.outcome) ?? "succeed";
      // A session's payment completes the session too; the answer is the PaymentIntent either way.
      if (Object.values(sb.state.checkoutSessions).some((cs) => cs.payment_intent === id)) authenticateCheckout(sb, id, outcome);
      else authenticatePayment(sb, id, outcome);
      return sb.find("paymentIntents", id);
    }),
  ),
  local("POST", "/__sandbox/payment_intents/:id/settle", ({ sb, args, body }) => guarded(() => settlePayment(sb, args[0] ?? "", body.outcome === "succeeded" || body.outcome === "failed" ? body.outcome : undefined))),
  local("POST", "/__sandbox/accounts/:id/verify", ({ sb, args }) => guarded(() => verifyAccount(sb, args[0] ?? ""))),
  local("POST", "/__sandbox/payouts/:id/in_transit", ({ sb, args }) => guarded(() => markPayoutInTransit(sb, args[0] ?? ""))),
  local("POST", "/__sandbox/payouts/:id/paid", ({ sb, args }) => guarded(() => markPayoutPaid(sb, args[0] ?? ""))),
  local("POST", "/__sandbox/payouts/:id/failed", ({ sb, args, body }) => guarded(() => markPayoutFailed(sb, args[0] ?? "", str(body.failure_code)))),
  local("POST", "/__sandbox/charges/:id/dispute", ({ sb, args, body }) =>
    guarded(() => {
      const charge = sb.find("charges", args[0] ?? "");
      if (!charge) throw new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such charge: '${args[0] ?? ""}'`, param: "id" });
      const dispute = openDispute(sb, charge, sb.ownerOf(charge.id) ?? sb.platform, {
        inquiry: body.inquiry === true,
        ...(typeof body.amount === "number" ? { amount: body.amount } : {}),
        ...(typeof body.reason === "string" ? { reason: body.reason } : {}),
      });
      const outcome = body.outcome === "won" || body.outcome === "lost" ? body.outcome : null;
      return outcome ? closeDispute(sb, dispute, outcome) : dispute;
    }),
  ),
  local("POST", "/__sandbox/disputes/:id/close", ({ sb, args, body }) =>
    guarded(() => {
      const dispute = sb.find("disputes", args[0] ?? "");
      if (!dispute) throw new ApiError(404, { type: "invalid_request_error", code: "resource_missing", message: `No such dispute: '${args[0] ?? ""}'` });
      return closeDispute(sb, dispute, body.outcome === "won" ? "won" : "lost");
    }),
  ),
  local("POST", "/__sandbox/refunds/:id/settle", ({ sb, args, body }) => guarded(() => settleRefund(sb, args[0] ?? "", body.outcome === "succeeded" || body.outcome === "failed" ? body.outcome : undefined))),
  local("POST", "/__sandbox/subscriptions/:id/card", ({ sb, args, body }) =>
    guarded(() => {
      if (!sb.find("subscriptions", args[0] ?? "")) throw new Error(`No such subscription: ${args[0] ?? ""}`);
      const card = str(body.card) ?? "4242424242424242";
      // Renewals are paid at once or declined; 3-D Secure and SEPA renewals are not modelled.
      if (!["succeeds", "declined", "insufficient_funds"].includes(testMethod(card, "card").flow)) throw new Error("Renewals take cards that succeed or decline at once.");
      sb.state.cards[args[0] ?? ""] = { card };
      return { ok: true };
    }),
  ),
  local("GET", "/__sandbox/exchange_rates", ({ sb }) => ({ json: { defaults: defaultRates, set: sb.state.exchangeRates } })),
  local("POST", "/__sandbox/exchange_rates", ({ sb, body }) =>
    guarded(() => {
      const from = str(body.from)?.toLowerCase();
      const to = str(body.to)?.toLowerCase();
      if (!from || !to || typeof body.rate !== "number") throw new Error("Send {from, to, rate}: amount in from x rate = amount in to.");
      setRate(sb, from, to, body.rate);
      return { from, to, rate: rate(sb, from, to), inverse: rate(sb, to, from) };
    }),
  ),
  local("GET", "/__sandbox/config", (c) => ({ json: configView(c) })),
  local("POST", "/__sandbox/config", (c) => guarded(() => setConfig(c))),
];
