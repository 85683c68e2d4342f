import type { DayNumber } from "../types";
import { dayFromParts } from "./dates";

/** Order of day and month in numeric text dates: 31/03/2026 (dmy) or 03/31/2026 (mdy). */
export type DateOrder = "dmy" | "mdy";

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  // English, French, German, Spanish; accents are stripped before lookup.
  ["january", "jan", "janvier", "janv", "januar", "janner", "enero", "ene"],
  ["february", "feb", "fevrier", "fevr", "fev", "februar", "febrero"],
  ["march", "mar", "mars", "marz", "mrz", "maerz", "marzo"],
  ["april", "apr", "avril", "avr", "abril", "abr"],
  ["may", "mai", "mayo"],
  ["june", "jun", "juin", "juni", "junio"],
  ["july", "jul", "juillet", "juil", "juli", "julio"],
  ["august", "aug", "aout", "agosto", "ago"],
  ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "set"],
  ["october", "oct", "octobre", "oktober", "okt", "octubre"],
  ["november", "nov", "novembre", "noviembre"],
  ["december", "dec", "decembre", "dezember", "dez", "diciembre", "dic"],
];
MONTH_NAMES.forEach((names, i) => names.forEach((name) => (MONTHS[name] = i + 1)));

/** Two-digit years the way Excel reads them: 00–29 → 2000s, 30–99 → 1900s. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length > 2) return year;
  return year < 30 ? 2000 + year : 1900 + year;
}

function validDay(year: number, month: number, day: number): DayNumber | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 9999) return null;
  const result = dayFromParts(year, month, day);
  const check = new Date(result * 86_400_000);
  return check.getUTCDate() === day && check.getUTCMonth() + 1 === month ? result : null;
}

const NUMERIC = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$/;
const ISO_LIKE = /^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$/;
const TIME_SUFFIX = /(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[ap]\.?m\.?|[+-]\d{2}:?\d{2})?)$/i;

/**
 * What a numeric text date says about day/month order: "dmy" when the first number can only be
 * a day (over 12), "mdy" when the second can only be a day, null when either reading works or
 * the text is not a numeric d/m/y date.
 * @example dateOrderHint("31/03/2026") // "dmy"
 * @example dateOrderHint("03/04/2026") // null
 */
export function dateOrderHint(text: string): DateOrder | null {
  const match = NUMERIC.exec(text.trim().replace(TIME_SUFFIX, ""));
  if (!match) return null;
  const [a, b] = [Number(match[1]), Number(match[2])];
  if (a > 12 && b <= 12) return "dmy";
  if (b > 12 && a <= 12) return "mdy";
  return null;
}

/** True when the text is a numeric date that reads differently as d/m/y and m/d/y. */
export function isAmbiguousDateText(text: string): boolean {
  const match = NUMERIC.exec(text.trim().replace(TIME_SUFFIX, ""));
  return Boolean(match) && Number(match![1]) <= 12 && Number(match![2]) <= 12 && Number(match![1]) !== Number(match![2]);
}

/**
 * The day a text date names: ISO (2026-03-31, 2026/03/31), numeric d/m/y or m/d/y in the given
 * order (two-digit years as Excel reads them), or with a month name in English, French, German or
 * Spanish ("31 Mar 2026", "March 31, 2026", "31. März 2026", "31 de marzo de 2026", "31-mars-26").
 * A time of day after the date is ignored. Null when the text is no date.
 * @example parseTextDate("31/03/2026", "dmy") // day of 2026-03-31
 */
export function parseTextDate(text: string, order: DateOrder = "dmy"): DayNumber | null {
  const trimmed = text.trim().replace(TIME_SUFFIX, "").trim();
  let match = ISO_LIKE.exec(trimmed);
  if (match) return validDay(Number(match[1]), Number(match[2]), Number(match[3]));
  match = NUMERIC.exec(trimmed);
  if (match) {
    const [first, second, year] = [Number(match[1]), Number(match[2]), fullYear(match[3])];
    return order === "dmy" ? validDay(year, second, first) : validDay(year, first, second);
  }
  return parseNamedMonthDate(trimmed);
}

function parseNamedMonthDate(text: string): DayNumber | null {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/(\d)(st|nd|rd|th|er|eme|o|a)\b/g, "$1")
    .split(/[\s,./\-]+/)
    .filter((w) => w && w !== "de" && w !== "del" && w !== "le" && w !== "the" && w !== "of");
  // Weekday names before the date ("Tuesday 31 March 2026") are dropped.
  const parts = words.filter((w) => /^\d+$/.test(w) || MONTHS[w] !== undefined);
  if (parts.length !== 3 || words.length - parts.length > 1) return null;
  const monthIndex = parts.findIndex((w) => MONTHS[w] !== undefined);
  if (monthIndex < 0) return null;
  const month = MONTHS[parts[monthIndex]];
  const numbers = parts.filter((_, i) => i !== monthIndex);
  if (numbers.some((n) => MONTHS[n] !== undefined)) return null;
  // "2026 March 31" puts the year first; otherwise the year is last and the day is the other number.
  if (numbers[0].length === 4) return validDay(Number(numbers[0]), month, Number(numbers[1]));
  if (numbers[1].length === 4 || numbers[1].length === 2) return validDay(fullYear(numbers[1]), month, Number(numbers[0]));
  return null;
}

/**
 * The day/month order of a column of text dates, from the values that can only be read one way.
 * "ambiguous" when no value decides; "conflict" when some values say d/m/y and others m/d/y.
 * @example inferDateOrder(["03/04/2026", "13/04/2026"]) // "dmy"
 */
export function inferDateOrder(texts: Iterable<string>): DateOrder | "ambiguous" | "conflict" {
  let dmy = 0;
  let mdy = 0;
  for (const text of texts) {
    const hint = dateOrderHint(text);
    if (hint === "dmy") dmy++;
    else if (hint === "mdy") mdy++;
  }
  if (dmy && mdy) return "conflict";
  if (dmy) return "dmy";
  if (mdy) return "mdy";
  return "ambiguous";
}
