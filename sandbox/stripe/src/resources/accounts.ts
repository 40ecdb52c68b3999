import type Stripe from "stripe";
import { ApiError, invalid } from "../errors.js";
import { obj, oneOf, validate } from "../form.js";
import { newId } from "../ids.js";
import { listFields, paginate } from "../list.js";
import type { Ctx } from "../router.js";
import { route } from "../router.js";
import type { Sandbox } from "../sandbox.js";

/** What Stripe asks a new Swedish individual for before charges and payouts are enabled. */
const initialDue = ["business_profile.url", "external_account", "individual.dob.day", "individual.first_name", "individual.last_name", "tos_acceptance.date"];

const capabilityRequest = obj({ requested: "bool" });
const payoutSchedule = obj({ interval: oneOf("manual", "daily", "weekly", "monthly"), delay_days: "string", weekly_anchor: "string", monthly_anchor: "int" });
const settingsFields = obj({ payouts: obj({ schedule: payoutSchedule, statement_descriptor: "string", debit_negative_balances: "bool" }) });
const commonFields = {
  email: "string",
  default_currency: "currency",
  business_type: oneOf("individual", "company", "non_profit", "government_entity"),
  business_profile: obj({ name: "string", url: "string", mcc: "string", product_description: "string", support_email: "string" }),
  capabilities: obj({ card_payments: capabilityRequest, transfers: capabilityRequest }),
  metadata: "metadata",
  settings: settingsFields,
} as const;

const createFields = {
  ...commonFields,
  country: "string" as const,
  type: oneOf("express", "custom", "standard"),
  controller: obj({
    fees: obj({ payer: oneOf("account", "application") }),
    losses: obj({ payments: oneOf("application", "stripe") }),
    requirement_collection: oneOf("application", "stripe"),
    stripe_dashboard: obj({ type: oneOf("express", "full", "none") }),
  }),
};

function requirements(due: string[]): Stripe.Account.Requirements {
  return {
    alternatives: [],
    current_deadline: null,
    currently_due: [...due],
    disabled_reason: due.length ? "requirements.past_due" : null,
    errors: [],
    eventually_due: [...due],
    past_due: [...due],
    pending_verification: [],
  };
}

function schedule(p: Stripe.AccountCreateParams["settings"]): Stripe.Account.Settings.Payouts.Schedule {
  const s = p?.payouts?.schedule;
  return {
    delay_days: 7,
    interval: s?.interval ?? "daily",
    ...(s?.interval === "weekly" ? { weekly_anchor: s.weekly_anchor ?? "monday" } : {}),
    ...(s?.interval === "monthly" ? { monthly_anchor: s.monthly_anchor ?? 1 } : {}),
  };
}

function create(ctx: Ctx): Stripe.Account {
  const p = validate<Stripe.AccountCreateParams>(ctx.params, createFields);
  if (ctx.connected) throw new ApiError(403, { type: "invalid_request_error", code: "permission_denied", message: "Connected accounts cannot create accounts." });
  const now = ctx.sb.now();
  const type: Stripe.Account.Type = p.type ?? (p.controller?.stripe_dashboard?.type === "full" ? "standard" : p.controller?.stripe_dashboard?.type === "none" ? "custom" : "express");
  const id = newId("acct", 16);
  const account: Stripe.Account = {
    id,
    object: "account",
    business_profile: {
      mcc: p.business_profile?.mcc ?? null,
      minority_owned_business_designation: null,
      name: p.business_profile?.name ?? null,
      product_description: p.business_profile?.product_description ?? null,
      specified_commercial_transactions_act_url: null,
      support_address: null,
      support_email: p.business_profile?.support_email ?? null,
      support_phone: null,
      support_url: null,
      url: p.business_profile?.url ?? null,
    },
    business_type: p.business_type ?? null,
    capabilities: {
      ...(p.capabilities?.card_payments?.requested ? { card_payments: "inactive" as const } : {}),
      ...(p.capabilities?.transfers?.requested !== false ? { transfers: "inactive" as const } : {}),
    },
    charges_enabled: false,
    controller: {
      fees: { payer: p.controller?.fees?.payer ?? "application" },
      is_controller: true,
      losses: { payments: p.controller?.losses?.payments ?? "application" },
      requirement_collection: p.controller?.requirement_collection ?? "stripe",
      stripe_dashboard: { type: p.controller?.stripe_dashboard?.type ?? (type === "custom" ? "none" : type === "standard" ? "full" : "express") },
      type: "application",
    },
    country: p.country ?? "SE",
    created: now,
    default_currency: p.default_currency ?? "sek",
    details_submitted: false,
    email: p.email ?? null,
    external_accounts: { object: "list", data: [], has_more: false, url: `/v1/accounts/${id}/external_accounts` },
    future_requirements: requirements([]),
    metadata: (p.metadata as Record<string, string> | undefined) ?? {},
    payouts_enabled: false,
    requirements: requirements(initialDue),
    settings: {
      branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
      card_payments: { decline_on: { avs_failure: false, cvc_failure: false }, statement_descriptor_prefix: null, statement_descriptor_prefix_kana: null, statement_descriptor_prefix_kanji: null },
      dashboard: { display_name: p.business_profile?.name ?? null, timezone: "Europe/Stockholm" },
      payments: { statement_descriptor: null, statement_descriptor_kana: null, statement_descriptor_kanji: null, statement_descriptor_prefix_kana: null, statement_descriptor_prefix_kanji: null },
      payouts: { debit_negative_balances: p.settings?.payouts?.debit_negative_balances ?? true, schedule: schedule(p.settings), statement_descriptor: p.settings?.payouts?.statement_descriptor ?? null },
    },
    tos_acceptance: { date: null },
    type,
  };
  ctx.sb.put("accounts", account, ctx.sb.platform);
  ctx.sb.changed();
  return account;
}

