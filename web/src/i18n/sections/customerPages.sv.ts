import type en from "./customerPages.en";
import type { Strings } from "../catalogue";

/** Kundens premiumkort och köplista (pages/customer/Premium.tsx, Purchases.tsx). */
const customerPages: Strings<typeof en> = {
  premium: {
    title: "Premium",
    loading: "Läser in din prenumeration…",
    pitch: "Alla guidade pass, varje vecka. {{price}} i månaden, avsluta när du vill.",
    opening: "Öppnar betalningen…",
    subscribe: "Prenumerera",
    pastDue: "Din senaste betalning gick inte igenom; Stripe försöker igen.",
    active: "Du har premium.",
    endsOn: "Den upphör den {{date}}.",
    renewsOn: "Den förnyas den {{date}}.",
    keep: "Behåll premium",
    cancel: "Avsluta vid periodens slut",
  },
  purchases: {
    loadFailed: "Kunde inte läsa in dina köp: {{error}}",
    loading: "Läser in dina köp…",
    none: "Inga köp än.",
    browse: "Se programmen",
    table: "Dina köp",
    date: "Datum",
    what: "Vad",
    amount: "Belopp",
    status: "Status",
    refunded: " ({{amount}} återbetalt)",
  },
};

export default customerPages;
