import type { Field, FieldMapping } from "../columns/mapColumns";
import type { DayNumber } from "../types";
import { decimalStyleHint, inferDecimalStyle, isExcelError, parseAmountText, type DecimalStyle } from "./amounts";
/** A raw cell as the adapters hand it over. */
export type RawCell = string | number | boolean | Date | null | undefined;
import { dayFromDate, dayFromExcelSerial } from "./dates";
import { minorDigits, minorFromNumber } from "./money";
import { inferDateOrder, isAmbiguousDateText, parseTextDate, type DateOrder } from "./textDates";

export const DATE_FIELDS = ["invoiceDate", "dueDate", "paidDate", "promiseDate"] as const;
export const MONEY_FIELDS = ["amount", "openBalance", "paidAmount", "creditLimit"] as const;
export const TEXT_FIELDS = ["invoice", "customer", "customerId", "currency", "email", "contact", "terms", "status", "notes", "type", "language"] as const;
export type DateField = (typeof DATE_FIELDS)[number];
export type MoneyField = (typeof MONEY_FIELDS)[number];
export type TextField = (typeof TEXT_FIELDS)[number];

/** Why a cell that has something in it gave no value. */
export type CellProblem = "unreadable" | "excel-error";

/** A cell read as its field's type. `value` is null when empty or unreadable (then `problem` says why). */
export interface ParsedCell<T> {
  raw: RawCell;
  value: T | null;
  problem?: CellProblem;
  /** The number or date was typed as text (it still reads). */
  fromText?: boolean;
  /** A numeric text date that reads differently as d/m/y and m/d/y. */
  ambiguous?: boolean;
}

/** One data row of the invoice table, every mapped field read as its type. */
export interface ParsedRow {
  /** 0-based index into the table's rows. */
  index: number;
  /** 1-based worksheet row. */
  row: number;
  dates: Record<DateField, ParsedCell<DayNumber>>;
  money: Record<MoneyField, ParsedCell<number>>;
  text: Record<TextField, string>;
  disputed: ParsedCell<boolean>;
  raw: readonly RawCell[];
}

/** How the table's text columns were read, decided once per column. */
export interface ColumnReading {
  dateOrder: Partial<Record<DateField, DateOrder | "ambiguous" | "conflict">>;
  decimalStyle: Partial<Record<MoneyField, DecimalStyle>>;
}

export interface ParsedTable {
  rows: ParsedRow[];
  reading: ColumnReading;
}

export interface ParseOptions {
  mapping: FieldMapping;
  /** 1-based worksheet row of rows[0]. */
  firstDataRow: number;
  date1904?: boolean;
  /** Day/month order to use when a column cannot decide (from the user's settings). */
  defaultDateOrder?: DateOrder;
}

const EMPTY: ParsedCell<never> = { raw: null, value: null };
const NOT_DISPUTED: ParsedCell<boolean> = { raw: null, value: false };
const TRUE_WORDS = new Set(["yes", "y", "true", "x", "1", "oui", "o", "vrai", "ja", "j", "wahr", "si", "s", "verdadero", "disputed", "dispute", "litige", "strittig", "disputa"]);
const FALSE_WORDS = new Set(["no", "n", "false", "0", "non", "faux", "nein", "falsch", "f", "", "-"]);

function isBlank(cell: RawCell): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** True when the row has nothing in it at all. */
export function isBlankRow(row: readonly RawCell[]): boolean {
  return row.every(isBlank);
}

function readDate(cell: RawCell, order: DateOrder, date1904: boolean): ParsedCell<DayNumber> {
  if (isBlank(cell)) return EMPTY;
  if (isExcelError(cell)) return { raw: cell, value: null, problem: "excel-error" };
  if (typeof cell === "number") {
    const value = dayFromExcelSerial(cell, date1904);
    return value === null ? { raw: cell, value: null, problem: "unreadable" } : { raw: cell, value };
  }
  if (cell instanceof Date) {
    const value = dayFromDate(cell);
    return value === null ? { raw: cell, value: null, problem: "unreadable" } : { raw: cell, value };
  }
  const text = String(cell);
  // A serial number stored as text ("46022") still reads as a date, flagged as text.
  if (/^\s*\d{5}(\.\d+)?\s*$/.test(text)) {
    const value = dayFromExcelSerial(Number(text), date1904);
    if (value !== null) return { raw: cell, value, fromText: true };
  }
  const value = parseTextDate(text, order);
  if (value === null) return { raw: cell, value: null, problem: "unreadable" };
  return { raw: cell, value, fromText: true, ...(isAmbiguousDateText(text) ? { ambiguous: true } : {}) };
}

