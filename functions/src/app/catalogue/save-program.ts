/**
 * Coaches keep their own programs; admins may edit anyone's. A price change bumps the price
 * version and mirrors it to a new Stripe price at once (Stripe prices are immutable), so the
 * next checkout charges exactly what the catalogue says.
 */
import { assertAboveChargeMinimum } from "../../domain/charge-minimums";
import { DomainError } from "../../domain/errors";
import { money } from "../../domain/money";
import type { Program } from "../../ports/catalogue-store";
import { type Caller, requireRole } from "../caller";
import type { CheckoutDeps } from "../checkout/checkout-deps";
import { ensureStripePrice } from "../checkout/ensure-stripe-price";

export interface SaveProgramInput {
  programId?: string;
  coachId?: string;
  title: string;
  description: string;
  price: { amount: number; currency: string };
  active: boolean;
}

export async function saveProgram(
  deps: Pick<CheckoutDeps, "catalogue" | "gateway" | "ids"> & {
    coachName: (uid: string) => Promise<string | null>;
  },
  caller: Caller,
  input: SaveProgramInput,
): Promise<{ programId: string; priceVersion: number; stripePriceId: string }> {
  requireRole(caller, "coach", "admin");
  const coachId = caller.role === "admin" ? (input.coachId ?? caller.uid) : caller.uid;
  if (caller.role !== "admin" && input.coachId && input.coachId !== caller.uid) {
    throw new DomainError("permission", "coachId: coaches edit only their own programs", "coachId");
  }
  const price = money(input.price.amount, input.price.currency, "price.amount");
  assertAboveChargeMinimum(price, "price.amount");
  const existing = input.programId ? await deps.catalogue.getProgram(input.programId) : null;
  if (input.programId && !existing)
    throw new DomainError("not_found", `programId: no program ${input.programId}`, "programId");
  if (existing && existing.coachId !== coachId && caller.role !== "admin") {
    throw new DomainError(
      "permission",
      "programId: this program belongs to another coach",
      "programId",
    );
  }
  const priceChanged =
    !existing ||
    existing.price.amount !== price.amount ||
    existing.price.currency !== price.currency;
  const program: Program = {
    id: existing?.id ?? deps.ids.next("prog"),
    coachId: existing?.coachId ?? coachId,
    coachName: existing?.coachName ?? (await deps.coachName(coachId)) ?? "",
    title: input.title,
    description: input.description,
    price,
    active: input.active,
    priceVersion: existing ? existing.priceVersion + (priceChanged ? 1 : 0) : 1,
    stripeProductId: existing?.stripeProductId ?? null,
    stripePriceId: existing?.stripePriceId ?? null,
    stripePriceVersion: existing?.stripePriceVersion ?? null,
    coachCanSell: (await deps.catalogue.getCoachAccount(existing?.coachId ?? coachId))?.chargesEnabled === true,
  };
  await deps.catalogue.saveProgram(program);
  const stripePriceId = await ensureStripePrice(deps, "program", program);
  return { programId: program.id, priceVersion: program.priceVersion, stripePriceId };
}
