// Message catalogues: every word on screen comes from here, so the dashboard can speak other languages.
import en from "./i18n/en.json";

export type MessageKey = keyof typeof en;
const catalogues: Record<string, Record<string, string>> = { en };

let language = "en";

export function setLanguage(code: string): void {
  if (catalogues[code]) language = code;
}

/** The message for a key in the current language, with {name} placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[language]?.[key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString(language === "en" ? "en-US" : language, {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
}
