import type { DayNumber } from "../types";

const MS_PER_DAY = 86_400_000;
/** Serial of 1970-01-01 in Excel's 1900 date system (counting the fictitious 29 Feb 1900). */
const EPOCH_SERIAL_1900 = 25_569;
/** Days from 1904-01-01 (serial 0 in the 1904 system) to 1970-01-01. */
const EPOCH_SERIAL_1904 = 24_107;
/** Excel's 29 Feb 1900, a day that never was (kept for Lotus 1-2-3 compatibility). */
const FICTITIOUS_LEAP_DAY = 60;

/**
 * The calendar day of a UTC year, month (1-12) and day.
 * @example dayFromParts(2026, 1, 1) // 20454
 */
export function dayFromParts(year: number, month: number, day: number): DayNumber {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/**
 * The day of an ISO date (`YYYY-MM-DD`), or null when the text is not a real calendar date.
 * @example dayFromIso("2026-02-30") // null
 */
export function dayFromIso(text: string): DayNumber | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const result = dayFromParts(year, month, day);
  return isoFromDay(result) === `${match[1]}-${match[2]}-${match[3]}` ? result : null;
}

/**
 * The ISO text (`YYYY-MM-DD`) of a day.
 * @example isoFromDay(20454) // "2026-01-01"
 */
export function isoFromDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The UTC midnight that starts a calendar day, for formatting it with a UTC formatter. */
export function utcDateOfDay(day: DayNumber): Date {
  return new Date(day * MS_PER_DAY);
}

/**
 * The calendar day a Date stands for, read in UTC: spreadsheet libraries hand dates over as
 * UTC midnight, and reading them in the machine's zone would move them a day west of Greenwich.
 */
export function dayFromDate(date: Date): DayNumber | null {
  const time = date.getTime();
  return Number.isFinite(time) ? Math.floor(time / MS_PER_DAY) : null;
}

/**
 * The day of an Excel serial date; the fraction (time of day) is dropped. Returns null for
 * serials that are no date: negatives, Excel's fictitious 29 Feb 1900, or beyond year 9999.
 * @example dayFromExcelSerial(46023) // 20454, i.e. 2026-01-01
 */
export function dayFromExcelSerial(serial: number, date1904 = false): DayNumber | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return null;
  const whole = Math.floor(serial);
  if (date1904) return whole - EPOCH_SERIAL_1904;
  if (whole === 0 || whole === FICTITIOUS_LEAP_DAY) return null;
  // Serials before the fictitious leap day are one day "early" relative to later ones.
  return whole < FICTITIOUS_LEAP_DAY ? whole - EPOCH_SERIAL_1900 + 1 : whole - EPOCH_SERIAL_1900;
}

/**
 * The Excel serial (1900 system) of a day, for writing dates into cells.
 * @example excelSerialFromDay(20454) // 46023
 */
export function excelSerialFromDay(day: DayNumber, date1904 = false): number {
  if (date1904) return day + EPOCH_SERIAL_1904;
  const serial = day + EPOCH_SERIAL_1900;
  return serial <= FICTITIOUS_LEAP_DAY ? serial - 1 : serial;
}

/**
 * Today as a day number, from the local calendar of whoever is running AR Desk: the as-of date
 * an accountant means by "today" is the one on their wall calendar.
 */
export function today(now: Date = new Date()): DayNumber {
  return dayFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
