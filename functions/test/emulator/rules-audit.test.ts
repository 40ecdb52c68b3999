/**
 * Rules audit: one table, every collection x every role. For each document it says who may
 * read it; everything else must be refused. Every client write (create, update, delete) to
 * every collection is refused for every role, admins included: money moves only through
 * functions, which use the Admin SDK.
 */
import {
  assertFails,
  assertSucceeds,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import {
  collection,
  deleteDoc,
  doc,
  getDoc,
  getDocs,
  query,
  setDoc,
  updateDoc,
  where,
  type DocumentData,
  type Query,
} from "firebase/firestore";
import { rulesEnv } from "./rules-env";

type Firestore = ReturnType<
  ReturnType<RulesTestEnvironment["unauthenticatedContext"]>["firestore"]
>;
type Role = "anonymous" | "customer" | "coach" | "otherCoach" | "admin" | "accountant";
const ROLES: Role[] = ["anonymous", "customer", "coach", "otherCoach", "admin", "accountant"];
const SIGNED_IN: Role[] = ["customer", "coach", "otherCoach", "admin", "accountant"];
const UID: Record<Exclude<Role, "anonymous">, [string, string]> = {
  customer: ["cust", "customer"],
  coach: ["bob", "coach"],
  otherCoach: ["carl", "coach"],
  admin: ["ada", "admin"],
  accountant: ["acc", "accountant"],
};

/** path, seeded data, who reads it. Owners: customer "cust", coach "bob" ("carl" is the other coach). */
const TABLE: [string, Record<string, unknown>, Role[]][] = [
  ["users/cust", { uid: "cust", role: "customer" }, ["customer", "admin"]],
  ["users/bob", { uid: "bob", role: "coach" }, ["coach", "admin"]],
  ["programs/p1", { coachId: "bob", active: true, price: { amount: 49900, currency: "sek" } }, SIGNED_IN],
  // Withdrawn from sale: its coach and the admins only (issue 14, narrower reads).
  ["programs/p-old", { coachId: "bob", active: false, price: { amount: 49900, currency: "sek" } }, ["coach", "admin"]],
  ["plans/premium", { price: { amount: 9900, currency: "sek" } }, SIGNED_IN],
  // The split (fee, share, Stripe's fee) is not the buyer's to read: they read purchases/ (issue 14).
  [
    "payments/pi_1",
    { userId: "cust", coachId: "bob", amount: 49900, currency: "sek", feeAmount: 9980, coachAmount: 39920, stripeFee: 1023 },
    ["coach", "admin", "accountant"],
  ],
  [
    "payments/pi_sub",
    { userId: "cust", coachId: null, amount: 9900, currency: "sek" },
    ["admin", "accountant"],
  ],
  ["purchases/pi_1", { userId: "cust", amount: 49900, currency: "sek", status: "succeeded" }, ["customer", "admin"]],
  ["subscriptions/sub_1", { userId: "cust", status: "active" }, ["customer", "admin"]],
  ["ledger/pi_1:capture", { day: "2026-01-05", lines: [] }, ["admin", "accountant"]],
  [
    "balances/bob_sek",
    { coachId: "bob", currency: "sek", held: 1, available: 2, inPayout: 0, paid: 0 },
    ["coach", "admin"],
  ],
  ["coaches/bob", { uid: "bob", stripeAccountId: "acct_1" }, ["coach", "admin"]],
  [
    "payouts/po-bob",
    { coachId: "bob", amount: 100, currency: "sek", status: "requested" },
    ["coach", "admin"],
  ],
  ["jobs/sync-2026-01-05", { type: "accounting_sync", state: "done" }, ["admin", "accountant"]],
  ["jobs/payout-run-2026-W03", { type: "payout_run", status: "done" }, ["admin"]],
  ["jobs/payout-run-2026-W03/outcomes/bob_sek", { coachId: "bob" }, ["admin"]],
  ["jobs/payout-run-2026-W03/tally/3", { counts: { settled: 4 } }, ["admin"]],
  ["jobs/untyped", { state: "done" }, []],
  ["stripeEvents/evt_1", { type: "payment_intent.succeeded", status: "processed" }, ["admin"]],
  ["accounting/2026-01-05_sales", { day: "2026-01-05", flow: "sales" }, ["admin", "accountant"]],
  ["accountingDays/2026-01-05", { day: "2026-01-05" }, ["admin", "accountant"]],
  ["settings/accounting", { mapping: {} }, ["admin", "accountant"]],
  ["accountingMappingAudit/m1", { at: 1, by: "acc", changes: [{ field: "vatBps", from: 2500, to: 1200 }] }, ["admin", "accountant"]],
  ["settings/payouts", { requireApproval: true, minimums: { sek: 10000 } }, ["coach", "otherCoach", "admin", "accountant"]],
  ["settings/payments", { feeBps: 2000 }, ["admin"]],
  ["settings/notifications", { email: { enabled: true, to: ["ops@kassa.test"] } }, ["admin"]],
  ["settingsAudit/a1", { by: "ada", changes: [] }, ["admin"]],
  ["notifications/n-bob", { uid: "bob", kind: "payout_paid" }, ["coach"]],
  ["reconciliation/bob_sek", { coachId: "bob", ok: false }, ["admin"]],
  ["payoutReviews/r1", { stripeObjectId: "po_x" }, ["admin"]],
  ["alerts/event-dead-evt_1", { kind: "event_dead", status: "open" }, ["admin"]],
  ["audit/2026-11-24T08-00-00-000Z-1a2b3c4d", { action: "role_changed", by: "admin-1", target: "u-1" }, ["admin"]],
  ["approvals/refund:pi_1:req-12345678", { kind: "refund", state: "pending", requestedBy: "admin-1", refund: { paymentId: "pi_1", amount: 150000, currency: "sek" } }, ["admin"]],
  ["checkoutAttempts/customer-1", { attempts: [{ id: "pi_1", clientSecret: "pi_1_secret" }] }, []],
  ["mail/alert-event-dead-evt_1", { to: ["ops@kassa.test"], message: { subject: "x" } }, []],
  ["_secrets/fortnox", { refreshToken: "secret" }, []],
  ["_fortnox/lease", { holder: "x" }, []],
  ["_fortnoxOAuthStates/s1", { returnPath: "/accountant" }, []],
  ["somethingNew/x", { a: 1 }, []],
];

describe("firestore.rules audit: every collection x every role", function () {
  this.timeout(120_000);
  let env: RulesTestEnvironment;
  let checks = 0;

  before(async () => {
    env = await rulesEnv("demo-kassa-rules-audit");
    await env.clearFirestore();
    await env.withSecurityRulesDisabled(async (ctx) => {
      const db = ctx.firestore();
      for (const [p, data] of TABLE) await setDoc(doc(db, p), data);
    });
  });
  after(async () => {
    console.log(
      `      rules audit: ${checks} checks (${TABLE.length} documents x ${ROLES.length} roles, reads and writes)`,
    );
    await env?.cleanup();
  });

  const as = (role: Role): Firestore =>
    role === "anonymous"
      ? env.unauthenticatedContext().firestore()
      : env.authenticatedContext(UID[role][0], { role: UID[role][1] }).firestore();

  for (const [p, , readers] of TABLE) {
    it(`${p}: read by ${readers.length ? readers.join(", ") : "no client"}; every other role refused`, async () => {
      for (const role of ROLES) {
        checks++;
        const read = getDoc(doc(as(role), p));
        if (readers.includes(role)) await assertSucceeds(read);
        else await assertFails(read);
      }
    });

    it(`${p}: no role may create, update or delete it`, async () => {
      const parent = p.split("/").slice(0, -1).join("/");
      for (const role of ROLES) {
        const db = as(role);
        checks += 3;
        await assertFails(
          setDoc(doc(db, `${parent}/new-${role}`), {
            coachId: UID[role as Exclude<Role, "anonymous">]?.[0] ?? null,
            userId: "cust",
            amount: 1,
          }),
        );
        await assertFails(updateDoc(doc(db, p), { amount: 1, status: "paid", role: "admin" }));
        await assertFails(deleteDoc(doc(db, p)));
      }
    });
  }

  it("list queries: each role lists only what is theirs", async () => {
    const ok = async (role: Role, q: (db: Firestore) => Query<DocumentData>) => {
      checks++;
      await assertSucceeds(getDocs(q(as(role))));
    };
    const no = async (role: Role, q: (db: Firestore) => Query<DocumentData>) => {
      checks++;
      await assertFails(getDocs(q(as(role))));
    };
    await ok("customer", (db) => query(collection(db, "purchases"), where("userId", "==", "cust")));
    await no("customer", (db) => collection(db, "purchases"));
    // The payments themselves (with the split) are not the buyer's to list, even their own.
    await no("customer", (db) => query(collection(db, "payments"), where("userId", "==", "cust")));
    await no("customer", (db) => collection(db, "payments"));
    await no("customer", (db) => query(collection(db, "payments"), where("coachId", "==", "bob")));
    await ok("coach", (db) => query(collection(db, "payments"), where("coachId", "==", "bob")));
    await no("otherCoach", (db) =>
      query(collection(db, "payments"), where("coachId", "==", "bob")),
    );
    await ok("coach", (db) => query(collection(db, "payouts"), where("coachId", "==", "bob")));
    await no("coach", (db) => collection(db, "payouts"));
    await no("coach", (db) => collection(db, "ledger"));
    await ok("accountant", (db) => collection(db, "ledger"));
    await ok("admin", (db) => collection(db, "alerts"));
    for (const role of ROLES.filter((r) => r !== "admin")) {
      await no(role, (db) => collection(db, "alerts"));
      await no(role, (db) => collection(db, "stripeEvents"));
      await no(role, (db) => collection(db, "users"));
    }
    for (const role of ROLES) await no(role, (db) => collection(db, "mail"));
  });
});
