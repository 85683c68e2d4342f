import { utcDateOfDay } from "../parse/dates";
import { minorDigits, unitsFromMinor } from "../parse/money";
import type { DayNumber } from "../types";

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
  if (!currency) return plainFormatter(locale, digits).write(minor);
  const formatter = currencyFormatter(locale, currency, digits);
  return formatter ? formatter.write(minor) : `${plainFormatter(locale, digits).write(minor)} ${currency}`;
}

/** How the formatter writes every amount with a given number of whole digits and sign. */
interface Layout {
  /** What comes before the digits (currency symbol, minus sign, marks), and after. */
  prefix: string;
  suffix: string;
  /** Sizes of the groups of whole digits, most significant first. */
  groups: number[];
  group: string;
  decimal: string;
}

/**
 * Below 10^15 minor units an amount has at most 15 significant digits, so the units Intl is
 * given (minor units over a power of ten) read back as the exact amount; at and above it Intl
 * may write the digits of the nearest binary value instead, which only Intl knows.
 */
const EXACT_DIGITS_LIMIT = 1e15;

/**
 * An Intl number formatter for a fixed number of decimals that writes whole minor units much
 * faster than Intl does, in exactly Intl's words: a ledger's reminders write tens of thousands
 * of amounts, and Intl's format was a tenth of the drafting. How the locale writes a number
 * depends only on its sign and how many whole digits it has (where the groups fall, which
 * symbols and marks surround it), so for each sign and length the formatter is asked once, for
 * a probe amount, and its answer taken apart. The layout is kept only if writing the probe by
 * hand gives back Intl's own text; otherwise (digits other than 0-9, say) that length and sign
 * are left to Intl, as is anything that is not a whole number of minor units under 10^15.
 * An amount of -0 is written as 0.
 */
class MoneyWriter {
  private readonly scale: number;
  /** By sign (0 for positive) and number of whole digits; null where Intl must write. */
  private readonly layouts: (Layout | null | undefined)[][] = [[], []];

  constructor(
    private readonly formatter: Intl.NumberFormat,
    private readonly digits: number,
  ) {
    this.scale = 10 ** digits;
  }

  write(amount: number): string {
    // Nobody owes minus nothing: -0 (from negating a zero balance) is written as 0, not "-€0.00".
    const minor = amount === 0 ? 0 : amount;
    if (!Number.isInteger(minor) || minor >= EXACT_DIGITS_LIMIT || minor <= -EXACT_DIGITS_LIMIT) return this.formatter.format(unitsFromMinor(minor, this.digits));
    const negative = minor < 0 ? 1 : 0;
    const magnitude = negative ? -minor : minor;
    const fraction = magnitude % this.scale;
    const whole = String((magnitude - fraction) / this.scale);
    // null is a layout learned to be Intl's to write, kept like any other.
    const known = this.layouts[negative][whole.length];
    const layout = known !== undefined ? known : this.learn(negative, whole.length);
    if (!layout) return this.formatter.format(unitsFromMinor(minor, this.digits));
    return this.build(layout, whole, fraction);
  }

  private build(layout: Layout, whole: string, fraction: number): string {
    let text = layout.prefix;
    const { groups } = layout;
    if (groups.length === 1) text += whole;
    else {
      let at = 0;
      for (let i = 0; i < groups.length; i++) {
        if (i > 0) text += layout.group;
        text += whole.slice(at, at + groups[i]);
        at += groups[i];
      }
    }
    if (this.digits > 0) text += layout.decimal + String(fraction).padStart(this.digits, "0");
    return text + layout.suffix;
  }

  /** The layout for a sign and length, from Intl's parts for a probe amount, checked against Intl's text. */
  private learn(negative: number, length: number): Layout | null {
    let layout: Layout | null = null;
    // Digits that differ from place to place, so no grouping can pass for another.
    const whole = "123456789012345".slice(0, length);
    if (whole.length === length) {
      const fraction = this.digits > 0 ? Number("7654321".slice(0, this.digits)) : 0;
      const minor = (Number(whole) * this.scale + fraction) * (negative ? -1 : 1);
      if (minor < EXACT_DIGITS_LIMIT && minor > -EXACT_DIGITS_LIMIT) {
        const units = unitsFromMinor(minor, this.digits);
        const parts = this.formatter.formatToParts(units);
        const first = parts.findIndex((p) => p.type === "integer");
        let last = -1;
        for (let i = 0; i < parts.length; i++) if (parts[i].type === "integer" || parts[i].type === "group" || parts[i].type === "decimal" || parts[i].type === "fraction") last = i;
        const number = first < 0 ? [] : parts.slice(first, last + 1);
        const candidate: Layout = {
          prefix: parts.slice(0, Math.max(first, 0)).map((p) => p.value).join(""),
          suffix: parts.slice(last + 1).map((p) => p.value).join(""),
          groups: number.filter((p) => p.type === "integer").map((p) => p.value.length),
          group: number.find((p) => p.type === "group")?.value ?? "",
          decimal: number.find((p) => p.type === "decimal")?.value ?? "",
        };
        if (first >= 0 && this.build(candidate, whole, fraction) === this.formatter.format(units)) layout = candidate;
      }
    }
    this.layouts[negative][length] = layout;
    return layout;
  }
}

/**
 * Money writers by locale, then currency code (null where Intl refuses the code), and plain
 * number writers by locale and digits, kept apart so that no currency text can stand for a
 * plain number. Looked up by strings already at hand: a ledger's reminders format tens of
 * thousands of amounts, and building a key string for each cost as much as formatting it.
 */
const moneyFormatters = new Map<string, { currencies: Map<string, MoneyWriter | null>; plain: MoneyWriter[] }>();

function formattersFor(locale: string): { currencies: Map<string, MoneyWriter | null>; plain: MoneyWriter[] } {
  let formatters = moneyFormatters.get(locale);
  if (!formatters) moneyFormatters.set(locale, (formatters = { currencies: new Map(), plain: [] }));
  return formatters;
}

function plainFormatter(locale: string, digits: number): MoneyWriter {
  const { plain } = formattersFor(locale);
  return (plain[digits] ??= new MoneyWriter(new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }), digits));
}

function currencyFormatter(locale: string, currency: string, digits: number): MoneyWriter | null {
  const { currencies } = formattersFor(locale);
  let formatter = currencies.get(currency);
  if (formatter === undefined) {
    try {
      formatter = new MoneyWriter(new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }), digits);
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
