import { utcDateOfDay } from "../../../../src/core/parse/dates";
import { minorDigits, unitsFromMinor } from "../../../../src/core/parse/money";
import type { DayNumber } from "../../../../src/core/types";

/** The locale used for a template language when none is given: "en" → en-GB, "fr" → fr-FR. */
export const DEFAULT_LOCALES: Readonly<Record<string, string>> = { en: "en-GB", fr: "fr-FR" };

/** The Intl locale for a language code, falling back to the language itself, then en-GB. */
export function localeFor(language: string, locales: Readonly<Record<string, string>> = DEFAULT_LOCALES): string {
  const wanted = locales[language] ?? DEFAULT_LOCALES[language] ?? language;
  let supported = supportedLocales.get(wanted);
  if (supported === undefined) {
    try {
      supported = Intl.NumberFormat.supportedLocalesOf([wanted]).length > 0;
    } catch {
      supported = false;
    }
    supportedLocales.set(wanted, supported);
  }
  return supported ? wanted : "en-GB";
}

/** Whether Intl knows a locale, asked once per locale (the answer does not change while running). */
const supportedLocales = new Map<string, boolean>();

/**
 * An amount in minor units as the locale writes money; without a currency, as a plain number
 * with two decimals.
 * @example formatMoney(123456, "EUR", "fr-FR") // "1 234,56 €" (narrow no-break space, no-break space)
 */
export function formatMoney(minor: number, currency: string | undefined, locale: string): string {
  const digits = minorDigits(currency);
  const units = unitsFromMinor(minor, digits);
  if (!currency) return plainFormatter(locale, digits).format(units);
  const formatter = currencyFormatter(locale, currency, digits);
  return formatter ? formatter.format(units) : `${plainFormatter(locale, digits).format(units)} ${currency}`;
}

/**
 * Money formatters by locale, then currency code (null where Intl refuses the code), and plain
 * number formatters by locale and digits, kept apart so that no currency text can stand for a
 * plain number. Looked up by strings already at hand: a ledger's reminders format tens of
 * thousands of amounts, and building a key string for each cost as much as formatting it.
 */
const moneyFormatters = new Map<string, { currencies: Map<string, Intl.NumberFormat | null>; plain: Intl.NumberFormat[] }>();

function formattersFor(locale: string): { currencies: Map<string, Intl.NumberFormat | null>; plain: Intl.NumberFormat[] } {
  let formatters = moneyFormatters.get(locale);
  if (!formatters) moneyFormatters.set(locale, (formatters = { currencies: new Map(), plain: [] }));
  return formatters;
}

function plainFormatter(locale: string, digits: number): Intl.NumberFormat {
  const { plain } = formattersFor(locale);
  return (plain[digits] ??= new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
}

function currencyFormatter(locale: string, currency: string, digits: number): Intl.NumberFormat | null {
  const { currencies } = formattersFor(locale);
  let formatter = currencies.get(currency);
  if (formatter === undefined) {
    try {
      formatter = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    } catch {
      formatter = null;
    }
    currencies.set(currency, formatter);
  }
  return formatter;
}

/**
 * Intl formatters by locale and options, made once: building one costs far more than using it,
 * and a ledger's reminders format thousands of amounts and dates in a handful of locales.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** `kind` names the options, so the key costs nothing to build. */
function cachedFormatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, locale: string, make: () => T): T {
  const key = `${kind}|${locale}`;
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

function numberFormat(kind: string, locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cachedFormatter(kind, locale, () => new Intl.NumberFormat(locale, options));
}

/**
 * A calendar day as the locale writes it in a letter, in UTC so no time zone moves it.
 * @example formatDay(dayFromIso("2026-03-31")!, "fr-FR") // "31 mars 2026"
 */
export function formatDay(day: DayNumber, locale: string): string {
  let days = formattedDays.get(locale);
  if (!days) formattedDays.set(locale, (days = new Map()));
  let text = days.get(day);
  if (text === undefined) {
    const letterDate = cachedFormatter("date|letter", locale, () => new Intl.DateTimeFormat(locale, { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }));
    text = letterDate.format(utcDateOfDay(day));
    // A ledger's dates fall on a few thousand days, each written in many letters.
    if (days.size >= MAX_FORMATTED_DAYS) days.clear();
    days.set(day, text);
  }
  return text;
}

/** Days already written, by locale; bounded so that a long session cannot grow it without end. */
const formattedDays = new Map<string, Map<DayNumber, string>>();
const MAX_FORMATTED_DAYS = 100_000;

/**
 * A percentage rate as the locale writes it.
 * @example formatRate(0.1225, "en-GB") // "12.25%"
 */
export function formatRate(rate: number, locale: string): string {
  return numberFormat("percent|0-3", locale, { style: "percent", minimumFractionDigits: 0, maximumFractionDigits: 3 }).format(rate);
}

/** Characters escapeHtml replaces. */
const HTML_SPECIAL = /[&<>"']/;

/** Text made safe to place in HTML. Most workbook text has nothing to escape: a test is cheaper than a replace. */
export function escapeHtml(value: unknown): string {
  const text = String(value ?? "");
  return HTML_SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!) : text;
}
