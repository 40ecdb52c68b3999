/**
 * The Stripe price mirroring a program's or plan's current price version, created on first
 * use. The idempotency key names the object and version, so concurrent checkouts of a fresh
 * program create one product and one price between them.
 */
import type { Plan, Program } from "../../ports/catalogue-store";
import type { CheckoutDeps } from "./checkout-deps";

export async function ensureStripePrice(
  deps: Pick<CheckoutDeps, "catalogue" | "gateway">,
  kind: "program" | "plan",
  item: Program | Plan,
): Promise<string> {
  if (item.stripePriceId && item.stripePriceVersion === item.priceVersion)
    return item.stripePriceId;
  const ids = await deps.gateway.createProductWithPrice({
    idempotencyKey: `${kind}:${item.id}:v${item.priceVersion}`,
    name: item.title,
    price: item.price,
    recurring: kind === "plan" ? "month" : null,
    metadata: { kassaKind: kind, kassaId: item.id, priceVersion: String(item.priceVersion) },
  });
  await deps.catalogue.setStripePrice(kind, item.id, item.priceVersion, ids);
  return ids.priceId;
}
