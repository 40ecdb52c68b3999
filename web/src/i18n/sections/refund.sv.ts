import type en from "./refund.en";
import type { Strings } from "../catalogue";

/** Administratörens återbetalningsdialog (pages/admin/Payments.tsx, lib/refund-amount.ts). */
const refund: Strings<typeof en> = {
  title: "Återbetala en betalning",
  customer: "Kund",
  program: "Köp",
  paid: "Betalt",
  alreadyRefunded: "Redan återbetalt",
  left: "Kan återbetalas",
  coach: "Coach",
  what: "Kunden får beloppet tillbaka på sitt kort. Coachens del och plattformsavgiften återförs i proportion.",
  amountLabel: "Belopp att återbetala (kr)",
  reasonLabel: "Anledning",
  reasons: {
    requested_by_customer: "Kunden bad om det",
    duplicate: "Dubbeldebitering",
    fraudulent: "Bedrägeri",
  },
  confirm: "Återbetala",
  amountRequired: "Belopp att återbetala måste fyllas i.",
  amountNegative: "Belopp att återbetala kan inte vara negativt.",
  amountDecimals: "Belopp att återbetala får ha högst två decimaler (ören), t.ex. 199,50.",
  amountNotNumber: "Belopp att återbetala ska vara ett belopp i kronor, t.ex. 199 eller 199,50.",
  amountZero: "Belopp att återbetala måste vara större än noll.",
  amountTooLarge: "Belopp att återbetala kan vara högst {{left}}, det som är kvar av betalningen.",
  sent: "Återbetalningen på {{amount}} är skickad; den syns här när Stripe bekräftar den.",
  waiting: "Återbetalningen på {{amount}} väntar på att en andra administratör godkänner den.",
};

export default refund;
