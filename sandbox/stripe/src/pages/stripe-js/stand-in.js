/*
 * The Stripe sandbox's stand-in for Stripe.js (https://js.stripe.com/v3), served at /v3.
 * Stripe.js cannot be fetched offline, so the local web app loads this instead. It offers the
 * part of Stripe.js's surface an Elements card form uses, with the shapes Stripe documents:
 * Stripe(pk), stripe.elements({clientSecret, locale}), elements.create("payment").mount(el),
 * elements.submit(), stripe.confirmPayment({elements, confirmParams, redirect}) resolving to
 * {paymentIntent} or {error: {type, code, decline_code, message, payment_intent}}, and
 * stripe.retrievePaymentIntent(clientSecret). Like Stripe.js it talks to the API with the
 * publishable key and the client_secret as form fields, sends the card as
 * payment_method_data[card], and shows 3-D Secure's challenge in a modal frame. Unlike Stripe.js
 * the card fields are plain inputs in the mount node (no iframe), so tests can fill them.
 */
/* global window, document, location */
(function () {
  "use strict";
  const script = document.currentScript;
  const API = new URL(script && script.src ? script.src : location.href).origin;

  const TEXT = {
    sv: {
      number: "Kortnummer",
      expiry: "Utgångsdatum",
      cvc: "CVC",
      expiryPlaceholder: "MM / ÅÅ",
      badge: "Stripe-sandlåda · testläge",
      incomplete_number: "Kortnumret är ofullständigt.",
      invalid_number: "Kortnumret är ogiltigt.",
      incomplete_expiry: "Utgångsdatumet är ofullständigt.",
      invalid_expiry_year_past: "Kortets utgångsår har passerat.",
      invalid_expiry_month_past: "Kortets utgångsdatum har passerat.",
      invalid_expiry_month: "Kortets utgångsmånad är ogiltig.",
      incomplete_cvc: "Kortets säkerhetskod är ofullständig.",
      challengeTitle: "3-D Secure",
    },
    en: {
      number: "Card number",
      expiry: "Expiration date",
      cvc: "CVC",
      expiryPlaceholder: "MM / YY",
      badge: "Stripe sandbox · test mode",
      incomplete_number: "Your card number is incomplete.",
      invalid_number: "Your card number is invalid.",
      incomplete_expiry: "Your card's expiration date is incomplete.",
      invalid_expiry_year_past: "Your card's expiration year is in the past.",
      invalid_expiry_month_past: "Your card's expiration date is in the past.",
      invalid_expiry_month: "Your card's expiration month is invalid.",
      incomplete_cvc: "Your card's security code is incomplete.",
      challengeTitle: "3-D Secure",
    },
  };
  const languageOf = (locale) => {
    const l = !locale || locale === "auto" ? navigator.language || "en" : locale;
    return l.toLowerCase().startsWith("sv") ? "sv" : "en";
  };

  const form = (fields) => {
    const out = new URLSearchParams();
    const add = (prefix, value) => {
      if (value === undefined || value === null) return;
      if (typeof value === "object") for (const [k, v] of Object.entries(value)) add(`${prefix}[${k}]`, v);
      else out.append(prefix, String(value));
    };
    for (const [k, v] of Object.entries(fields)) add(k, v);
    return out;
  };

  const intentId = (clientSecret) => String(clientSecret).split("_secret_")[0];

  /** One API call as Stripe.js makes it; resolves to the body or {error} (never rejects). */
  async function call(method, path, fields) {
    try {
      const body = form(fields);
      const res =
        method === "GET"
          ? await fetch(`${API}${path}?${body.toString()}`)
          : await fetch(`${API}${path}`, { method, body, headers: { "content-type": "application/x-www-form-urlencoded" } });
      const json = await res.json();
      return res.ok ? { ok: json } : { error: json.error || { type: "api_error", message: `HTTP ${res.status}` } };
    } catch (e) {
      return { error: { type: "api_connection_error", message: `Could not reach the Stripe sandbox: ${e && e.message}` } };
    }
  }

  const luhn = (digits) => {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return sum % 10 === 0;
  };

  /** The Payment Element's own checks, before anything is sent (Stripe's validation_error codes). */
  function check(values, now = new Date()) {
    const number = values.number.replace(/[\s-]/g, "");
    if (number.length < 12) return "incomplete_number";
    if (!/^\d{12,19}$/.test(number) || !luhn(number)) return "invalid_number";
    const m = /^\s*(\d{1,2})\s*\/?\s*(\d{2})\s*$/.exec(values.expiry);
    if (!m) return "incomplete_expiry";
    const month = Number(m[1]);
    const year = 2000 + Number(m[2]);
    if (month < 1 || month > 12) return "invalid_expiry_month";
    if (year < now.getFullYear()) return "invalid_expiry_year_past";
    if (year === now.getFullYear() && month < now.getMonth() + 1) return "invalid_expiry_month_past";
    if (!/^\d{3,4}$/.test(values.cvc.trim())) return "incomplete_cvc";
    return null;
  }

  function styled(el, css) {
    // Through the CSSOM, so a page whose CSP has no 'unsafe-inline' styles still allows it.
    Object.assign(el.style, css);
    return el;
  }

  function input(name, autocomplete, placeholder) {
    const el = document.createElement("input");
    el.name = name;
    el.autocomplete = autocomplete;
    el.inputMode = "numeric";
    el.placeholder = placeholder;
    return styled(el, { display: "block", width: "100%", boxSizing: "border-box", padding: "10px", fontSize: "16px", border: "1px solid #cfd7df", borderRadius: "6px", marginTop: "4px" });
  }

  class PaymentElement {
    constructor(group) {
      this.group = group;
      this.handlers = {};
      this.node = null;
      this.values = { number: "", expiry: "", cvc: "" };
    }
    on(event, handler) {
      (this.handlers[event] = this.handlers[event] || []).push(handler);
      return this;
    }
    off(event, handler) {
      this.handlers[event] = (this.handlers[event] || []).filter((h) => h !== handler);
      return this;
    }
    emit(event, payload) {
      for (const h of this.handlers[event] || []) h(payload);
    }
    mount(target) {
      const host = typeof target === "string" ? document.querySelector(target) : target;
      if (!host) throw new Error("stripe sandbox: mount target not found");
      this.node = host;
      this.render();
      setTimeout(() => this.emit("ready", { elementType: "payment" }), 0);
    }
    render() {
      if (!this.node) return;
      const t = TEXT[languageOf(this.group.options.locale)];
      const root = styled(document.createElement("div"), { display: "grid", gap: "8px" });
      root.dataset.sandboxElement = "payment";
      const field = (labelText, el) => {
        const label = styled(document.createElement("label"), { display: "block", fontSize: "14px" });
        label.append(labelText, el);
        return label;
      };
      this.inputs = {
        number: input("cardnumber", "cc-number", "1234 1234 1234 1234"),
        expiry: input("exp-date", "cc-exp", t.expiryPlaceholder),
        cvc: input("cvc", "cc-csc", "CVC"),
      };
      for (const [k, el] of Object.entries(this.inputs)) {
        el.value = this.values[k];
        el.addEventListener("input", () => {
          this.values[k] = el.value;
          this.showError(null);
          const complete = check(this.values) === null;
          this.emit("change", { elementType: "payment", complete, empty: !Object.values(this.values).some(Boolean), collapsed: false, value: { type: "card" } });
        });
        el.addEventListener("focus", () => this.emit("focus", { elementType: "payment" }));
        el.addEventListener("blur", () => this.emit("blur", { elementType: "payment" }));
      }
      const row = styled(document.createElement("div"), { display: "grid", gridTemplateColumns: "1fr 1fr", gap: "8px" });
      row.append(field(t.expiry, this.inputs.expiry), field(t.cvc, this.inputs.cvc));
      this.errorNode = styled(document.createElement("p"), { color: "#c0123c", margin: "0", fontSize: "14px" });
      const badge = styled(document.createElement("p"), { margin: "0", fontSize: "12px", color: "#5a3b00" });
      badge.textContent = t.badge;
      root.append(field(t.number, this.inputs.number), row, this.errorNode, badge);
      this.node.replaceChildren(root);
    }
    showError(code) {
      if (this.errorNode) this.errorNode.textContent = code ? TEXT[languageOf(this.group.options.locale)][code] : "";
    }
    /** {error} as Stripe's validation_error, or null when every field is complete and valid. */
    validate() {
      const code = check(this.values);
      this.showError(code);
      if (!code) return null;
      const message = TEXT[languageOf(this.group.options.locale)][code];
      return { type: "validation_error", code, message };
    }
    update(options) {
      Object.assign(this.group.options, options || {});
      this.render();
    }
    focus() {
      if (this.inputs) this.inputs.number.focus();
    }
    blur() {}
    clear() {
      this.values = { number: "", expiry: "", cvc: "" };
      this.render();
    }
    collapse() {}
    unmount() {
      if (this.node) this.node.replaceChildren();
      this.node = null;
    }
    destroy() {
      this.unmount();
      this.group.elements.delete("payment");
    }
  }

  class Elements {
    constructor(stripe, options) {
      this.stripe = stripe;
      this.options = { ...(options || {}) };
      this.elements = new Map();
    }
    create(type, _options) {
      if (type !== "payment") throw new Error(`The Stripe sandbox's Stripe.js stand-in has only the Payment Element, not "${type}".`);
      if (this.elements.has(type)) throw new Error("Can only create one Element of type payment.");
      const el = new PaymentElement(this);
      this.elements.set(type, el);
      return el;
    }
    getElement(type) {
      return this.elements.get(type) || null;
    }
    update(options) {
      Object.assign(this.options, options || {});
      for (const el of this.elements.values()) el.render();
    }
    async fetchUpdates() {
      return {};
    }
    async submit() {
      const el = this.elements.get("payment");
      if (!el) return { error: { type: "invalid_request_error", message: "There is no mounted Payment Element to submit." } };
      const error = el.validate();
      return error ? { error } : { selectedPaymentMethod: "card" };
    }
  }

  /** The issuer's challenge in a modal frame, as Stripe.js shows it; resolves when it is over. */
  function challenge(url, lang) {
    return new Promise((resolve) => {
      const overlay = styled(document.createElement("div"), { position: "fixed", inset: "0", background: "rgba(26,31,54,0.55)", display: "grid", placeItems: "center", zIndex: "2147483647" });
      overlay.setAttribute("role", "dialog");
      overlay.setAttribute("aria-modal", "true");
      overlay.setAttribute("aria-label", TEXT[lang].challengeTitle);
      const frame = styled(document.createElement("iframe"), { width: "min(480px, 92vw)", height: "420px", border: "0", borderRadius: "8px", background: "#fff" });
      frame.title = TEXT[lang].challengeTitle;
      frame.src = `${url}${url.includes("?") ? "&" : "?"}embedded=1`;
      overlay.append(frame);
      const done = (event) => {
        if (event.origin !== API || !event.data || event.data.type !== "kassa-sandbox-3ds") return;
        window.removeEventListener("message", done);
        overlay.remove();
        resolve(event.data.outcome);
      };
      window.addEventListener("message", done);
      document.body.append(overlay);
    });
  }

  const resultOf = (pi) => {
    if (pi.status === "requires_payment_method" && pi.last_payment_error) {
      const e = pi.last_payment_error;
      return { error: { type: e.type, code: e.code, decline_code: e.decline_code, message: e.message, payment_intent: pi } };
    }
    return { paymentIntent: pi };
  };

  function Stripe(key, options) {
    if (!(this instanceof Stripe)) return new Stripe(key, options);
    if (typeof key !== "string" || !key.startsWith("pk_")) throw new Error("Invalid API Key provided: Stripe() takes a publishable key (pk_...).");
    this._key = key;
    this._options = options || {};
  }

  Stripe.prototype.elements = function (options) {
    return new Elements(this, options);
  };

  Stripe.prototype.retrievePaymentIntent = async function (clientSecret) {
    const r = await call("GET", `/v1/payment_intents/${encodeURIComponent(intentId(clientSecret))}`, { key: this._key, client_secret: clientSecret });
    return r.error ? { error: r.error } : { paymentIntent: r.ok };
  };

  Stripe.prototype.confirmPayment = async function (options) {
    const { elements, confirmParams = {}, redirect = "always" } = options || {};
    const clientSecret = options.clientSecret || (elements && elements.options.clientSecret);
    if (!clientSecret) throw new Error("stripe.confirmPayment(): pass `elements` made with a clientSecret, or `clientSecret`.");
    if (redirect === "always" && !confirmParams.return_url) throw new Error("stripe.confirmPayment(): expected confirmParams.return_url when redirect is \"always\".");
    const el = elements && elements.getElement("payment");
    const lang = languageOf(elements && elements.options.locale);
    const fields = { key: this._key, client_secret: clientSecret, expected_payment_method_type: "card", use_stripe_sdk: "true", ...confirmParams };
    if (el) {
      const invalid = el.validate();
      if (invalid) return { error: invalid };
      const [, month, year] = /^\s*(\d{1,2})\s*\/?\s*(\d{2})\s*$/.exec(el.values.expiry);
      fields.payment_method_data = { type: "card", card: { number: el.values.number.replace(/[\s-]/g, ""), exp_month: Number(month), exp_year: 2000 + Number(year), cvc: el.values.cvc.trim() } };
    }
    const id = encodeURIComponent(intentId(clientSecret));
    const confirmed = await call("POST", `/v1/payment_intents/${id}/confirm`, fields);
    if (confirmed.error) return { error: confirmed.error };
    let pi = confirmed.ok;
    if (pi.status === "requires_action" && pi.next_action && pi.next_action.redirect_to_url) {
      await challenge(pi.next_action.redirect_to_url.url, lang);
      const after = await this.retrievePaymentIntent(clientSecret);
      if (after.error) return after;
      pi = after.paymentIntent;
    }
    const result = resultOf(pi);
    if (result.paymentIntent && redirect === "always") {
      const back = new URL(confirmParams.return_url);
      back.searchParams.set("payment_intent", pi.id);
      back.searchParams.set("payment_intent_client_secret", clientSecret);
      back.searchParams.set("redirect_status", pi.status);
      location.assign(back.toString());
      return new Promise(() => {});
    }
    return result;
  };

  // react-stripe-js checks for these before it accepts a Stripe instance, and registers itself.
  const unsupported = (name) =>
    function () {
      return Promise.resolve({ error: { type: "invalid_request_error", message: `stripe.${name}() is not in the Stripe sandbox's stand-in; use the Payment Element and stripe.confirmPayment().` } });
    };
  Stripe.prototype.createToken = unsupported("createToken");
  Stripe.prototype.createPaymentMethod = unsupported("createPaymentMethod");
  Stripe.prototype.confirmCardPayment = unsupported("confirmCardPayment");
  Stripe.prototype._registerWrapper = function () {};
  Stripe.prototype.registerAppInfo = function () {};
  Stripe.version = 3;
  Stripe.sandbox = API;

  window.Stripe = Stripe;
})();
