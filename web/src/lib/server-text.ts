/**
 * Texts the server writes for people (notifications, alerts) are stored in Swedish, the
 * marketplace's language, with the English text beside them in `en`. This picks the one for the
 * active language; documents written before `en` existed show as they were stored.
 */
import { activeLanguage } from "../i18n/locale";

export function inActiveLanguage<T extends { en?: object | undefined }>(doc: T): T {
  if (activeLanguage() !== "en" || !doc.en) return doc;
  const english = Object.fromEntries(Object.entries(doc.en).filter(([, v]) => typeof v === "string" && v !== ""));
  return { ...doc, ...english };
}
