/**
 * Field rules of the SIE format (SIE 4B, "filformat"): how one value is written on a line.
 *
 * Exports: withoutControlCharacters, sieText, sieAmount, sieDate, parseSieAmount, parseSieDate.
 *
 * - Fields are separated by spaces; a text field is always quoted here (a quoted field may
 *   hold spaces), a quotation mark inside it is written \" and, so that a text ending in a
 *   backslash cannot swallow its closing quote, a backslash is written \\.
 * - Control characters (below 32, and 127) are not allowed in a field: line breaks and tabs
 *   in a description become a space, since a line break would end the record.
 * - Amounts are kronor with a dot and two decimals, a leading minus for credit, no thousands
 *   separator: written from öre integers by string arithmetic, never through a float.
 * - Dates are YYYYMMDD.
 */
import { minorToDecimalString } from "../money";
import { assertDay } from "../calendar-day";
import { invalidInput } from "../errors";

/** Control characters (below 32, and DEL) as one space each run: a field cannot hold them. */
export function withoutControlCharacters(value: string): string {
  let out = "";
  let inRun = false;
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    const control = code < 32 || code === 127;
    if (control && !inRun) out += " ";
    else if (!control) out += ch;
    inRun = control;
  }
  return out;
}

export function sieText(value: string): string {
  const clean = withoutControlCharacters(value)
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"');
  return `"${clean}"`;
}

export const sieAmount = (minor: number): string => minorToDecimalString(minor);

export function sieDate(day: string, field = "date"): string {
  assertDay(day, field);
  return day.replace(/-/g, "");
}

/** "-399.2" or "399.20" or "12" -> öre; refuses more than two decimals or anything else. */
export function parseSieAmount(text: string, field = "amount"): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw invalidInput(field, `not a SIE amount: ${JSON.stringify(text)}`);
  const minor = Number(m[2]) * 100 + Number((m[3] ?? "0").padEnd(2, "0"));
  return m[1] && minor !== 0 ? -minor : minor;
}

export function parseSieDate(text: string, field = "date"): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const day = m ? `${m[1]}-${m[2]}-${m[3]}` : text;
  assertDay(day, field);
  return day;
}
