import type en from "./adminSettings.en";
import type { Strings } from "../catalogue";

/** Administratörens inställningar (pages/admin/Settings.tsx) och deras ändringslogg (lib/settings.ts). */
const adminSettings: Strings<typeof en> = {
  title: "Inställningar",
  loading: "Läser in inställningarna…",
  loadFailed: "Kunde inte läsa in inställningarna: {{error}}",
  tryAgain: "Försök igen",
  formLabel: "Inställningar för betalningar och utbetalningar",
  payments: "Betalningar",
  fee: "Plattformsavgift (%)",
  feeHint: "Av varje programförsäljning; 0 till 50, högst två decimaler. Gäller nya köp.",
  holdDays: "Hålltid (dagar)",
  holdHint:
    "Dagar som coachens andel väntar innan den kan betalas ut (0 till 90). Gäller nya betalningar.",
  reversal: "Plattformsavgiften vid återbetalning",
  reversalProportional: "Återbetalas i proportion",
  reversalNone: "Behålls av plattformen",
  payouts: "Utbetalningar",
  minimums: "Lägsta utbetalning per valuta",
  requireApproval: "Coachernas begäran om utbetalning kräver en administratörs godkännande",
  secondApproval: "Andra godkännande över, per valuta",
  secondApprovalHidden: "Andra godkännande över ",
  none: "inget",
  secondApprovalHint:
    "Utbetalningar över beloppet kräver en andra administratörs godkännande (både begärda och veckokörningens, även utan godkännanderutan); tomt = ett godkännande.",
  notifications: "Aviseringar",
  email: "Mejla också coacherna (e-postdokument för tillägget Trigger Email)",
  schedules: "Schema",
  schedulesText:
    "Veckoutbetalningen körs måndagar kl. 08.00 och bokföringen i Fortnox varje natt kl. 02.00, båda i svensk tid (Europe/Stockholm); hålltider släpps varje timme. Schemat ingår i driftsättningen och ändras inte här.",
  save: "Spara inställningarna",
  saving: "Sparar…",
  fixFields: "Rätta fälten som är markerade nedan.",
  nothingChanged: "Inget ändrades.",
  saved_one: "Sparade {{count}} ändring. Nya betalningar använder den inom en minut.",
  saved_other: "Sparade {{count}} ändringar. Nya betalningar använder dem inom en minut.",
  errors: {
    fee: "Skriv en procentsats från 0 till {{max}}, högst två decimaler (t.ex. 20 eller 17,5).",
    holdDays: "Skriv hela dagar från {{min}} till {{max}}.",
    minimum: "Skriv ett belopp från {{min}} till {{max}}, t.ex. 100 eller 99,50.",
    secondApproval:
      "Skriv ett belopp från 0 till {{max}}, t.ex. 5000 eller 4999,50, eller lämna tomt för ett godkännande.",
  },
  audit: {
    title: "Ändringar",
    loadFailed: "Kunde inte läsa in ändringarna: {{error}}",
    loading: "Laddar…",
    none: "Inga ändringar än: driftsättningens standardvärden gäller.",
    when: "När",
    who: "Vem",
    what: "Vad",
  },
  field: {
    fee: "Plattformsavgift",
    holdDays: "Hålltid",
    reversal: "Plattformsavgiften vid återbetalning",
    requireApproval: "Godkännande av begärda utbetalningar",
    email: "E-post till coacher",
    minimum: "Lägsta utbetalning {{currency}}",
    secondApproval: "Andra godkännande över {{currency}}",
  },
  value: {
    on: "på",
    off: "av",
    none: "inget (ett godkännande)",
    days_one: "{{count}} dag",
    days_other: "{{count}} dagar",
    proportional: "återbetalas i proportion",
    kept: "behålls av plattformen",
  },
};

export default adminSettings;
