/**
 * Hostile input at the edge: every callable Kassa exports is run (its `.run`, i.e. the same
 * code path as a real request, minus the transport) with random garbage in each field.
 * Each must answer invalid-argument naming the field at fault, before any adapter is built:
 * the Admin app is never initialised, so no document can have been written and no Stripe
 * client created.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { getApps } from "firebase-admin/app";
import type { CallableRequest } from "firebase-functions/v2/https";
import * as kassa from "../../../src/index";
import { ROLES } from "../../../src/domain/roles";
import { CURRENCIES } from "../../../src/domain/money";

type Runnable = { run: (req: CallableRequest) => unknown };
type Arb = fc.Arbitrary<unknown>;

const RUNS = 40;
export const tried = { inputs: 0, refusedNamingField: 0, refusedWithoutAppCheck: 0 };

// ---- hostile values ----------------------------------------------------------------------
const notString: Arb = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);
const notNumber: Arb = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(NaN),
  fc.constant(Infinity),
  fc.constant(-Infinity),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({ amount: 1 }),
  fc.constant("49900"),
);
const notBoolean: Arb = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.constant("true"), fc.constant(1));
/** Longer than `max`, sometimes far longer (up to 1 MB). */
const huge = (max: number): Arb =>
  fc.oneof(
    fc.integer({ min: max + 1, max: max + 50 }).map((n) => "a".repeat(n)),
    fc.constantFrom(100_000, 1_000_000).map((n) => "x".repeat(n)),
  );
const badIdChars: Arb = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /[^A-Za-z0-9_-]/.test(s)),
  fc.constantFrom("../users/demo-admin", "a/b", "<script>", "p1 ", "pi_1;drop", "ünïcode", "\u0000"),
);
const stripeIdBad: Arb = fc.oneof(badIdChars, fc.constant("pi-1"), fc.constant(""), huge(255), notString);
const idBad = (max: number): Arb => fc.oneof(badIdChars, fc.constant(""), huge(max), notString);
/** Amounts no schema with `max` may accept: negative, zero, fractional, overflowing, not numbers. */
const badAmount = (max: number): Arb =>
  fc.oneof(
    fc.integer({ max: 0 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
    fc.integer({ min: max + 1 }),
    fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE, 1e21, 0.5, 499.99, -0),
    notNumber,
  );
const notIn = (allowed: readonly string[]): Arb =>
  fc.oneof(fc.string().filter((s) => !allowed.includes(s)), notString);

// ---- the table: every callable, a valid base input and a hostile value per field --------
interface Spec {
  base: Record<string, unknown>;
  fields: Record<string, Arb>;
}
const day: Arb = fc.oneof(fc.string().filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)), notString, fc.constant("2026-1-5"));
const mappingBase = {
  clearing: 1580,
  coachLiability: 2890,
  coachPaid: 2890,
  commissionRevenue: 3041,
  subscriptionRevenue: 3001,
  outputVat: 2611,
  vatBps: 2500,
  paymentFees: 6570,
  disputeSuspense: 1589,
  bank: 1930,
};
const notInt: Arb = fc.oneof(notNumber, fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)));