function readMoney(cell: RawCell, style: DecimalStyle, digits: number): ParsedCell<number> {
  if (isBlank(cell)) return EMPTY;
  if (isExcelError(cell)) return { raw: cell, value: null, problem: "excel-error" };
  if (typeof cell === "number") {
    const value = minorFromNumber(cell, digits);
    return value === null ? { raw: cell, value: null, problem: "unreadable" } : { raw: cell, value };
  }
  if (typeof cell !== "string") return { raw: cell, value: null, problem: "unreadable" };
  const parsed = parseAmountText(cell, { style, digits });
  return parsed === null ? { raw: cell, value: null, problem: "unreadable" } : { raw: cell, value: parsed.minor, fromText: true };
}

function readFlag(cell: RawCell): ParsedCell<boolean> {
  if (isBlank(cell)) return { raw: cell, value: false };
  if (typeof cell === "boolean") return { raw: cell, value: cell };
  if (isExcelError(cell)) return { raw: cell, value: null, problem: "excel-error" };
  const word = String(cell).trim().toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  if (TRUE_WORDS.has(word)) return { raw: cell, value: true };
  if (FALSE_WORDS.has(word)) return { raw: cell, value: false };
  return { raw: cell, value: null, problem: "unreadable" };
}

function textOf(cell: RawCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell.trim();
  if (cell instanceof Date) return Number.isFinite(cell.getTime()) ? cell.toISOString().slice(0, 10) : String(cell);
  return String(cell).trim();
}

/**
 * Reads every mapped cell of a table as its type. Text dates take their day/month order from the
 * column (decided by the values that can only be read one way); text amounts their decimal mark
 * likewise. Money uses the minor unit of the row's currency. Nothing here throws on bad cells:
 * each cell says what it is, and validation turns that into findings.
 */
export function parseRows(rows: readonly (readonly RawCell[])[], options: ParseOptions): ParsedTable {
  const { mapping, firstDataRow, date1904 = false } = options;
  const column = (field: Field) => mapping[field];
  const cellOf = (row: readonly RawCell[], field: Field): RawCell => {
    const index = column(field);
    return index === undefined ? null : row[index];
  };
  const textsOf = (field: Field) => {
    const texts: string[] = [];
    if (column(field) === undefined) return texts;
    for (const row of rows) {
      const cell = cellOf(row, field);
      if (typeof cell === "string") texts.push(cell);
    }
    return texts;
  };

  const reading: ColumnReading = { dateOrder: {}, decimalStyle: {} };
  for (const field of DATE_FIELDS) if (column(field) !== undefined) reading.dateOrder[field] = inferDateOrder(textsOf(field));
  for (const field of MONEY_FIELDS) {
    if (column(field) === undefined) continue;
    const texts = textsOf(field);
    reading.decimalStyle[field] = texts.some((t) => decimalStyleHint(t)) ? inferDecimalStyle(texts) : "dot";
  }
  const orderFor = (field: DateField): DateOrder => {
    const order = reading.dateOrder[field];
    return order === "dmy" || order === "mdy" ? order : (options.defaultDateOrder ?? "dmy");
  };

  // Column indexes and per-column readings are looked up once, not once per row.
  const textColumns = TEXT_FIELDS.map((field) => [field, column(field)] as const);
  const dateColumns = DATE_FIELDS.map((field) => [field, column(field), orderFor(field)] as const);
  const moneyColumns = MONEY_FIELDS.map((field) => [field, column(field), reading.decimalStyle[field] ?? "dot"] as const);
  const currencyColumn = column("currency");
  const disputedColumn = column("disputed");
  const digitsByCode = new Map<string, number>();
  const parsed: ParsedRow[] = [];
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    if (isBlankRow(row)) continue;
    const text = {} as Record<TextField, string>;
    for (const [field, at] of textColumns) text[field] = at === undefined ? "" : textOf(row[at]);
    let digits = 2;
    if (currencyColumn !== undefined && text.currency) {
      digits = digitsByCode.get(text.currency) ?? minorDigits(/^[A-Za-z]{3}$/.test(text.currency) ? text.currency : undefined);
      digitsByCode.set(text.currency, digits);
    }
    const dates = {} as Record<DateField, ParsedCell<DayNumber>>;
    for (const [field, at, order] of dateColumns) dates[field] = at === undefined ? EMPTY : readDate(row[at], order, date1904);
    const money = {} as Record<MoneyField, ParsedCell<number>>;
    for (const [field, at, style] of moneyColumns) money[field] = at === undefined ? EMPTY : readMoney(row[at], style, digits);
    const disputed = disputedColumn === undefined ? NOT_DISPUTED : readFlag(row[disputedColumn]);
    parsed.push({ index, row: firstDataRow + index, dates, money, text, disputed, raw: row });
  }
  return { rows: parsed, reading };
}
