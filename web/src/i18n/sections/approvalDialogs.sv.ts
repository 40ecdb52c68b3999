import type en from "./approvalDialogs.en";

/** Bekräftelserna på sidan Godkännanden (dubbel kontroll). */
const approvalDialogs: { [K in keyof typeof en]: string } = {
  approveTitle: "Godkänna begäran?",
  rejectTitle: "Avslå begäran?",
  withdrawTitle: "Dra tillbaka din begäran?",
  asked: "{{who}} har begärt det.",
  approveRefund: "{{amount}} återbetalas till kundens kort via Stripe nu. Det går inte att ångra.",
  approveRole: "{{who}} blir {{role}} direkt, med den rollens behörigheter.",
  rejectNothing: "Ingenting återbetalas eller ändras; den som bad om det ser ditt skäl.",
  withdrawNothing: "Ingenting återbetalas eller ändras.",
  reason: "Skäl",
  reasonShort: "Skriv minst 3 tecken.",
  approved: "Godkänd.",
  rejected: "Avslagen.",
};

export default approvalDialogs;
