/**
 * i18next set up for Kassa: Swedish by default, English on request, the choice remembered.
 * Catalogues are loaded with dynamic import so only the active language's strings are fetched
 * (and neither is in the entry chunk).
 */
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { activeLanguage, DEFAULT_LANGUAGE, isLanguage, type Language, rememberLanguage, setActiveLanguage, storedLanguage } from "./locale";
import type { Catalogue } from "./catalogue";

const LOADERS: Record<Language, () => Promise<{ default: Catalogue }>> = {
  sv: () => import("./sv"),
  en: () => import("./en"),
};

async function load(lang: Language): Promise<void> {
  if (i18next.hasResourceBundle(lang, "translation")) return;
  const { default: catalogue } = await LOADERS[lang]();
  i18next.addResourceBundle(lang, "translation", catalogue, true, true);
}

function apply(lang: Language): void {
  setActiveLanguage(lang);
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}

// Whoever changes i18next's language, money and dates follow it.
i18next.on("languageChanged", (lng) => {
  if (isLanguage(lng)) apply(lng);
});

export async function initI18n(): Promise<void> {
  const lang = storedLanguage();
  await i18next.use(initReactI18next).init({
    lng: lang,
    fallbackLng: DEFAULT_LANGUAGE,
    resources: {},
    partialBundledLanguages: true,
    interpolation: { escapeValue: false }, // React escapes
    showSupportNotice: false,
  });
  await load(lang);
  if (lang !== DEFAULT_LANGUAGE) await load(DEFAULT_LANGUAGE).catch(() => undefined);
  apply(lang);
}

export async function changeLanguage(lang: Language): Promise<void> {
  if (lang === activeLanguage()) return;
  await load(lang);
  apply(lang);
  rememberLanguage(lang);
  await i18next.changeLanguage(lang);
}

export const i18n = i18next;
