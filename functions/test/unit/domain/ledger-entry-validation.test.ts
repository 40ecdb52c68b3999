import { strict as assert } from "node:assert";
import { assertBalanced, entryId, type LedgerEntry } from "../../../src/domain/ledger-entries";
import { coachAccount, parseAccount } from "../../../src/domain/ledger-accounts";
import { DomainError } from "../../../src/domain/errors";

// What the ledger refuses to store, and how it says so: the store calls assertBalanced before
// every write, and the error names the entry (details.entryId) so a failed write can be traced.

const T = Date.UTC(2026, 10, 22, 10);
const entry = (over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id: "pi_1:capture",
  kind: "subscription_payment",
  currency: "sek",
  postings: [
    { account: "platform:stripe_balance", amount: 100 },
    { account: "platform:subscriptions", amount: -100 },
  ],
  occurredAt: T,
  refs: { paymentId: "pi_1" },
  flow: "subscriptions",
  ...over,
});
const refused = (e: LedgerEntry, message: string) =>
  assert.throws(
    () => assertBalanced(e),
    (err: unknown) => {
      assert.ok(err instanceof DomainError);
      assert.equal(err.kind, "invalid_input");
      assert.equal(err.field, "postings");
      assert.deepEqual(err.details, { entryId: e.id });
      assert.equal(err.message, `ledger entry ${e.id}: ${message}`);
      return true;
    },
  );

describe("ledger entry validation", () => {
  it("says what is wrong with a refused entry", () => {
    refused(entry({ currency: "gbp" as LedgerEntry["currency"] }), "unsupported currency gbp");
    refused(entry({ occurredAt: T + 0.5 }), "occurredAt must be epoch milliseconds");
    refused(entry({ postings: [{ account: "platform:fees", amount: 0 }] }), "needs at least two postings");
    refused(
      entry({ postings: [{ account: "platform:stripe_balance", amount: 100 }, { account: "platform:fees", amount: 0 }] }),
      "posting on platform:fees must be a non-zero integer, got 0",
    );
    refused(
      entry({ postings: [{ account: "platform:stripe_balance", amount: 100 }, { account: "platform:fees", amount: -99 }] }),
      "postings sum to 1, not 0",
    );
    refused(
      entry({
        postings: [
          { account: "platform:stripe_balance", amount: Number.MAX_SAFE_INTEGER },
          { account: "platform:bank", amount: Number.MAX_SAFE_INTEGER },
          { account: "platform:fees", amount: -1 },
        ],
      }),
      "postings overflow",
    );
  });

  it("entry ids need a non-empty source id without '/', which would split the Firestore path", () => {
    assert.equal(entryId("re_1", "refund"), "re_1:refund");
    for (const bad of ["", "a/b"]) {
      assert.throws(
        () => entryId(bad, "refund"),
        (e: unknown) => e instanceof DomainError && e.field === "sourceId" && e.message.includes(`must be a non-empty id without '/', got ${JSON.stringify(bad)}`),
      );
    }
  });

  it("coach accounts need a coach id without ':' or '/', and only coach:<id>:<bucket> parses as one", () => {
    for (const bad of ["", "a:b", "a/b"]) {
      assert.throws(
        () => coachAccount(bad, "held"),
        (e: unknown) => e instanceof DomainError && e.field === "coachId" && e.message.includes(`without ':' or '/', got ${JSON.stringify(bad)}`),
      );
    }
    for (const bad of ["coach:u1:held:x", "coach::held", "user:u1:held", "coach:u1"]) {
      assert.throws(
        () => parseAccount(bad),
        (e: unknown) => e instanceof DomainError && e.field === "account" && e.message.includes(`unknown ledger account ${JSON.stringify(bad)}`),
      );
    }
  });
});
