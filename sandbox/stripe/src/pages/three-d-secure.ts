import { ApiError } from "../errors.js";
import type { LocalRoute } from "../local-route.js";
import { local } from "../local-route.js";
import { authenticatePayment } from "../payments.js";
import { authenticateCheckout } from "../resources/checkout-sessions.js";
import type { Sandbox } from "../sandbox.js";
import { esc, layout, money } from "./html.js";

/**
 * Stripe's 3-D Secure test page: the issuer's challenge, passed or failed by a click.
 * `embedded`: shown inside Stripe.js's modal (the stand-in frames it, as Stripe.js frames the
 * issuer's page), so it reports its outcome to the page around it instead of redirecting.
 */
function page(sb: Sandbox, id: string, error?: string, embedded = false): string {
  const pi = sb.find("paymentIntents", id);
  if (!pi) return layout("Not found", "<h1>Payment not found</h1>");
  if (pi.status !== "requires_action") return layout("3D Secure", `<h1>This payment is ${esc(pi.status)}.</h1>`);
  const mode = embedded ? `<input type="hidden" name="embedded" value="1">` : "";
  return layout(
    "3D Secure",
    `<h1>3D Secure 2 test page</h1><p>Authenticate ${esc(money(pi.amount, pi.currency))}?</p>
<form method="post" action="/3ds/${esc(id)}/complete">${mode}<button type="submit" id="complete">Complete authentication</button></form>
<form method="post" action="/3ds/${esc(id)}/fail">${mode}<button type="submit" class="secondary" id="fail">Fail authentication</button></form>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}`,
  );
}

/** The framed challenge's last page: tells Stripe.js (the parent page) that it is over. */
function reportToParent(id: string, outcome: "succeed" | "fail"): { html: string } {
  const message = JSON.stringify({ type: "kassa-sandbox-3ds", paymentIntent: id, outcome }).replace(/</g, "\\u003c");
  return { html: layout("3D Secure", `<p>Authentication ${outcome === "succeed" ? "completed" : "failed"}.</p><script>parent.postMessage(${message}, "*");</script>`) };
}

function finish(sb: Sandbox, id: string, outcome: "succeed" | "fail", embedded: boolean): { redirect: string } | { status?: number; html: string } {
  const returnUrl = sb.find("paymentIntents", id)?.next_action?.redirect_to_url?.return_url ?? null;
  try {
    const session = Object.values(sb.state.checkoutSessions).find((s) => s.payment_intent === id);
    if (session) {
      authenticateCheckout(sb, id, outcome);
      // A failed challenge sends the buyer back to the payment page to try again.
      return { redirect: session.status === "complete" ? (session.success_url ?? "/").replace("{CHECKOUT_SESSION_ID}", session.id) : `/checkout/${session.id}` };
    }
    authenticatePayment(sb, id, outcome);
    if (embedded) return reportToParent(id, outcome);
    return { redirect: returnUrl ? `${returnUrl}${returnUrl.includes("?") ? "&" : "?"}payment_intent=${id}` : `/3ds/${id}` };
  } catch (err) {
    if (err instanceof ApiError) return { status: err.status, html: page(sb, id, err.body.message, embedded) };
    throw err;
  }
}

export const threeDSecurePages: LocalRoute[] = [
  local("GET", "/3ds/:id", ({ sb, args, query }) => ({ html: page(sb, args[0] ?? "", undefined, query["embedded"] === "1") })),
  local("POST", "/3ds/:id/complete", ({ sb, args, body }) => finish(sb, args[0] ?? "", "succeed", body["embedded"] === "1")),
  local("POST", "/3ds/:id/fail", ({ sb, args, body }) => finish(sb, args[0] ?? "", "fail", body["embedded"] === "1")),
];
