import type en from "./booksChecks.en";

/** Avstämningens saldokontroller, efter sitt id (serverns text är engelska, för loggar). */
const booksChecks: { [K in keyof typeof en]: string } = {
  coach_liabilities: "Coachernas pengar ({{account}}): Kassas saldon inkl. pengar under utbetalning mot Stripes anslutna konton",
  platform_balance: "Plattformens saldo ({{account}} minus coachernas pengar) mot Stripes plattformssaldo",
  stripeNotRead: "Stripe gick inte att läsa: {{error}}",
};

export default booksChecks;
