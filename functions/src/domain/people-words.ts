/**
 * Words for texts the server writes for people (notifications, alerts, their mails): Swedish
 * first, because Kassa's coaches, admins and accountant are Swedish, and English beside it for
 * the web app's English mode. Amounts are written exactly from minor units (Intl formats the
 * decimal string, not a float): 135030 sek -> "1 350,30 kr" / "1350.30 SEK".
 */
import { minorToDecimalString, moneyText } from "./money";

export type Lang = "sv" | "en";
/** One text in both languages; `sv` is stored as the document's own fields. */
export interface Bilingual<T> {
  sv: T;
  en: T;
}

const svFormatters = new Map<string, Intl.NumberFormat>();

/** An amount as a Swedish reader writes it ("1 350,30 kr", "49,90 €"). */
export function svMoney(amount: number, currency: string): string {
  const code = currency.toUpperCase();
  let f = svFormatters.get(code);
  if (!f) {
    f = new Intl.NumberFormat("sv-SE", { style: "currency", currency: code, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    svFormatters.set(code, f);
  }
  // Intl takes exact decimal strings (ES2023); the type definitions still say number.
  return f.format(minorToDecimalString(amount) as unknown as number);
}

export const moneyIn = (lang: Lang, amount: number, currency: string): string =>
  lang === "sv" ? svMoney(amount, currency) : moneyText(amount, currency);

/** "1 verifikation" / "3 verifikationer": the count and the right form of the noun. */
export const counted = (n: number, one: string, other: string): string => `${n} ${n === 1 ? one : other}`;

/** A moment in Stockholm time: "3 dec. 2026 14:05" / "3 Dec 2026, 14:05". */
export function stockholmTime(lang: Lang, ms: number): string {
  return new Intl.DateTimeFormat(lang === "sv" ? "sv-SE" : "en-GB", { timeZone: "Europe/Stockholm", dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
}
