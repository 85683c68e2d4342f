import { isoFromDay } from "../parse/dates";
import { minorDigits, unitsFromMinor } from "../parse/money";
import type { DayNumber } from "../types";

/** The locale used for a template language when none is given: "en" → en-GB, "fr" → fr-FR. */
export const DEFAULT_LOCALES: Readonly<Record<string, string>> = { en: "en-GB", fr: "fr-FR" };

/** The Intl locale for a language code, falling back to the language itself, then en-GB. */
export function localeFor(language: string, locales: Readonly<Record<string, string>> = DEFAULT_LOCALES): string {
  const wanted = locales[language] ?? DEFAULT_LOCALES[language] ?? language;
  try {
    return Intl.NumberFormat.supportedLocalesOf([wanted]).length ? wanted : "en-GB";
  } catch {
    return "en-GB";
  }
}

/**
 * An amount in minor units as the locale writes money; without a currency, as a plain number
 * with two decimals.
 * @example formatMoney(123456, "EUR", "fr-FR") // "1 234,56 €" (narrow no-break space, no-break space)
 */
export function formatMoney(minor: number, currency: string | undefined, locale: string): string {
  const digits = minorDigits(currency);
  const units = unitsFromMinor(minor, digits);
  const plain = () => numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (!currency) return plain().format(units);
  try {
    return numberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(units);
  } catch {
    return `${plain().format(units)} ${currency}`;
  }
}

/**
 * Intl formatters by locale and options, made once: building one costs far more than using it,
 * and a ledger's reminders format thousands of amounts and dates in a handful of locales.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cachedFormatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, locale: string, options: object, make: () => T): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cachedFormatter("number", locale, options, () => new Intl.NumberFormat(locale, options));
}

/**
 * A calendar day as the locale writes it in a letter, in UTC so no time zone moves it.
 * @example formatDay(dayFromIso("2026-03-31")!, "fr-FR") // "31 mars 2026"
 */
export function formatDay(day: DayNumber, locale: string): string {
  const options: Intl.DateTimeFormatOptions = { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" };
  return cachedFormatter("date", locale, options, () => new Intl.DateTimeFormat(locale, options)).format(new Date(`${isoFromDay(day)}T00:00:00Z`));
}

/**
 * A percentage rate as the locale writes it.
 * @example formatRate(0.1225, "en-GB") // "12.25%"
 */
export function formatRate(rate: number, locale: string): string {
  return numberFormat(locale, { style: "percent", minimumFractionDigits: 0, maximumFractionDigits: 3 }).format(rate);
}

/** Text made safe to place in HTML. */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
