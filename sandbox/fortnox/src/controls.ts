import type { SandboxContext } from "./context.js";
import { isRecord, json, parseJson, type Reply } from "./http.js";
import { activeTokenCounts } from "./oauth.js";
import { ensureYearFor } from "./state.js";
import { isIsoDate, kronor } from "./validation.js";

/** /__sandbox/*: JSON test controls, no auth, never rate limited or logged. */
export function handleControl(ctx: SandboxContext, method: string, path: string, query: URLSearchParams, bodyText: string): Reply {
  const body = parseJson(bodyText);
  const input = isRecord(body) ? body : {};
  const route = `${method} ${path}`;
  switch (route) {
    case "GET /__sandbox/health":
      return json(200, { ok: true });
    case "POST /__sandbox/reset":
      ctx.store.reset(input.keep_tokens === true);
      ctx.faults.clear();
      ctx.requestLog.clear();
      ctx.rateLimiter.clear();
      return json(200, { ok: true });
    case "GET /__sandbox/faults":
      return json(200, { faults: ctx.faults.list() });
    case "POST /__sandbox/faults": {
      const rule = ctx.faults.add(body);
      return typeof rule === "string" ? json(400, { error: rule }) : json(201, rule);
    }
    case "DELETE /__sandbox/faults":
      ctx.faults.clear();
      return json(200, { ok: true });
    case "GET /__sandbox/requests":
      return json(200, { requests: ctx.requestLog.list({ method: query.get("method") ?? undefined, pathPrefix: query.get("path_prefix") ?? undefined }) });
    case "DELETE /__sandbox/requests":
      ctx.requestLog.clear();
      return json(200, { ok: true });
    case "GET /__sandbox/clock":
      return json(200, clockJson(ctx));
    case "POST /__sandbox/clock": {
      const seconds = input.advance_seconds ?? input.seconds;
      if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) return json(400, { error: "advance_seconds must be a number >= 0" });
      ctx.store.state.clockOffsetMs += seconds * 1000;
      ensureYearFor(ctx.store.state, ctx.store.today());
      ctx.store.save();
      return json(200, clockJson(ctx));
    }
    case "POST /__sandbox/lockedperiod": {
      const date = input.date;
      if (date !== null && (typeof date !== "string" || !isIsoDate(date))) return json(400, { error: 'date must be "YYYY-MM-DD" or null (nothing locked)' });
      ctx.store.state.lockedPeriodEnd = date;
      ctx.store.save();
      return json(200, { EndDate: date ?? "" });
    }
    case "GET /__sandbox/financialyears/preselected":
      return json(200, { id: ctx.store.state.preselectedFinancialYearId });
    case "POST /__sandbox/financialyears/preselected": {
      const id = input.id;
      if (!ctx.store.state.financialYears.some((y) => y.id === id)) {
        return json(400, { error: `id must be one of the financial years: ${ctx.store.state.financialYears.map((y) => y.id).join(", ")}` });
      }
      ctx.store.state.preselectedFinancialYearId = id as number;
      ctx.store.save();
      return json(200, { id });
    }
    case "GET /__sandbox/tokens":
      return json(200, activeTokenCounts(ctx));
    case "GET /__sandbox/vouchers":
      return json(200, { vouchers: ctx.store.state.vouchers.map((v) => ({ ...v, rows: v.rows.map((r) => ({ account: r.account, debit: kronor(r.debitMinor), credit: kronor(r.creditMinor), transactionInformation: r.transactionInformation })) })) });
  }
  const account = /^\/__sandbox\/accounts\/(\d{4})$/.exec(path);
  if (method === "POST" && account?.[1]) return setAccount(ctx, Number(account[1]), input);
  return json(404, { error: `no sandbox control ${route}` });
}

/** Makes an account inactive/active, or adds it (with `description`) so a test can fix a "missing account". */
function setAccount(ctx: SandboxContext, number: number, input: Record<string, unknown>): Reply {
  if (typeof input.active !== "boolean") return json(400, { error: "active (boolean) is required" });
  const accounts = ctx.store.state.accounts;
  let account = accounts.find((a) => a.number === number);
  if (!account) {
    if (typeof input.description !== "string" || input.description === "") return json(404, { error: `account ${number} does not exist; send a description to create it` });
    account = { number, description: input.description, active: input.active };
    accounts.push(account);
    accounts.sort((a, b) => a.number - b.number);
  }
  account.active = input.active;
  if (typeof input.description === "string" && input.description !== "") account.description = input.description;
  ctx.store.save();
  return json(200, { Number: account.number, Description: account.description, Active: account.active });
}

function clockJson(ctx: SandboxContext): { now: string; offset_seconds: number } {
  return { now: new Date(ctx.store.nowMs()).toISOString(), offset_seconds: ctx.store.state.clockOffsetMs / 1000 };
}
