/**
 * The active language, kept apart from i18next so pure helpers (money, dates) can format by
 * locale without importing the i18n runtime. Swedish first: the marketplace is Swedish.
 */
export const LANGUAGES = ["sv", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "sv";
export const STORAGE_KEY = "kassa.lang";

/** The Intl locale for each language: English uses British conventions (day before month). */
const INTL_LOCALE: Record<Language, string> = { sv: "sv-SE", en: "en-GB" };

let active: Language = DEFAULT_LANGUAGE;

export const isLanguage = (v: unknown): v is Language => typeof v === "string" && (LANGUAGES as readonly string[]).includes(v);
export const activeLanguage = (): Language => active;
export const intlLocale = (lang: Language = active): string => INTL_LOCALE[lang];
export function setActiveLanguage(lang: Language): void {
  active = lang;
}

/** The remembered choice, or Swedish. localStorage may be unavailable (private mode): then Swedish. */
export function storedLanguage(): Language {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function rememberLanguage(lang: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; the choice still holds for this page.
  }
}
