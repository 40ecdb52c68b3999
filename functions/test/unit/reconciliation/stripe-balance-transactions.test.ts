import { strict as assert } from "node:assert";
import type Stripe from "stripe";
import { StripeBalanceTransactions } from "../../../src/adapters/stripe/stripe-balance-transactions";

interface Call {
  what: string;
  params: Record<string, unknown>;
  account: string | undefined;
}

/** Just the three list/retrieve calls the reader makes, paging newest first like Stripe. */
function fakeStripe(txns: Partial<Stripe.BalanceTransaction>[], payouts: Partial<Stripe.Payout>[], calls: Call[]): Stripe {
  const page = <T extends { id?: string }>(rows: T[], params: Record<string, unknown>) => {
    const start = params["starting_after"] ? rows.findIndex((r) => r.id === params["starting_after"]) + 1 : 0;
    const limit = Number(params["limit"] ?? 10);
    return { object: "list", data: rows.slice(start, start + limit), has_more: start + limit < rows.length };
  };
  const fake = {
    balanceTransactions: {
      list: async (params: Record<string, unknown>, opts: Stripe.RequestOptions) => (calls.push({ what: "txns", params, account: opts.stripeAccount }), page(txns, params)),
    },
    payouts: {
      list: async (params: Record<string, unknown>, opts: Stripe.RequestOptions) => {
        calls.push({ what: "payouts", params, account: opts.stripeAccount });
        return page(payouts.filter((p) => params["status"] === undefined || p.status === params["status"]), params);
      },
    },
    balance: {
      retrieve: async (_p: unknown, opts: Stripe.RequestOptions) => (
        calls.push({ what: "balance", params: {}, account: opts.stripeAccount }),
        { available: [{ amount: 100, currency: "sek" }, { amount: 7, currency: "eur" }], pending: [{ amount: 50, currency: "sek" }, { amount: 1, currency: "xyz" }] }
      ),
    },
  };
  return fake as unknown as Stripe;
}

const txn = (i: number, createdS: number): Partial<Stripe.BalanceTransaction> => ({
  id: `txn_${i}`,
  type: "charge",
  currency: "sek",
  amount: 1000,
  net: 970,
  created: createdS,
  fee_details: [
    { amount: 30, currency: "sek", type: "stripe_fee", description: "Stripe processing fees", application: null },
    { amount: 100, currency: "sek", type: "application_fee", description: "platform", application: "ca_1" },
  ],
});

describe("StripeBalanceTransactions", () => {
  it("reads page after page newest first and stops at the first transaction before the start", async () => {
    const calls: Call[] = [];
    const rows = Array.from({ length: 250 }, (_, i) => txn(i, 10_000 - i));
    const reader = new StripeBalanceTransactions(fakeStripe(rows, [], calls));
    const got = await reader.transactionsSince("acct_1", (10_000 - 219) * 1000);
    assert.equal(got.length, 220);
    assert.deepEqual(calls.map((c) => [c.what, c.params["starting_after"] ?? null, c.account]), [
      ["txns", null, "acct_1"],
      ["txns", "txn_99", "acct_1"],
      ["txns", "txn_199", "acct_1"],
    ]);
    assert.deepEqual(got[0], { id: "txn_0", accountId: "acct_1", type: "charge", currency: "sek", amount: 1000, net: 970, stripeFee: 30, createdMs: 10_000_000 });
  });

  it("the platform's own records go without a Stripe-Account header", async () => {
    const calls: Call[] = [];
    await new StripeBalanceTransactions(fakeStripe([txn(1, 5)], [], calls)).transactionsSince(null, 0);
    assert.equal(calls[0]?.account, undefined);
  });

  it("balance is available + pending per supported currency", async () => {
    assert.deepEqual(await new StripeBalanceTransactions(fakeStripe([], [], [])).balance("acct_1"), { sek: 150, eur: 7 });
  });

  it("recent payouts, plus older ones still pending or in transit", async () => {
    const payouts: Partial<Stripe.Payout>[] = [
      { id: "po_new", amount: 500, currency: "sek", created: 9_000, status: "paid", arrival_date: 9_100 },
      { id: "po_old_transit", amount: 700, currency: "sek", created: 100, status: "in_transit", arrival_date: 9_500 },
      { id: "po_old_paid", amount: 900, currency: "sek", created: 50, status: "paid", arrival_date: 60 },
    ];
    const got = await new StripeBalanceTransactions(fakeStripe([], payouts, [])).recentPayouts("acct_1", 8_000_000);
    assert.deepEqual(got.map((p) => p.id).sort(), ["po_new", "po_old_transit"]);
    assert.equal(got.find((p) => p.id === "po_new")?.arrivalMs, 9_100_000);
  });
});
