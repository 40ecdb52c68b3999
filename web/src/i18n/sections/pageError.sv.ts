/** Vad en sida som inte kunde visas säger (PageErrorBoundary). */
const pageError = {
  title: "Sidan kunde inte visas",
  body: "Något i sidans data var inte som väntat. Inget har ändrats. Försök igen eller öppna en annan sida i menyn; om det händer igen, berätta för teamet vilken sida du öppnade.",
  retry: "Försök igen",
};

export default pageError;