const SPECS: Record<string, Spec> = {
  ensureUserProfile: { base: {}, fields: { displayName: fc.oneof(notString, fc.constantFrom("", "   "), huge(80)) } },
  setUserRole: { base: { uid: "u1", role: "coach" }, fields: { uid: fc.oneof(notString, fc.constant(""), huge(128)), role: notIn(ROLES) } },
  createCheckoutSession: { base: { programId: "p1" }, fields: { programId: idBad(128) } },
  createPaymentIntent: { base: { programId: "p1" }, fields: { programId: idBad(128) } },
  createSubscriptionIntent: { base: { planId: "premium" }, fields: { planId: idBad(64) } },
  checkoutReturn: { base: { sessionId: "cs_1" }, fields: { sessionId: idBad(255) } },
  purchaseReceipt: { base: { paymentId: "pi_1", language: "sv" }, fields: { paymentId: idBad(255), language: notIn(["sv", "en"]) } },
  saveProgram: {
    base: { title: "Mindful Mornings", price: { amount: 49900, currency: "sek" } },
    fields: {
      programId: idBad(128),
      coachId: fc.oneof(notString, fc.constant(""), huge(128)),
      title: fc.oneof(notString, fc.constantFrom("", "  ", " ab "), huge(120)),
      description: fc.oneof(notString, huge(2000)),
      price: fc.oneof(notString.filter((v) => typeof v !== "object" || v === null || Array.isArray(v)), fc.constant("49900")),
      "price.amount": badAmount(10_000_000),
      "price.currency": notIn(CURRENCIES),
      active: notBoolean,
    },
  },
  refundPayment: {
    base: { paymentId: "pi_1", requestId: "req-12345678" },
    fields: {
      paymentId: stripeIdBad,
      amount: badAmount(100_000_000),
      reason: notIn(["requested_by_customer", "duplicate", "fraudulent"]),
      requestId: fc.oneof(notString, fc.string({ maxLength: 7 }), huge(64)),
    },
  },
  cancelSubscription: { base: { subscriptionId: "sub_1" }, fields: { subscriptionId: stripeIdBad, cancel: notBoolean } },
  retryStripeEvent: {
    base: { eventId: "evt_1" },
    fields: { eventId: fc.oneof(notString, fc.string().filter((s) => !/^evt_[A-Za-z0-9]+$/.test(s)), fc.constant("evt_../x")) },
  },
  startCoachOnboarding: { base: {}, fields: {} },
  coachDashboardLink: { base: {}, fields: {} },
  requestPayout: { base: { amount: 10000, currency: "sek" }, fields: { amount: notNumber, currency: notString } },
  payableNow: { base: { currency: "sek" }, fields: { currency: notString } },
  cancelPayoutRequest: { base: { payoutId: "rq-c1-1" }, fields: { payoutId: fc.oneof(notString, fc.constant(""), huge(300)) } },
  approvePayout: { base: { payoutId: "rq-c1-1" }, fields: { payoutId: fc.oneof(notString, fc.constant(""), huge(300)) } },
  rejectPayout: {
    base: { payoutId: "rq-c1-1" },
    fields: { payoutId: fc.oneof(notString, fc.constant(""), huge(300)), reason: fc.oneof(notString, huge(500)) },
  },
  approveRequest: { base: { approvalId: "refund:pi_1:req-12345678" }, fields: { approvalId: fc.oneof(notString, fc.constant(""), fc.constant("refund/pi_1"), huge(301)) } },
  rejectRequest: {
    base: { approvalId: "role:u1:admin", reason: "not agreed" },
    fields: { approvalId: fc.oneof(notString, fc.constant(""), fc.constant("a b"), huge(301)), reason: fc.oneof(notString, fc.constant(""), fc.constant("  x "), huge(501)) },
  },
  retryPayout: { base: { payoutId: "rq-c1-1" }, fields: { payoutId: fc.oneof(notString, fc.constant(""), huge(300)) } },
  runWeeklyPayoutNow: { base: {}, fields: {} },
  syncAccountingNow: { base: {}, fields: { day } },
  accountingDay: { base: { day: "2026-01-05" }, fields: { day } },
  voucherSpecification: { base: { voucherId: "2026-01-05_sales_sek" }, fields: { voucherId: fc.oneof(notString, fc.constant(""), fc.constant("2026-01-05/sales"), huge(200)) } },
  voucherSpecificationCsv: { base: { voucherId: "2026-01-05_sales_sek_2" }, fields: { voucherId: fc.oneof(notString, fc.constant(""), fc.constant("../x"), huge(200)) } },
  accountingVouchersToFix: { base: {}, fields: {} },
  markVoucherBookedByHand: {
    base: { voucherId: "2026-01-05_sales_eur", voucherNumber: "A-12" },
    fields: {
      voucherId: fc.oneof(notString, fc.constant(""), huge(200)),
      voucherNumber: fc.oneof(notString, fc.constantFrom("", "  ", "12-A", "A 12"), huge(50)),
      note: fc.oneof(notString, huge(600)),
    },
  },
  getAccountingMapping: { base: {}, fields: {} },
  updateAccountingMapping: {
    base: { mapping: mappingBase },
    fields: {
      mapping: fc.oneof(notString.filter((v) => typeof v !== "object" || v === null || Array.isArray(v))),
      ...Object.fromEntries(Object.keys(mappingBase).map((k) => [`mapping.${k}`, notInt])),
      series: notString,
    },
  },
  fortnoxStatus: { base: {}, fields: {} },
  fortnoxConnectUrl: { base: {}, fields: { returnPath: notIn(["/accountant", "/admin"]) } },
  fortnoxConnectClientCredentials: {
    base: { tenantId: "123456" },
    fields: { tenantId: fc.oneof(notString, fc.string().filter((s) => !/^\d{1,12}$/.test(s)), fc.constant("1234567890123")) },
  },
  fortnoxDisconnect: { base: {}, fields: {} },
  revenueReport: { base: { days: 30 }, fields: { days: fc.oneof(notNumber, fc.integer().filter((n) => ![7, 30, 90, 365].includes(n))) } },
  exportCsv: {
    base: { kind: "payments", from: "2026-01-01", to: "2026-01-31" },
    fields: { kind: notIn(["payments", "payouts", "ledger"]), from: day, to: day },
  },
  startExport: {
    base: { kind: "payments", from: "2026-01-01", to: "2026-01-31" },
    fields: { kind: notIn(["payments", "payouts", "ledger"]), from: day, to: day, coachId: fc.oneof(notString, fc.constant(""), fc.constant("a/b")) },
  },
  monthlyReport: { base: { month: "2026-01" }, fields: { month: fc.oneof(notString, fc.string().filter((s) => !/^\d{4}-\d{2}$/.test(s))) } },
  dayBookingsCsv: { base: { day: "2026-01-05" }, fields: { day } },
  rebuildRollups: { base: { from: "2026-01-01", to: "2026-01-31", repair: false }, fields: { from: day, to: day, repair: notBoolean } },
  getSettings: { base: {}, fields: {} },
  updateSettings: {
    base: { payments: { feeBps: 2000, holdDays: 7 }, payouts: { requireApproval: true, minimums: { sek: 10000 }, secondApprovalAbove: { sek: 500000, eur: null } }, notifications: { email: false } },
    fields: {
      "payments.feeBps": fc.oneof(notInt, fc.integer({ min: 5001 }), fc.integer({ max: -1 })),
      "payments.holdDays": fc.oneof(notInt, fc.integer({ min: 91 })),
      "payouts.requireApproval": notBoolean,
      "payouts.minimums.sek": fc.oneof(notInt, fc.integer({ max: 99 })),
      // null is allowed here (no second approval), so it is not among the hostile values.
      "payouts.secondApprovalAbove.sek": fc.oneof(notNumber.filter((v) => v !== null), fc.double({ min: 0.1, max: 1e6, noInteger: true }), fc.integer({ max: -1 }), fc.integer({ min: 100_000_001 })),
      "notifications.email": notBoolean,
    },
  },
  acknowledgeAlert: { base: { alertId: "event_dead-evt_1" }, fields: { alertId: fc.oneof(idBad(400)) } },
  markNotificationsRead: { base: {}, fields: { ids: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string(), fc.constant({ a: 1 })) } },
  exportSie: { base: { from: "2026-01-01", to: "2026-01-31" }, fields: { from: day, to: fc.oneof(day, fc.constant("2025-12-31")) } },
  booksReconciliations: { base: {}, fields: { limit: fc.oneof(notInt, fc.integer({ min: 61 }), fc.integer({ max: 0 })) } },
  reconcileBooksNow: { base: { day: "2026-01-05" }, fields: { day } },
  payoutStatement: { base: { payoutId: "po-1" }, fields: { payoutId: fc.oneof(notString, fc.constant(""), fc.constant("a/b"), huge(300)) } },
  payoutStatementPdf: { base: { payoutId: "po-1" }, fields: { payoutId: fc.oneof(notString, fc.constant(""), fc.constant("../x"), huge(300)) } },
  myPayoutStatements: { base: {}, fields: {} },
};