function platformAccount(sb: Sandbox): Stripe.Account {
  return {
    id: sb.platform,
    object: "account",
    charges_enabled: true,
    country: "SE",
    default_currency: "sek",
    details_submitted: true,
    email: "platform@kassa.test",
    payouts_enabled: true,
    type: "standard",
  };
}

export function getAccount(sb: Sandbox, id: string, param = "account"): Stripe.Account {
  const a = sb.state.accounts[id];
  // In the URL path a missing account is a 404; named in a parameter, Stripe answers 400.
  if (!a) throw new ApiError(param === "id" ? 404 : 400, { type: "invalid_request_error", code: "resource_missing", message: `No such account: '${id}'`, param });
  return a;
}

function update(ctx: Ctx): Stripe.Account {
  const p = validate<Stripe.AccountUpdateParams>(ctx.params, commonFields);
  const account = getAccount(ctx.sb, ctx.args[0] ?? "", "account");
  const previous: Record<string, unknown> = {};
  if (p.email !== undefined) {
    previous.email = account.email;
    account.email = p.email;
  }
  if (p.metadata !== undefined) {
    previous.metadata = account.metadata;
    account.metadata = Object.keys(p.metadata ?? {}).length === 0 ? {} : { ...account.metadata, ...(p.metadata as Record<string, string>) };
    for (const [k, v] of Object.entries(account.metadata)) if (v === "") delete account.metadata[k];
  }
  if (p.business_profile && account.business_profile) {
    previous.business_profile = { ...account.business_profile };
    if (p.business_profile.name !== undefined) account.business_profile.name = p.business_profile.name;
    if (typeof p.business_profile.url === "string") account.business_profile.url = p.business_profile.url;
  }
  if (p.settings?.payouts && account.settings?.payouts) {
    previous.settings = { payouts: structuredClone(account.settings.payouts) };
    account.settings.payouts.schedule = schedule(p.settings as Stripe.AccountCreateParams["settings"]);
    if (p.settings.payouts.statement_descriptor !== undefined) account.settings.payouts.statement_descriptor = p.settings.payouts.statement_descriptor;
  }
  if (p.capabilities && account.capabilities) {
    previous.capabilities = { ...account.capabilities };
    const active = account.charges_enabled ? "active" : "inactive";
    if (p.capabilities.card_payments?.requested) account.capabilities.card_payments = active;
    if (p.capabilities.transfers?.requested) account.capabilities.transfers = active;
  }
  ctx.sb.emit("account.updated", account, { account: account.id, previous });
  ctx.sb.changed();
  return account;
}

