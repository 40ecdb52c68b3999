/** The demo world a newcomer signs in to. Passwords are for the local emulator only. */
export const DEMO_PASSWORD = "kassa-demo";

export interface DemoUser {
  uid: string;
  email: string;
  displayName: string;
  role: "customer" | "coach" | "admin" | "accountant";
}

export const DEMO_USERS: DemoUser[] = [
  {
    uid: "demo-customer",
    email: "customer@kassa.test",
    displayName: "Klara Kund",
    role: "customer",
  },
  { uid: "demo-coach", email: "coach@kassa.test", displayName: "Corinna Coach", role: "coach" },
  { uid: "demo-coach-2", email: "coach2@kassa.test", displayName: "Oskar Lind", role: "coach" },
  { uid: "demo-admin", email: "admin@kassa.test", displayName: "Ada Admin", role: "admin" },
  // A second admin: refunds above the limit and staff role grants need another admin's approval.
  { uid: "demo-admin-2", email: "admin2@kassa.test", displayName: "Bo Berg", role: "admin" },
  {
    uid: "demo-accountant",
    email: "accountant@kassa.test",
    displayName: "Åsa Revisor",
    role: "accountant",
  },
];

export interface DemoProgram {
  id: string;
  coachId: string;
  title: string;
  description: string;
  price: { amount: number; currency: "sek" };
}

/** Prices in öre: 49900 = 499,00 kr. */
export const DEMO_PROGRAMS: DemoProgram[] = [
  {
    id: "mindful-mornings",
    coachId: "demo-coach",
    title: "Mindful Mornings",
    description: "Åtta veckor med tio minuters morgonövning.",
    price: { amount: 49900, currency: "sek" },
  },
  {
    id: "calm-under-pressure",
    coachId: "demo-coach",
    title: "Calm Under Pressure",
    description: "Verktyg för stressiga dagar, i sex pass.",
    price: { amount: 79900, currency: "sek" },
  },
  {
    id: "sleep-reset",
    coachId: "demo-coach-2",
    title: "Sleep Reset",
    description: "Fyra veckor till bättre sömn.",
    price: { amount: 39900, currency: "sek" },
  },
];

/** The platform's premium plan: 99,00 kr a month, VAT included. */
export const DEMO_PLANS = [
  {
    id: "premium",
    title: "Inner Journey Premium",
    price: { amount: 9900, currency: "sek" as const },
    interval: "month" as const,
  },
];