// ---- helpers ------------------------------------------------------------------------------
const callables = Object.entries(kassa).filter(([, v]) => typeof (v as Partial<Runnable>).run === "function" && "__endpoint" in (v as object) && (v as { __endpoint: { callableTrigger?: unknown } }).__endpoint.callableTrigger);

const withField = (base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> => {
  const out = structuredClone(base);
  const keys = path.split(".");
  let at: Record<string, unknown> = out;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys[keys.length - 1]!] = value;
  return out;
};

const authArb = fc.option(
  fc.record({ uid: fc.constantFrom("demo-customer", "demo-coach", "demo-admin", "someone-else"), role: fc.constantFrom(...ROLES, "superuser", undefined) }),
  { nil: undefined },
);

async function outcome(fn: Runnable, data: unknown, who: { uid: string; role: string | undefined } | undefined, appCheck = true) {
  tried.inputs++;
  const req = {
    data,
    rawRequest: {} as CallableRequest["rawRequest"],
    acceptsStreaming: false,
    // What firebase-functions puts on a request whose App Check token it verified.
    ...(appCheck ? { app: { appId: "1:123:web:kassa", token: {} as never } } : {}),
    ...(who ? { auth: { uid: who.uid, token: { role: who.role, uid: who.uid } as never, rawToken: "t" } } : {}),
  } as CallableRequest;
  try {
    await fn.run(req);
  } catch (e) {
    return e as { code?: string; details?: { field?: string } };
  }
  assert.fail("a hostile input was accepted");
}

