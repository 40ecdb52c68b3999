import type en from "./picker.en";

/** Personväljaren (components/PersonPicker.tsx): en coach eller kund hittad på namn eller e-post. */
const picker: { [K in keyof typeof en]: string } = {
  placeholder: "Namn eller e-post",
  matches: "Träffar för {{label}}",
  none: "Ingen hittades.",
  failed: "Sökningen misslyckades; försök igen.",
  clear: "Rensa {{label}}",
  clearShort: "Rensa",
};

export default picker;
