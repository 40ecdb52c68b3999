import { ApiError } from "../errors.js";
import type { LocalRoute } from "../local-route.js";
import { local } from "../local-route.js";
import { payCheckout } from "../resources/checkout-sessions.js";
import type { Sandbox } from "../sandbox.js";
import { esc, layout, money } from "./html.js";

function page(sb: Sandbox, id: string, error?: string): string {
  const s = sb.find("checkoutSessions", id);
  if (!s) return layout("Not found", `<h1>Checkout session not found</h1>`);
  if (s.status !== "open") return layout("Checkout", `<h1>This checkout session is ${esc(s.status)}.</h1>`);
  const currency = s.currency ?? "sek";
  const rows = (sb.state.checkoutLineItems[id] ?? [])
    .map((li) => `<tr><td>${esc(li.description)} × ${esc(li.quantity)}</td><td class="r">${esc(money(li.amount_total, currency))}${li.price?.recurring ? ` / ${esc(li.price.recurring.interval)}` : ""}</td></tr>`)
    .join("");
  const cancel = s.cancel_url ? `<p><a id="cancel" href="${esc(s.cancel_url)}">Cancel</a></p>` : "";
  return layout(
    "Checkout",
    `<h1>Pay ${esc(money(s.amount_total ?? 0, currency))}</h1>
<table>${rows}<tr><td><strong>Total</strong></td><td class="r" id="amount-total"><strong>${esc(money(s.amount_total ?? 0, currency))}</strong></td></tr></table>
<form method="post" action="/checkout/${esc(id)}">
<label for="email">Email</label><input id="email" name="email" type="email" value="${esc(s.customer_email ?? "")}">
<label for="card-number">Card number</label><input id="card-number" name="card" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" value="4242 4242 4242 4242">
<button type="submit" id="pay">Pay</button>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
</form>${cancel}
<p><small>4242 4242 4242 4242 succeeds · 4000 0000 0000 0002 is declined · 4000 0000 0000 0259 is disputed after payment · 4000 0027 6000 3184 asks for 3D Secure · IBAN DE89 3704 0044 0532 0130 00 (EUR) settles later, DE62 3704 0044 0532 0130 01 fails later</small></p>`,
  );
}

export const checkoutPages: LocalRoute[] = [
  local("GET", "/checkout/:id", ({ sb, args }) => ({ html: page(sb, args[0] ?? "") })),
  local("POST", "/checkout/:id", ({ sb, args, body }) => {
    const id = args[0] ?? "";
    const card = typeof body.card === "string" && body.card.trim() ? body.card.replace(/\s/g, "") : "4242424242424242";
    const email = typeof body.email === "string" && body.email ? body.email : undefined;
    try {
      const session = payCheckout(sb, id, card, email);
      // A 3-D Secure card: the issuer's challenge page comes first.
      if (session.status === "open" && session.payment_intent) return { redirect: `/3ds/${String(session.payment_intent)}` };
      return { redirect: (session.success_url ?? "/").replace("{CHECKOUT_SESSION_ID}", session.id) };
    } catch (err) {
      if (err instanceof ApiError) return { status: err.status, html: page(sb, id, err.body.message) };
      throw err;
    }
  }),
];
