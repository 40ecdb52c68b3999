/** The reconciliation's balance checks, named by their id (the server's label is English, for logs). */
const booksChecks = {
  coach_liabilities: "Coaches' money ({{account}}): Kassa's balances incl. money in payout vs Stripe's connected accounts",
  platform_balance: "Platform balance ({{account}} less coaches' money) vs Stripe's platform balance",
  stripeNotRead: "Stripe could not be read: {{error}}",
} as const;

export default booksChecks;
