/** The person picker (components/PersonPicker.tsx): a coach or customer found by name or email. */
const picker = {
  placeholder: "Name or email",
  matches: "Matches for {{label}}",
  none: "No one found.",
  failed: "The search failed; try again.",
  clear: "Clear {{label}}",
  clearShort: "Clear",
} as const;

export default picker;
