/** The confirmation dialog's own strings (ConfirmDialog). */
const confirm = {
  required: "{{label}} must be filled in.",
  working: "Working…",
} as const;

export default confirm;
