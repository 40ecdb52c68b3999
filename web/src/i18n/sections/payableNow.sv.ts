import type en from "./payableNow.en";

/** Under coachens Tillgängligt: vad Stripe kan betala ut nu (pages/coach/Payouts.tsx). */
const payableNow: { [K in keyof typeof en]: string } = {
  partly: "{{now}} kan betalas ut nu; {{later}} är fortfarande på väg till ditt Stripe-konto och kan betalas ut om några dagar.",
  nothingYet: "Stripe har inte fått pengarna till ditt konto än; de kan betalas ut om några dagar.",
};

export default payableNow;
