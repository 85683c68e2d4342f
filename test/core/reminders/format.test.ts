import { formatMoney } from "../../../src/core/reminders/format";
import { minorDigits, unitsFromMinor } from "../../../src/core/parse/money";

/**
 * What Intl itself writes for an amount: formatMoney writes most amounts by hand and must agree
 * (but for -0, which it writes as 0).
 */
function intlMoney(amount: number, currency: string | undefined, locale: string): string {
  const digits = minorDigits(currency);
  const units = unitsFromMinor(amount === 0 ? 0 : amount, digits);
  const plain = () => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(units);
  if (!currency) return plain();
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(units);
  } catch {
    return `${plain()} ${currency}`;
  }
}

// Locales that group differently (en-IN's lakhs, es-ES and pl-PL leaving four digits ungrouped,
// de-CH's apostrophe, fr-FR's narrow no-break space), write the sign or symbol elsewhere
// (nl-NL, he-IL with direction marks) or use other digits (ar-EG, fa-IR, which Intl must write).
const LOCALES = ["en-GB", "en-US", "fr-FR", "de-DE", "de-CH", "es-ES", "pl-PL", "en-IN", "hi-IN", "nl-NL", "sv-SE", "it-IT", "pt-BR", "ja-JP", "zh-CN", "he-IL", "ar-EG", "fa-IR"];
const CURRENCIES = [undefined, "GBP", "EUR", "USD", "JPY", "KWD", "CHF", "INR", "SEK", "US Dollars"];

/** Amounts of every length and both signs, from a fixed seed, with the edges a layout could get wrong. */
function amounts(): number[] {
  const list = [0, -0, 1, -1, 5, -5, 99, 100, 101, 1000, 9999, 10000, 123456, -123456, 100000000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0.5, -2.25, 1e20, NaN, Infinity];
  let seed = 12345;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < 6; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const magnitude = Math.floor((seed / 2147483648) * 9 * 10 ** (length - 1)) + 10 ** (length - 1);
      list.push(Math.min(magnitude, Number.MAX_SAFE_INTEGER) * (i % 2 ? -1 : 1));
    }
  }
  return list;
}

/**
 * Watches Intl's format, which V8 defines as a getter (it hands out a bound function): the
 * typings call it a method, hence the cast.
 */
const spyOnFormat = () => jest.spyOn(Intl.NumberFormat.prototype as unknown as { format: string }, "format", "get");

describe("formatMoney", () => {
  it.each(LOCALES)("writes every amount in %s exactly as Intl does, in every currency", (locale) => {
    const list = amounts();
    for (const currency of CURRENCIES) {
      const mismatches = list.filter((minor) => formatMoney(minor, currency, locale) !== intlMoney(minor, currency, locale));
      expect({ currency, mismatches }).toEqual({ currency, mismatches: [] });
    }
  });

  // Agreeing with Intl alone would hold as well if every amount were left to Intl: these check
  // that the common locales are written by hand once a length and sign have been seen.
  it.each(["en-GB", "en-US", "fr-FR", "de-DE", "de-CH", "es-ES", "en-IN", "ja-JP"])("writes amounts in %s without asking Intl again", (locale) => {
    const list = amounts().filter((minor) => Number.isInteger(minor) && Math.abs(minor) < 1e15 && !Object.is(minor, -0));
    const cases = ["EUR", "JPY", undefined].flatMap((currency) => list.map((minor) => ({ minor, currency, intl: intlMoney(minor, currency, locale) })));
    for (const c of cases) formatMoney(c.minor, c.currency, locale);
    const format = spyOnFormat();
    try {
      const written = cases.map((c) => formatMoney(c.minor, c.currency, locale));
      expect(format).not.toHaveBeenCalled();
      expect(written).toEqual(cases.map((c) => c.intl));
    } finally {
      format.mockRestore();
    }
  });

  it("leaves to Intl the locales whose digits are not 0 to 9, learning that once", () => {
    formatMoney(123456, "EUR", "ar-EG");
    const format = spyOnFormat();
    const parts = jest.spyOn(Intl.NumberFormat.prototype, "formatToParts");
    try {
      expect(formatMoney(654321, "EUR", "ar-EG")).toMatch(/[\u0660-\u0669]/);
      expect(format).toHaveBeenCalledTimes(1);
      expect(parts).not.toHaveBeenCalled();
    } finally {
      format.mockRestore();
      parts.mockRestore();
    }
  });

  it("writes minus nothing as nothing", () => {
    expect(formatMoney(-0, "EUR", "en-GB")).toBe("€0.00");
    expect(formatMoney(-0, undefined, "de-DE")).toBe("0,00");
  });

  it("writes the same amount the same way however often it is written", () => {
    const first = formatMoney(-123456789, "EUR", "de-DE");
    expect(first).toBe("-1.234.567,89\u00a0€");
    expect(formatMoney(-123456789, "EUR", "de-DE")).toBe(first);
    expect(formatMoney(123456789, "INR", "en-IN")).toBe("₹12,34,567.89");
    expect(formatMoney(123456, "EUR", "es-ES")).toBe("1234,56\u00a0€");
    expect(formatMoney(1234567, "EUR", "es-ES")).toBe("12.345,67\u00a0€");
  });
});