/** The callable logs each refusal (as it should in production); keep the test output readable. */
const quiet = <T>(f: () => Promise<T>) => async () => {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await f();
  } finally {
    process.stderr.write = write;
  }
};

describe("hostile input: every callable's edge", function () {
  this.timeout(120_000);
  const appsBefore = getApps().length;

  it("covers every exported callable", () => {
    assert.deepEqual(callables.map(([n]) => n).sort(), Object.keys(SPECS).sort());
  });

  for (const [name, spec] of Object.entries(SPECS)) {
    const fn = () => (kassa as unknown as Record<string, Runnable>)[name]!;

    it(`${name}: signed-out callers are refused before anything is read`, quiet(async () => {
      await fc.assert(
        fc.asyncProperty(fc.anything(), async (data) => {
          const e = await outcome(fn(), data, undefined);
          assert.equal(e.code, "unauthenticated");
        }),
        { numRuns: 10 },
      );
    }));

    it(`${name}: a signed-in caller without App Check is refused before the input is looked at`, quiet(async () => {
      await fc.assert(
        fc.asyncProperty(fc.anything(), authArb.filter(Boolean), async (data, who) => {
          const e = await outcome(fn(), data, who, false);
          assert.equal(e.code, "unauthenticated");
          tried.refusedWithoutAppCheck++;
        }),
        { numRuns: 5 },
      );
    }));

    it(`${name}: data that is not an object -> invalid-argument (data)`, quiet(async () => {
      const notObject = fc.oneof(fc.integer(), fc.string({ minLength: 1 }), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.double());
      await fc.assert(
        fc.asyncProperty(notObject, authArb.filter(Boolean), async (data, who) => {
          const e = await outcome(fn(), data, who);
          assert.equal(e.code, "invalid-argument");
          assert.equal(e.details?.field, "data");
          tried.refusedNamingField++;
        }),
        { numRuns: RUNS },
      );
    }));

    it(`${name}: an unknown field is named`, quiet(async () => {
      const known = new Set([...Object.keys(spec.base), ...Object.keys(spec.fields).map((f) => f.split(".")[0]!)]);
      const key = fc.string({ minLength: 1, maxLength: 30 }).filter((k) => !known.has(k) && k !== "__proto__");
      await fc.assert(
        fc.asyncProperty(key, fc.jsonValue(), authArb.filter(Boolean), async (k, v, who) => {
          const e = await outcome(fn(), { ...spec.base, [k]: v }, who);
          assert.equal(e.code, "invalid-argument");
          assert.equal(e.details?.field, k);
          tried.refusedNamingField++;
        }),
        { numRuns: RUNS },
      );
    }));

    for (const [field, arb] of Object.entries(spec.fields)) {
      it(`${name}: hostile ${field} is refused naming ${field}`, quiet(async () => {
        await fc.assert(
          fc.asyncProperty(arb, authArb.filter(Boolean), async (value, who) => {
            const e = await outcome(fn(), withField(spec.base, field, value), who);
            assert.equal(e.code, "invalid-argument", `${field}=${JSON.stringify(value)?.slice(0, 80)}`);
            assert.equal(e.details?.field, field);
            tried.refusedNamingField++;
          }),
          { numRuns: RUNS },
        );
      }));
    }
  }

  it("never initialised the Admin app (no document read or written, no adapter built)", () => {
    if (appsBefore === 0) assert.equal(getApps().length, 0);
  });

  after(() => {
    console.log(`      hostile callable inputs tried: ${tried.inputs}, refused naming the field: ${tried.refusedNamingField}, refused without App Check: ${tried.refusedWithoutAppCheck}`);
  });
});
