import type en from "./adminCoaches.en";

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** Administratörens coachlista och sida per coach (pages/admin/Coaches.tsx, pages/admin/Coach.tsx). */
const adminCoaches: Strings<typeof en> = {
  title: "Coacher",
  intro: "Alla coacher med läget för deras Stripe-konto. Öppna en coach för saldon, utbetalningar och försäljning.",
  search: "Sök på namn eller e-post",
  name: "Namn",
  email: "E-post",
  stripe: "Stripe-konto",
  what: "coacherna",
  noMatch: "Ingen coach matchar ”{{search}}”.",
  none: "Inga coacher än.",
  ready: "Klart",
  notStarted: "Inte påbörjat",
  inProgress: "Registreringen är inte klar",
  checking: "Stripe granskar uppgifterna",
  back: "Alla coacher",
  onboarding: "Registrering hos Stripe",
  readyLong: "Klart: coachen kan sälja och få utbetalningar.",
  notStartedLong: "Coachen har inte påbörjat Stripes registrering än och kan därför inte sälja.",
  stillRequired: "Det här behöver Stripe fortfarande från coachen:",
  reason: "Varför:",
  balances: "Saldon",
  noBalance: "Inget saldo än: coachen har inte sålt något.",
  currency: "Valuta",
  available: "Tillgängligt",
  held: "Innehållet",
  inPayout: "Under utbetalning",
  paid: "Utbetalt",
  payouts: "Utbetalningar",
  noPayouts: "Inga utbetalningar än.",
  date: "Datum",
  amount: "Belopp",
  status: "Status",
  trigger: "Hur",
  triggers: { schedule: "Veckokörning", request: "Begärd av coachen", admin: "Av en administratör" },
  sales: "Försäljning",
  noSales: "Ingen försäljning än.",
  program: "Program",
  customer: "Kund",
  price: "Pris",
  share: "Coachens del",
  allPayments: "Se alla under Betalningar",
};

export default adminCoaches;
