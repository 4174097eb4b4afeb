// Message catalogues (en, vi, ko): every word on screen comes from here. The language is remembered, and at the
// first visit chosen from the browser's. A key missing from a catalogue shows as [[key]], so it cannot hide.
import en from "./i18n/en.json";
import ko from "./i18n/ko.json";
import vi from "./i18n/vi.json";

export type MessageKey = keyof typeof en;
export const LANGUAGES = { en: "English", vi: "Tiếng Việt", ko: "한국어" } as const;
export type Language = keyof typeof LANGUAGES;
const catalogues: Record<Language, Record<string, string>> = { en, vi, ko };
const LOCALES: Record<Language, string> = { en: "en-GB", vi: "vi-VN", ko: "ko-KR" };
const STORAGE_KEY = "lodestone.language";

function initialLanguage(): Language {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  if (stored && stored in LANGUAGES) return stored as Language;
  const browser = typeof navigator === "undefined" ? "en" : navigator.language.slice(0, 2);
  return browser in LANGUAGES ? (browser as Language) : "en";
}

let language: Language = initialLanguage();

export function currentLanguage(): Language {
  return language;
}

export function setLanguage(code: Language): void {
  language = code;
  localStorage.setItem(STORAGE_KEY, code);
  document.documentElement.lang = code;
}

/** The message for a key in the current language, with {name} placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[language][key];
  if (template === undefined) return `[[${key}]]`;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Rule names, statuses and severities by code, translated; unknown codes are shown as they are. */
export function label(
  prefix: "rule" | "status" | "severity" | "role" | "legalKind" | "pressRole",
  code: string,
): string {
  const key = `${prefix}.${code}`;
  return key in en ? t(key as MessageKey) : code;
}

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString(LOCALES[language], { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(LOCALES[language], { year: "numeric", month: "short", day: "numeric" });
}
