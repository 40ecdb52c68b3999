import {
  assertFails,
  assertSucceeds,
  type RulesTestEnvironment,
} from "@firebase/rules-unit-testing";
import {
  collection,
  doc,
  getDoc,
  getDocs,
  limit,
  orderBy,
  query,
  setDoc,
  where,
} from "firebase/firestore";
import { rulesEnv } from "./rules-env";

/** Bookkeeping collections: accountant and admin read, nobody writes, secrets never. */
describe("firestore.rules: accounting", function () {
  this.timeout(30000);
  let env: RulesTestEnvironment;

  before(async () => {
    env = await rulesEnv("demo-kassa-rules-accounting");
  });
  after(async () => env?.cleanup());

  beforeEach(async () => {
    await env.clearFirestore();
    await env.withSecurityRulesDisabled(async (ctx) => {
      const db = ctx.firestore();
      await setDoc(doc(db, "accounting/2026-11-22_sales_sek"), {
        day: "2026-11-22",
        state: "posted",
      });
      await setDoc(doc(db, "accountingDays/2026-11-22"), { day: "2026-11-22", state: "booked" });
      await setDoc(doc(db, "accounting/2026-11-22_sales_sek/entries/0"), { index: 0, lines: [] });
      await setDoc(doc(db, "accountingBookings/pi_1:capture"), { voucherId: "2026-11-22_sales_sek" });
      await setDoc(doc(db, "accountingCursor/ledger"), { recordedThroughMs: 1 });
      await setDoc(doc(db, "jobs/accounting-1"), { type: "accounting_sync", startedAt: 1 });
      await setDoc(doc(db, "jobs/payout-1"), { type: "payout_run", startedAt: 1 });
      await setDoc(doc(db, "settings/accounting"), { series: "A" });
      await setDoc(doc(db, "accountingMappingAudit/c1"), { at: 1, by: "acc", changes: [{ field: "vatBps", from: 2500, to: 1200 }] });
      await setDoc(doc(db, "_secrets/FORTNOX_REFRESH_TOKEN"), { value: "secret" });
      await setDoc(doc(db, "_fortnox/connection"), { status: "connected", accessToken: "t" });
      await setDoc(doc(db, "_fortnoxOAuthStates/abc"), { uid: "x" });
    });
  });

  const as = (uid: string, role: string) => env.authenticatedContext(uid, { role }).firestore();
  const readable = [
    "accounting/2026-11-22_sales_sek",
    "accountingDays/2026-11-22",
    "accounting/2026-11-22_sales_sek/entries/0",
    "accountingBookings/pi_1:capture",
    "jobs/accounting-1",
    "settings/accounting",
    // The mapping's trail: only the server writes it (in the transaction that saves the change).
    "accountingMappingAudit/c1",
  ];
  const secret = [
    "_secrets/FORTNOX_REFRESH_TOKEN",
    "_fortnox/connection",
    "_fortnoxOAuthStates/abc",
    "accountingCursor/ledger",
  ];

  for (const role of ["accountant", "admin"]) {
    it(`${role} reads the bookkeeping records and lists the sync runs`, async () => {
      for (const p of readable) await assertSucceeds(getDoc(doc(as("u", role), p)));
      await assertSucceeds(
        getDocs(
          query(
            collection(as("u", role), "jobs"),
            where("type", "==", "accounting_sync"),
            orderBy("startedAt", "desc"),
            limit(10),
          ),
        ),
      );
      await assertSucceeds(
        getDocs(query(collection(as("u", role), "accounting"), where("day", "==", "2026-11-22"))),
      );
      await assertSucceeds(getDocs(query(collection(as("u", role), "accountingMappingAudit"), orderBy("at", "desc"), limit(20))));
    });
    it(`${role} writes none of them and never sees tokens`, async () => {
      for (const p of [...readable, ...secret])
        await assertFails(setDoc(doc(as("u", role), p), { state: "posted" }));
      // Not even a new entry in the mapping's trail.
      await assertFails(setDoc(doc(as("u", role), "accountingMappingAudit/forged"), { at: 2, by: "u", changes: [] }));
      for (const p of secret) await assertFails(getDoc(doc(as("u", role), p)));
    });
  }

  it("an accountant does not read other kinds of jobs", async () => {
    await assertFails(getDoc(doc(as("u", "accountant"), "jobs/payout-1")));
    await assertFails(getDocs(collection(as("u", "accountant"), "jobs")));
  });

  it("coaches, customers and visitors read none of it", async () => {
    for (const ctx of [
      as("c", "coach"),
      as("k", "customer"),
      env.unauthenticatedContext().firestore(),
    ]) {
      for (const p of [...readable, ...secret]) await assertFails(getDoc(doc(ctx, p)));
    }
  });
});
