const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (s: unknown): string => String(s ?? "").replace(/[&<>"']/g, (c) => entities[c] ?? c);

export function money(amount: number, currency: string): string {
  return `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:520px;margin:40px auto;padding:0 16px;color:#1a1f36}
.badge{display:inline-block;background:#ffde92;color:#5a3b00;border-radius:4px;padding:2px 6px;font-size:12px}
table{width:100%;border-collapse:collapse;margin:16px 0}td{padding:6px 0;border-bottom:1px solid #e3e8ee}td.r{text-align:right}
label{display:block;margin:12px 0 4px}input{width:100%;padding:10px;font-size:16px;box-sizing:border-box}
button{margin-top:16px;width:100%;padding:12px;font-size:16px;background:#635bff;color:#fff;border:0;border-radius:6px;cursor:pointer}
button.secondary{background:#e3e8ee;color:#1a1f36}.error{color:#c0123c;margin-top:12px}
</style></head><body><p><span class="badge">Stripe sandbox · test mode</span></p>${body}</body></html>`;
}
