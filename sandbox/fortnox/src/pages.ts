import type { SandboxState, Voucher } from "./state.js";

/** HTML for people: the OAuth consent page and the accountant's list of booked vouchers. */

function escape(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

const style = `
body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2733;max-width:70rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccd}
table{border-collapse:collapse;margin:.25rem 0 1rem}td,th{padding:.2rem .6rem;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.voucher{margin:1rem 0;padding:.5rem 1rem;background:#f6f7f9;border-radius:6px}
.meta{color:#556}button{font-size:1rem;padding:.5rem 1.5rem;margin-right:1rem}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${style}</style></head><body>${body}</body></html>`;
}

export interface ConsentRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  accountType: string;
  tenantId: string;
}

export function consentPage(r: ConsentRequest): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escape(value)}">`;
  const service = r.accountType === "service" ? "<p><strong>Service account:</strong> the integration may also connect with client credentials without a user.</p>" : "";
  return layout(
    "Fortnox sandbox: authorize",
    `<h1>Fortnox sandbox</h1>
<p>The integration <strong>${escape(r.clientId)}</strong> asks for access to company <strong>${escape(r.tenantId)}</strong> (Kassa Sandbox AB).</p>
<p>Scopes: <code>${escape(r.scope)}</code></p>${service}
<form method="post" action="/oauth-v1/auth/decision">
${hidden("client_id", r.clientId)}${hidden("redirect_uri", r.redirectUri)}${hidden("scope", r.scope)}${hidden("state", r.state)}${hidden("account_type", r.accountType)}
<button id="allow" type="submit" name="decision" value="allow">Allow</button>
<button id="deny" type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

export function oauthErrorPage(message: string): string {
  return layout("Fortnox sandbox: error", `<h1>Authorization error</h1><p id="error">${escape(message)}</p>`);
}

const sek = new Intl.NumberFormat("sv-SE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Anchors are `voucher-<yearId>-<series>-<number>` so Kassa can link to one voucher. */
export function vouchersPage(state: SandboxState): string {
  const accountNames = new Map(state.accounts.map((a) => [a.number, a.description]));
  const years = [...state.financialYears].sort((a, b) => b.id - a.id);
  const sections = years.map((year) => {
    const inYear = state.vouchers.filter((v) => v.year === year.id);
    const bySeries = state.voucherSeries.map((series) => {
      const list = inYear.filter((v) => v.series === series.code).sort((a, b) => b.number - a.number);
      const body = list.length === 0 ? `<p class="meta">Inga verifikationer.</p>` : list.map((v) => voucherBlock(v, accountNames)).join("\n");
      return `<h3>Serie ${escape(series.code)}: ${escape(series.description)} (${list.length})</h3>${body}`;
    });
    return `<h2>Räkenskapsår ${year.id}: ${year.fromDate} – ${year.toDate}</h2>${bySeries.join("\n")}`;
  });
  const locked = state.lockedPeriodEnd ? `Låst period till och med ${escape(state.lockedPeriodEnd)}.` : "Ingen låst period.";
  const inactive = state.accounts.filter((a) => !a.active).map((a) => a.number);
  return layout(
    "Fortnox sandbox: verifikationer",
    `<h1>Fortnox sandbox: bokförda verifikationer</h1>
<p class="meta">Kassa Sandbox AB. ${locked} Inaktiva konton: ${inactive.length ? inactive.join(", ") : "inga"}.</p>
${sections.join("\n")}`,
  );
}

function voucherBlock(v: Voucher, accountNames: Map<number, string>): string {
  const rows = v.rows
    .map(
      (r) =>
        `<tr><td>${r.account}</td><td>${escape(accountNames.get(r.account) ?? "")}</td><td class="num">${r.debitMinor ? sek.format(r.debitMinor / 100) : ""}</td><td class="num">${r.creditMinor ? sek.format(r.creditMinor / 100) : ""}</td><td>${escape(r.transactionInformation)}</td></tr>`,
    )
    .join("");
  const total = v.rows.reduce((sum, r) => sum + r.debitMinor, 0);
  const comments = v.comments ? `<p class="meta">${escape(v.comments)}</p>` : "";
  return `<div class="voucher" id="voucher-${v.year}-${escape(v.series)}-${v.number}">
<strong>${escape(v.series)}${v.number}</strong> ${escape(v.transactionDate)} – ${escape(v.description)}${comments}
<table><thead><tr><th>Konto</th><th>Benämning</th><th class="num">Debet</th><th class="num">Kredit</th><th>Transaktionsinfo</th></tr></thead>
<tbody>${rows}<tr><th colspan="2">Summa</th><th class="num">${sek.format(total / 100)}</th><th class="num">${sek.format(total / 100)}</th><th></th></tr></tbody></table></div>`;
}
