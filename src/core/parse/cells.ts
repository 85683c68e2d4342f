import type { DayNumber } from "../types";
import { dayFromDate, dayFromExcelSerial, dayFromIso } from "./dates";
import { minorFromNumber } from "./money";

/** A raw cell as the adapters hand it over. */
export type RawCell = string | number | boolean | Date | null | undefined;

/**
 * The calendar day in a cell: an Excel serial number, a Date, or ISO text (`2026-03-31`,
 * optionally followed by a time). Null when the cell holds no readable date.
 */
export function parseDateCell(cell: RawCell, date1904 = false): DayNumber | null {
  if (typeof cell === "number") return dayFromExcelSerial(cell, date1904);
  if (cell instanceof Date) return dayFromDate(cell);
  if (typeof cell === "string") {
    const iso = /^\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+Z?)?\s*$/.exec(cell);
    return iso ? dayFromIso(iso[1]) : null;
  }
  return null;
}

/**
 * Minor units of the amount in a cell: a number, or text such as "1,234.56", "$ 99", "(12.00)".
 * Null when the cell holds no readable amount.
 */
export function parseAmountCell(cell: RawCell, digits = 2): number | null {
  if (typeof cell === "number") return minorFromNumber(cell, digits);
  if (typeof cell !== "string") return null;
  let text = cell.trim();
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(/^[^\d\-.]*?(?=[-\d.])/, "").replace(/[^\d.\-]+$/, "");
  if (!/^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$|^-?\.\d+$/.test(text)) return null;
  const minor = minorFromNumber(Number(text.replace(/,/g, "")), digits);
  return minor === null ? null : negative ? -minor : minor;
}

/** The text of a cell, trimmed; numbers keep their plain digits (invoice numbers are often numbers). */
export function textOfCell(cell: RawCell): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}
