import { balanceOf } from "../balance.js";
import type { LocalRoute } from "../local-route.js";
import { local } from "../local-route.js";
import { verifyAccount } from "../resources/accounts.js";
import { esc, layout, money } from "./html.js";

export const connectPages: LocalRoute[] = [
  local("GET", "/connect/onboarding/:id", ({ sb, args, query }) => {
    const account = sb.state.accounts[args[0] ?? ""];
    if (!account) return { status: 404, html: layout("Not found", "<h1>Account not found</h1>") };
    const q = new URLSearchParams(query).toString();
    const due = account.requirements?.currently_due ?? [];
    return {
      html: layout(
        "Connect onboarding",
        `<h1>Verify your account</h1><p>Account <code>${esc(account.id)}</code>${account.email ? ` (${esc(account.email)})` : ""}</p>
<p>Currently due: ${due.length ? due.map((d) => `<code>${esc(d)}</code>`).join(", ") : "nothing"}</p>
<form method="post" action="/connect/onboarding/${esc(account.id)}/complete?${esc(q)}"><button type="submit" id="complete">Complete verification</button></form>
<form method="post" action="/connect/onboarding/${esc(account.id)}/leave?${esc(q)}"><button type="submit" class="secondary" id="leave">Leave incomplete</button></form>`,
      ),
    };
  }),
  local("POST", "/connect/onboarding/:id/complete", ({ sb, args, query }) => {
    verifyAccount(sb, args[0] ?? "");
    return { redirect: query.return_url ?? "/" };
  }),
  local("POST", "/connect/onboarding/:id/leave", ({ query }) => ({ redirect: query.refresh_url ?? query.return_url ?? "/" })),
  local("GET", "/express/:id", ({ sb, args }) => {
    const account = sb.state.accounts[args[0] ?? ""];
    if (!account) return { status: 404, html: layout("Not found", "<h1>Account not found</h1>") };
    const b = balanceOf(sb, account.id);
    const rows = b.available.map((a) => {
      const pending = b.pending.find((p) => p.currency === a.currency)?.amount ?? 0;
      return `<tr><td>${esc(a.currency.toUpperCase())}</td><td class="r">Available ${esc(money(a.amount, a.currency))}</td><td class="r">Pending ${esc(money(pending, a.currency))}</td></tr>`;
    });
    const payouts = sb
      .rows("payouts", account.id)
      .slice(0, 10)
      .map((p) => `<tr><td>${esc(p.id)}</td><td class="r">${esc(money(p.amount, p.currency))}</td><td class="r">${esc(p.status)}</td></tr>`);
    return { html: layout("Express dashboard", `<h1>Express dashboard</h1><p><code>${esc(account.id)}</code></p><h2>Balance</h2><table id="balance">${rows.join("")}</table><h2>Payouts</h2><table id="payouts">${payouts.join("")}</table>`) };
  }),
];
