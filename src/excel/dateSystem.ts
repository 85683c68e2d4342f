import { dayFromExcelSerial, isoFromDay } from "../core/parse/dates";

/** A cell as Excel hands it over and as it shows it. */
export interface ShownCell {
  value: unknown;
  /** The text Excel displays (Range.text). */
  text: string;
  /** The cell's number format (Range.numberFormat). */
  format: string;
}

/** A number format that shows a year (y outside quotes, brackets and escapes). */
function showsYear(format: string): boolean {
  const code = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /y/i.test(code);
}

const yearOf = (serial: number, date1904: boolean): string | undefined => {
  const day = dayFromExcelSerial(serial, date1904);
  return day === null ? undefined : isoFromDay(day).slice(0, 4);
};

/**
 * Whether the workbook counts dates from 1904, told by date cells as Excel shows them; undefined
 * when the cells cannot tell. Office.js hands serials over in the workbook's own system but says
 * which only in a preview API (Workbook.use1904DateSystem). The text Excel displays for a date
 * cell carries the year, and the two systems put the same serial four years (and a day) apart,
 * so a year shown in full settles it whatever the locale's order of day, month and year.
 * @example workbookUses1904([{ value: 45292, text: "02/01/2028", format: "dd/mm/yyyy" }]) // true
 */
export function workbookUses1904(cells: readonly ShownCell[]): boolean | undefined {
  let votes1900 = 0;
  let votes1904 = 0;
  for (const { value, text, format } of cells) {
    if (typeof value !== "number" || typeof text !== "string" || typeof format !== "string" || !showsYear(format)) continue;
    const year1900 = yearOf(value, false);
    const year1904 = yearOf(value, true);
    if (year1900 === undefined || year1904 === undefined || year1900 === year1904) continue;
    const years = new Set(text.match(/(?<!\d)\d{4}(?!\d)/g) ?? []);
    const shows1900 = years.has(year1900);
    const shows1904 = years.has(year1904);
    if (shows1900 && !shows1904) votes1900++;
    else if (shows1904 && !shows1900) votes1904++;
  }
  if (votes1900 === votes1904) return undefined;
  return votes1904 > votes1900;
}
