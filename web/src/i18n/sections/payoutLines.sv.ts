import type en from "./payoutLines.en";

/** Vad en utbetalning betalar för (coachens utbetalningshistorik, underlag). */
const payoutLines: { [K in keyof typeof en]: string } = {
  sales_one: "{{program}}: {{count}} försäljning",
  sales_other: "{{program}}: {{count}} försäljningar",
  leftForLater: "Kvar till en senare utbetalning",
  adjustment: "Återbetalningar, tvister och saldo mellan utbetalningar",
  total: "Den här utbetalningen",
};

export default payoutLines;
