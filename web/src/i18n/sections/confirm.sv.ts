import type en from "./confirm.en";

/** Bekräftelsedialogens egna texter (ConfirmDialog). */
const confirm: { [K in keyof typeof en]: string } = {
  required: "{{label}} måste fyllas i.",
  working: "Arbetar…",
};

export default confirm;
