/**
 * Handlers for Stripe Connect events, spread into the event processor's map by the
 * composition root. Each is idempotent (status checks first, ledger ids derived from the
 * payout) and order-tolerant (older account.updated events are ignored; a payout.paid after
 * payout.failed changes nothing). Payout events go through the payout lifecycle, matched to the
 * exact attempt: one for an older attempt is recorded on the payout's audit trail, never applied.
 */
import type { CatalogueStore } from "../../ports/catalogue-store";
import type { Clock } from "../../ports/clock";
import type { PayoutStore } from "../../ports/payout-store";
import { num, obj, str, type EventHandlers, type EventOutcome, type StripeEventRecord } from "../stripe-events/event";
import { coachPatchOf } from "./onboarding";
import { withCoachDefaults, withPayoutDefaults } from "../payouts/payout-records";
import { applyPayoutStep } from "../payouts/payout-transition";

export interface ConnectEventDeps {
  store: PayoutStore;
  clock: Clock;
  /** Keeps the coach's programs listed for sale only while Stripe lets the account take payments. */
  catalogue?: Pick<CatalogueStore, "setCoachCanSell">;
}

const ignored = (note: string): EventOutcome => ({ result: "ignored", note });

async function accountUpdated(deps: ConnectEventDeps, event: StripeEventRecord): Promise<EventOutcome> {
  const a = event.data.object;
  const accountId = str(a, "id") ?? event.account;
  if (!accountId) return ignored("account.updated without an account id");
  const uid = str(obj(a, "metadata"), "kassaCoachId") ?? (await deps.store.findCoachByAccount(accountId));
  if (!uid) return ignored(`account ${accountId} belongs to no Kassa coach`);
  const req = obj(a, "requirements");
  const due = Array.isArray(req["currently_due"]) ? (req["currently_due"] as unknown[]).filter((x): x is string => typeof x === "string") : [];
  const patch = coachPatchOf({
    accountId,
    chargesEnabled: a["charges_enabled"] === true,
    payoutsEnabled: a["payouts_enabled"] === true,
    detailsSubmitted: a["details_submitted"] === true,
    requirementsDue: due,
    disabledReason: str(req, "disabled_reason"),
  });
  const outcome = await deps.store.transact(async (tx) => {
    const coach = withCoachDefaults(uid, await tx.getCoach(uid));
    if (coach.stripeAccountId && coach.stripeAccountId !== accountId) return ignored(`coach ${uid} has account ${coach.stripeAccountId}, not ${accountId}`);
    if (coach.accountEventAt !== null && coach.accountEventAt > event.created) return ignored("a newer account.updated was already applied");
    tx.updateCoach(uid, { ...patch, uid, accountEventAt: event.created, updatedAt: deps.clock.now().getTime() });
    return { result: "processed", note: `coach ${uid}: payouts ${patch.payoutsEnabled ? "enabled" : "disabled"}` } as EventOutcome;
  });
  // Only the newest account state decides; a retried event sets the same value again.
  if (outcome.result === "processed" && deps.catalogue) await deps.catalogue.setCoachCanSell(uid, patch.chargesEnabled);
  return outcome;
}

type PayoutEventKind = "paid" | "failed";

async function payoutEvent(deps: ConnectEventDeps, event: StripeEventRecord, kind: PayoutEventKind): Promise<EventOutcome> {
  const o = event.data.object;
  const stripePayoutId = str(o, "id");
  if (!stripePayoutId) return ignored(`${event.type} without a payout id`);
  // The platform's own payouts to its bank are not coach payouts.
  if (!event.account) return ignored("platform payout, not a coach payout");
  const meta = obj(o, "metadata");
  const attempt = Number(str(meta, "kassaAttempt") ?? NaN);
  const payoutId = str(meta, "kassaPayoutId") ?? (await deps.store.findPayoutByStripeId(stripePayoutId));
  const now = deps.clock.now().getTime();
  const review = async (note: string): Promise<EventOutcome> => {
    await deps.store.recordReview({
      id: `${event.type}-${stripePayoutId}`.replace(/[^\w.-]/g, "_"),
      kind: "unknown_payout",
      stripeAccountId: event.account,
      stripeObjectId: stripePayoutId,
      eventType: event.type,
      amount: num(o, "amount"),
      currency: str(o, "currency"),
      note,
      createdAt: now,
    });
    return { result: "processed", note: `recorded for review: ${note}` };
  };
  if (!payoutId) return review(`no Kassa payout for Stripe payout ${stripePayoutId}`);

  return deps.store.transact(async (tx): Promise<EventOutcome | null> => {
    const found = await tx.getPayout(payoutId);
    if (!found) return null;
    const p = withPayoutDefaults(found);
    const code = str(o, "failure_code") ?? (event.type === "payout.canceled" ? "canceled" : null);
    const message = str(o, "failure_message") ?? (event.type === "payout.canceled" ? "Stripe cancelled the payout." : "The payout failed.");
    const step = await applyPayoutStep(
      tx,
      p,
      { type: kind === "paid" ? "stripe_paid" : "stripe_failed", stripePayoutId, attempt: Number.isInteger(attempt) ? attempt : null, at: now },
      { now, reason: `${event.type} ${event.id}`, failure: { code, reason: p.status === "paid" ? `Returned by the bank after payment: ${message}` : message } },
    );
    if (step.kind === "stale") return ignored(`recorded, not applied: ${step.note}`);
    if (step.kind === "unchanged") return ignored(step.note);
    return { result: "processed", note: `payout ${p.id} ${step.to}${kind === "failed" ? `: ${code ?? "no code"}` : ""}` };
  }).then((r) => (r === null ? review(`Kassa payout ${payoutId} named in metadata does not exist`) : r));
}

export function connectEventHandlers(deps: ConnectEventDeps): EventHandlers {
  return {
    "account.updated": (e) => accountUpdated(deps, e),
    "payout.paid": (e) => payoutEvent(deps, e, "paid"),
    "payout.failed": (e) => payoutEvent(deps, e, "failed"),
    "payout.canceled": (e) => payoutEvent(deps, e, "failed"),
  };
}
