import { minorFromNumber } from "./money";

/** How a column writes decimals: "1,234.56" (dot) or "1.234,56" (comma). */
export type DecimalStyle = "dot" | "comma";

export interface ParsedAmount {
  /** Minor units; negative for credits. */
  minor: number;
  /** ISO code when the text named one by code or by an unambiguous symbol. */
  currency?: string;
}

const SYMBOLS: Record<string, string | undefined> = {
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "₹": "INR",
  "₩": "KRW",
  "₽": "RUB",
  "₺": "TRY",
  "₪": "ILS",
  "zł": "PLN",
  "kr": undefined, // Swedish, Danish and Norwegian crowns share it
  $: undefined, // dollars of many countries
  "us$": "USD",
  "ca$": "CAD",
  "a$": "AUD",
  "r$": "BRL",
  chf: "CHF",
  fr: "CHF",
};

/** Text around a number that names a currency: a symbol or a three-letter code. */
const CURRENCY_PART = /^(?:[A-Za-z]{3}|US\$|CA\$|A\$|R\$|zł|kr|fr|€|£|¥|₹|₩|₽|₺|₪|\$)$/i;

/**
 * The decimal style a piece of amount text proves, or null when it could be either
 * ("1,234" is 1234 in the US and 1.234 in Germany).
 * @example decimalStyleHint("1.234,56") // "comma"
 */
export function decimalStyleHint(text: string): DecimalStyle | null {
  const digits = text.replace(/[^\d.,]/g, "");
  const lastDot = digits.lastIndexOf(".");
  const lastComma = digits.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) return lastComma > lastDot ? "comma" : "dot";
  const sep = lastDot >= 0 ? "." : lastComma >= 0 ? "," : null;
  if (!sep) return null;
  const groups = digits.split(sep);
  // Several of the same separator: they group thousands, so the other one is the decimal mark.
  if (groups.length > 2) return sep === "." ? "comma" : "dot";
  // One separator followed by other than three digits can only be a decimal mark.
  if (groups[1].length !== 3) return sep === "." ? "dot" : "comma";
  return null;
}

/**
 * The decimal style of a column of amount texts; "dot" when nothing decides, as in most exports.
 */
export function inferDecimalStyle(texts: Iterable<string>): DecimalStyle {
  let comma = 0;
  let dot = 0;
  for (const text of texts) {
    const hint = decimalStyleHint(text);
    if (hint === "comma") comma++;
    else if (hint === "dot") dot++;
  }
  return comma > dot ? "comma" : "dot";
}

/**
 * An amount written as text, in minor units: currency symbols or codes before or after,
 * thousands separators (comma, dot, space, apostrophe), a decimal dot or comma, and negatives as
 * "-12", "12-", "(12)" or "12 CR". Null when the text is not an amount.
 * @example parseAmountText("(1.234,50 €)", { style: "comma" }) // { minor: -123450, currency: "EUR" }
 */
export function parseAmountText(text: string, options: { style?: DecimalStyle; digits?: number } = {}): ParsedAmount | null {
  let rest = text.replace(/[\u00a0\u202f\u2009]/g, " ").trim();
  if (!rest) return null;
  let negative = false;
  let currency: string | undefined;
  if (/^\(.*\)$/.test(rest)) {
    negative = true;
    rest = rest.slice(1, -1).trim();
  }
  const credit = /^(.*?)\s*\b(CR|DR)\.?$/i.exec(rest);
  if (credit) {
    negative = credit[2].toUpperCase() === "CR";
    rest = credit[1].trim();
  }
  if (/-$/.test(rest) && !/^-/.test(rest)) {
    negative = true;
    rest = rest.slice(0, -1).trim();
  }
  if (/^[-−]/.test(rest)) {
    negative = true;
    rest = rest.slice(1).trim();
    // "--5" is a typo, not an amount.
    if (/^[-−]/.test(rest)) return null;
  }
  // Peel a currency off either end, then a sign that may sit after a symbol ("$-12").
  const match = /^([^\d\s.,\-−]*)\s*([-−]?)\s*([\d.,' ]*\d[\d.,' ]*?)\s*([^\d\s.,]*)$/.exec(rest);
  if (!match) return null;
  const [, before, sign, number, after] = match;
  for (const part of [before, after]) {
    if (!part) continue;
    if (!CURRENCY_PART.test(part)) return null;
    const code = part.length === 3 && /^[A-Za-z]{3}$/.test(part) && part.toLowerCase() !== "chf" ? part.toUpperCase() : SYMBOLS[part.toLowerCase()];
    if (code) currency = code;
  }
  if (before && after) return null;
  if (sign) negative = true;

  const style = options.style ?? decimalStyleHint(number) ?? "dot";
  const [group, decimal] = style === "dot" ? [",", "."] : [".", ","];
  let plain = number.replace(/[ ']/g, "");
  const parts = plain.split(decimal);
  if (parts.length > 2) return null;
  const [whole, fraction] = parts;
  // Thousands groups must be whole groups of three digits: "1,23,4" is a typo, not an amount.
  if (whole.includes(group) && !new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(whole)) return null;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return null;
  plain = whole.split(group).join("") + (fraction !== undefined ? `.${fraction}` : "");
  if (!/^\d+(\.\d+)?$/.test(plain)) return null;
  const minor = minorFromNumber(Number(plain), options.digits ?? 2);
  if (minor === null) return null;
  return { minor: negative && minor !== 0 ? -minor : minor, ...(currency ? { currency } : {}) };
}

/** Excel's error values as they appear in cells read through Office.js or ExcelJS. */
const EXCEL_ERRORS = new Set([
  "#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA",
  "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!",
]);

/**
 * True when a cell holds one of Excel's error values (#N/A, #REF!, …).
 * @example isExcelError("#N/A") // true
 */
export function isExcelError(value: unknown): boolean {
  if (typeof value !== "string" || value.length === 0) return false;
  // Almost every cell is no error: look at the first character before anything costlier.
  const first = value.charCodeAt(0);
  if (first !== 35 /* # */ && first !== 32 /* space */) return false;
  return EXCEL_ERRORS.has(value.trim().toUpperCase());
}
