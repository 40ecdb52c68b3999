/** Under the coach's Available: what Stripe can pay now (pages/coach/Payouts.tsx). */
const payableNow = {
  partly: "{{now}} can be paid out now; {{later}} is still on its way to your Stripe account and can be paid out in a few days.",
  nothingYet: "Stripe has not yet received this money on your account; it can be paid out in a few days.",
} as const;

export default payableNow;