/** Completing onboarding: what Stripe does once the account holder submits valid details. */
export function verifyAccount(sb: Sandbox, id: string): Stripe.Account {
  const account = getAccount(sb, id, "id");
  const previous = {
    charges_enabled: account.charges_enabled,
    payouts_enabled: account.payouts_enabled,
    details_submitted: account.details_submitted,
    requirements: structuredClone(account.requirements),
  };
  account.details_submitted = true;
  account.charges_enabled = true;
  account.payouts_enabled = true;
  account.requirements = requirements([]);
  account.tos_acceptance = { date: sb.now(), ip: "127.0.0.1", user_agent: "stripe-sandbox" };
  const caps = account.capabilities ?? {};
  for (const key of Object.keys(caps) as Array<keyof Stripe.Account.Capabilities>) caps[key] = "active";
  if (!caps.transfers) caps.transfers = "active";
  account.capabilities = caps;
  if (account.external_accounts && account.external_accounts.data.length === 0) {
    account.external_accounts.data.push(bankAccount(account));
  }
  sb.emit("account.updated", account, { account: account.id, previous });
  sb.changed();
  return account;
}

function bankAccount(account: Stripe.Account): Stripe.BankAccount {
  return {
    id: newId("ba"),
    object: "bank_account",
    account: account.id,
    account_holder_name: account.business_profile?.name ?? null,
    account_holder_type: "individual",
    account_type: null,
    bank_name: "STRIPE TEST BANK",
    country: account.country ?? "SE",
    currency: account.default_currency ?? "sek",
    default_for_currency: true,
    fingerprint: "sandboxfingerprint",
    last4: "3000",
    metadata: {},
    routing_number: null,
    status: "new",
  };
}

function retrieve(ctx: Ctx): Stripe.Account {
  validate(ctx.params, {});
  const id = ctx.args[0];
  if (id === undefined || id === ctx.sb.platform) return ctx.connected ? getAccount(ctx.sb, ctx.account) : platformAccount(ctx.sb);
  if (ctx.connected && id !== ctx.account) throw new ApiError(403, { type: "invalid_request_error", code: "account_invalid", message: `Account ${ctx.account} cannot read account ${id}.` });
  return getAccount(ctx.sb, id, "id");
}

function list(ctx: Ctx): Stripe.ApiList<Stripe.Account> {
  const p = validate<Record<string, unknown>>(ctx.params, listFields);
  return paginate(ctx.sb.rows("accounts", ctx.sb.platform), p, "/v1/accounts");
}

function del(ctx: Ctx): Stripe.DeletedAccount {
  validate(ctx.params, {}, { expand: false });
  const account = getAccount(ctx.sb, ctx.args[0] ?? "", "id");
  delete ctx.sb.state.accounts[account.id];
  ctx.sb.changed();
  return { id: account.id, object: "account", deleted: true };
}

function accountLink(ctx: Ctx): Stripe.AccountLink {
  const p = validate<Stripe.AccountLinkCreateParams>(ctx.params, {
    "account!": "id",
    "type!": oneOf("account_onboarding", "account_update"),
    refresh_url: "url",
    return_url: "url",
    collect: oneOf("currently_due", "eventually_due"),
    collection_options: obj({ fields: oneOf("currently_due", "eventually_due"), future_requirements: oneOf("include", "omit") }),
  });
  const account = getAccount(ctx.sb, p.account, "account");
  if (!p.return_url) throw invalid("Missing required param: return_url.", "return_url", "parameter_missing");
  if (!p.refresh_url) throw invalid("Missing required param: refresh_url.", "refresh_url", "parameter_missing");
  const now = ctx.sb.now();
  const q = new URLSearchParams({ return_url: p.return_url, refresh_url: p.refresh_url, type: p.type });
  return { object: "account_link", created: now, expires_at: now + 300, url: `${ctx.sb.config.publicUrl}/connect/onboarding/${account.id}?${q}` };
}

function loginLink(ctx: Ctx): Stripe.LoginLink {
  validate(ctx.params, {});
  const account = getAccount(ctx.sb, ctx.args[0] ?? "", "id");
  if (account.type !== "express" && account.controller?.stripe_dashboard?.type !== "express") {
    throw invalid("Login links can only be created for Express accounts.", "account");
  }
  if (!account.details_submitted) throw invalid("Cannot create a login link for an account that has not completed onboarding.", "account");
  return { object: "login_link", created: ctx.sb.now(), url: `${ctx.sb.config.publicUrl}/express/${account.id}` };
}

export const accountRoutes = [
  route("POST", "/v1/accounts", create),
  route("GET", "/v1/accounts", list),
  route("GET", "/v1/account", retrieve),
  route("GET", "/v1/accounts/:id", retrieve),
  route("POST", "/v1/accounts/:id", update),
  route("DELETE", "/v1/accounts/:id", del),
  route("POST", "/v1/account_links", accountLink),
  route("POST", "/v1/accounts/:id/login_links", loginLink),
];
