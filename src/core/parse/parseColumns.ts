import type { Field, FieldMapping } from "../columns/mapColumns";
import { decimalStyleHint, inferDecimalStyle, isExcelError, parseAmountText, type DecimalStyle } from "./amounts";
import { dayFromDate, dayFromExcelSerial } from "./dates";
import { minorDigits, minorFromNumber } from "./money";
import { inferDateOrder, isAmbiguousDateText, parseTextDate, type DateOrder } from "./textDates";

/** A raw cell as the adapters hand it over. */
export type RawCell = string | number | boolean | Date | null | undefined;

export const DATE_FIELDS = ["invoiceDate", "dueDate", "paidDate", "promiseDate"] as const;
export const MONEY_FIELDS = ["amount", "openBalance", "paidAmount", "creditLimit"] as const;
export const TEXT_FIELDS = ["invoice", "customer", "customerId", "currency", "email", "contact", "terms", "status", "notes", "type", "language"] as const;
export type DateField = (typeof DATE_FIELDS)[number];
export type MoneyField = (typeof MONEY_FIELDS)[number];
export type TextField = (typeof TEXT_FIELDS)[number];

/** How the table's text columns were read, decided once per column. */
export interface ColumnReading {
  dateOrder: Partial<Record<DateField, DateOrder | "ambiguous" | "conflict">>;
  decimalStyle: Partial<Record<MoneyField, DecimalStyle>>;
}

export interface ParseOptions {
  mapping: FieldMapping;
  /** 1-based worksheet row of rows[0]. */
  firstDataRow: number;
  date1904?: boolean;
  /** Day/month order to use when a column cannot decide (from the user's settings). */
  defaultDateOrder?: DateOrder;
}

/** The number or date was typed as text (it still reads). */
export const FROM_TEXT = 1;
/** A numeric text date that reads differently as d/m/y and m/d/y. */
export const AMBIGUOUS = 2;
/** The cell has something in it that is no value of its field's type. */
export const UNREADABLE = 4;
/** The cell holds one of Excel's error values. */
export const EXCEL_ERROR = 8;

/** A text cell of the row starts with =, +, -, @, a tab or a carriage return (before trimming). */
export const TEXT_STARTS_LIKE_FORMULA = 1;
/** A text cell of the row starts with # once trimmed (as Excel's error values do). */
export const TEXT_STARTS_WITH_HASH = 2;

/** True for text that starts with a character a spreadsheet may run as a formula (a first look, by one character). */
export function startsWithFormulaCharacter(cell: RawCell): cell is string {
  if (typeof cell !== "string") return false;
  // =, +, -, @, tab and CR. Compared one by one: this runs on every text cell of the table.
  const first = cell.charCodeAt(0);
  return first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13;
}

/**
 * One field's cells read as numbers: days for dates, minor units for money, 1 or 0 for flags.
 * NaN where a cell gave no value; `flags` says why (0 with NaN: the cell is empty) and whether
 * the value came from text.
 */
export interface ValueColumn {
  values: Float64Array;
  flags: Uint8Array;
}

/**
 * A table's data rows read field by field into flat arrays: one pass over the cells, no object
 * per cell, so that validation and aging loop over numbers. Blank rows are left out. A field
 * without a column reads as empty on every row (text "", no value). Never changed once read:
 * rules keep what they derive from a column (its distinct values, its invoice-number groups)
 * for as long as the column lives.
 */
export interface ParsedColumns {
  /** Rows kept. */
  length: number;
  /** 0-based index into the table's rows of each row kept. */
  index: Int32Array;
  /** 1-based worksheet row of each row kept. */
  row: Int32Array;
  /** The cells of each row kept, as handed over (the rows themselves when none was left out). */
  raw: readonly (readonly RawCell[])[];
  /** Each text field trimmed (dates as ISO). */
  text: Record<TextField, readonly string[]>;
  dates: Record<DateField, ValueColumn>;
  money: Record<MoneyField, ValueColumn>;
  /** 1 disputed, 0 not (an empty cell is "not"), NaN when the cell says neither or there is no such column. */
  disputed: ValueColumn;
  /**
   * Per row kept, what its text cells start with (TEXT_STARTS_LIKE_FORMULA, TEXT_STARTS_WITH_HASH),
   * noted while each cell is read anyway: rules that look for such cells visit only these rows.
   */
  textStarts: Uint8Array;
  reading: ColumnReading;
}

const TRUE_WORDS = new Set(["yes", "y", "true", "x", "1", "oui", "o", "vrai", "ja", "j", "wahr", "si", "s", "verdadero", "disputed", "dispute", "litige", "strittig", "disputa"]);
const FALSE_WORDS = new Set(["no", "n", "false", "0", "non", "faux", "nein", "falsch", "f", "", "-"]);
/** Serial numbers typed as text ("46022"), which still read as dates. */
const SERIAL_TEXT = /^\s*\d{5}(\.\d+)?\s*$/;

/** A printable ASCII character other than space: never white space (NaN, past the end, is not one). */
export const isPrintableAscii = (code: number) => code > 32 && code < 127;

/**
 * True when trimming may change the text: an end is white space, or a character beyond ASCII
 * that trim() looks at itself. Nearly every cell starts and ends with a printable ASCII
 * character, and then trimming can be skipped.
 */
function mayNeedTrim(text: string): boolean {
  return !(isPrintableAscii(text.charCodeAt(0)) && isPrintableAscii(text.charCodeAt(text.length - 1)));
}

function isBlank(cell: RawCell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== "string") return false;
  return !isPrintableAscii(cell.charCodeAt(0)) && cell.trim() === "";
}

/** True when the row has nothing in it at all. */
export function isBlankRow(row: readonly RawCell[]): boolean {
  for (let i = 0; i < row.length; i++) if (!isBlank(row[i])) return false;
  return true;
}

/** A cell as text: trimmed, dates as ISO. */
export function textOf(cell: RawCell): string {
  if (typeof cell === "string") return mayNeedTrim(cell) ? cell.trim() : cell;
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return Number.isFinite(cell.getTime()) ? cell.toISOString().slice(0, 10) : String(cell);
  return String(cell).trim();
}

/** Writes a date cell's day (or why there is none) at position k. */
function readDate(cell: RawCell, order: DateOrder, date1904: boolean, column: ValueColumn, k: number): void {
  // Typed serial dates are nearly every cell of a workbook's date column: they go first.
  if (typeof cell === "number") {
    const value = dayFromExcelSerial(cell, date1904);
    if (value === null) setProblem(column, k, UNREADABLE);
    else column.values[k] = value;
    return;
  }
  if (isBlank(cell)) return setProblem(column, k, 0);
  if (isExcelError(cell)) return setProblem(column, k, EXCEL_ERROR);
  if (cell instanceof Date) {
    const value = dayFromDate(cell);
    if (value === null) setProblem(column, k, UNREADABLE);
    else column.values[k] = value;
    return;
  }
  const text = String(cell);
  if (SERIAL_TEXT.test(text)) {
    const value = dayFromExcelSerial(Number(text), date1904);
    if (value !== null) {
      column.values[k] = value;
      column.flags[k] = FROM_TEXT;
      return;
    }
  }
  const value = parseTextDate(text, order);
  if (value === null) return setProblem(column, k, UNREADABLE);
  column.values[k] = value;
  column.flags[k] = FROM_TEXT | (isAmbiguousDateText(text) ? AMBIGUOUS : 0);
}

/** Writes a money cell's minor units (or why there are none) at position k. */
function readMoney(cell: RawCell, style: DecimalStyle, digits: number, column: ValueColumn, k: number): void {
  if (typeof cell === "number") {
    const value = minorFromNumber(cell, digits);
    if (value === null) setProblem(column, k, UNREADABLE);
    else column.values[k] = value;
    return;
  }
  if (isBlank(cell)) return setProblem(column, k, 0);
  if (isExcelError(cell)) return setProblem(column, k, EXCEL_ERROR);
  if (typeof cell !== "string") return setProblem(column, k, UNREADABLE);
  const parsed = parseAmountText(cell, { style, digits });
  if (parsed === null) return setProblem(column, k, UNREADABLE);
  column.values[k] = parsed.minor;
  column.flags[k] = FROM_TEXT;
}

/** Writes a dispute flag at position k: an empty cell means not disputed. */
function readFlag(cell: RawCell, column: ValueColumn, k: number): void {
  if (isBlank(cell)) {
    column.values[k] = 0;
    return;
  }
  if (typeof cell === "boolean") {
    column.values[k] = cell ? 1 : 0;
    return;
  }
  if (isExcelError(cell)) return setProblem(column, k, EXCEL_ERROR);
  const word = String(cell).trim().toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  if (TRUE_WORDS.has(word)) column.values[k] = 1;
  else if (FALSE_WORDS.has(word)) column.values[k] = 0;
  else setProblem(column, k, UNREADABLE);
}

function setProblem(column: ValueColumn, k: number, flag: number): void {
  column.values[k] = NaN;
  column.flags[k] = flag;
}

function valueColumn(length: number, fill: number): ValueColumn {
  const values = new Float64Array(length);
  if (fill !== 0) values.fill(fill);
  return { values, flags: new Uint8Array(length) };
}

/** The digits of a currency cell's minor unit; text that is no code counts as 2. */
function digitsOf(currency: string): number {
  return minorDigits(currency.length === 3 && /^[A-Za-z]{3}$/.test(currency) ? currency : undefined);
}

/**
 * Reads every mapped cell of a table as its type, column by column. Text dates take their
 * day/month order from the column (decided by the values that can only be read one way); text
 * amounts their decimal mark likewise. Money uses the minor unit of the row's currency. Nothing
 * here throws on bad cells: each cell says what it is, and validation turns that into findings.
 */
export function parseColumns(rows: readonly (readonly RawCell[])[], options: ParseOptions): ParsedColumns {
  const { mapping, firstDataRow, date1904 = false } = options;
  const column = (field: Field) => mapping[field];

  // The only pass that looks at text in date and money columns: it decides how they read.
  const textsIn = new Map<number, string[]>();
  for (const field of [...DATE_FIELDS, ...MONEY_FIELDS]) {
    const at = column(field);
    if (at !== undefined) textsIn.set(at, []);
  }
  const scanAt = [...textsIn.keys()];
  const scanTexts = [...textsIn.values()];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let c = 0; c < scanAt.length; c++) {
      const cell = row[scanAt[c]];
      if (typeof cell === "string") scanTexts[c].push(cell);
    }
  }
  const reading: ColumnReading = { dateOrder: {}, decimalStyle: {} };
  for (const field of DATE_FIELDS) {
    const at = column(field);
    if (at !== undefined) reading.dateOrder[field] = inferDateOrder(textsIn.get(at)!);
  }
  for (const field of MONEY_FIELDS) {
    const at = column(field);
    if (at === undefined) continue;
    const texts = textsIn.get(at)!;
    reading.decimalStyle[field] = texts.some((t) => decimalStyleHint(t)) ? inferDecimalStyle(texts) : "dot";
  }
  const orderFor = (field: DateField): DateOrder => {
    const order = reading.dateOrder[field];
    return order === "dmy" || order === "mdy" ? order : (options.defaultDateOrder ?? "dmy");
  };

  const capacity = rows.length;
  const index = new Int32Array(capacity);
  const textStarts = new Uint8Array(capacity);
  const rowNumbers = new Int32Array(capacity);
  // Columns are made at full size and cut to the rows kept at the end: growing them a push at a
  // time copied them over and over, the largest cost of reading a big table. The rows kept are
  // the rows handed over until a blank one is left out: only then are they copied. (An array of
  // more than 16,384 items, 128 KB, is made in V8's large-object space, and measured here costs
  // ten times as much per item to make as a smaller one.)
  let raw: (readonly RawCell[])[] | undefined;
  // Fields without a column share one empty column: nothing to read, nothing to allocate per field.
  const noText: string[] = [];
  const noValue = valueColumn(capacity, NaN);
  const text = {} as Record<TextField, string[]>;
  const textColumns: [string[], number][] = [];
  for (const field of TEXT_FIELDS) {
    const at = column(field);
    text[field] = at === undefined ? noText : new Array<string>(capacity);
    if (at !== undefined) textColumns.push([text[field], at]);
  }
  const dates = {} as Record<DateField, ValueColumn>;
  const dateColumns: [ValueColumn, number, DateOrder][] = [];
  for (const field of DATE_FIELDS) {
    const at = column(field);
    dates[field] = at === undefined ? noValue : valueColumn(capacity, 0);
    if (at !== undefined) dateColumns.push([dates[field], at, orderFor(field)]);
  }
  const money = {} as Record<MoneyField, ValueColumn>;
  const moneyColumns: [ValueColumn, number, DecimalStyle][] = [];
  for (const field of MONEY_FIELDS) {
    const at = column(field);
    money[field] = at === undefined ? noValue : valueColumn(capacity, 0);
    if (at !== undefined) moneyColumns.push([money[field], at, reading.decimalStyle[field] ?? "dot"]);
  }
  const disputedAt = column("disputed");
  const disputed = disputedAt === undefined ? noValue : valueColumn(capacity, 0);
  const currencies = text.currency;
  const currencyMapped = column("currency") !== undefined;

  let length = 0;
  let lastCurrency = "";
  let lastDigits = 2;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (isBlankRow(row)) {
      if (!raw) {
        raw = new Array<readonly RawCell[]>(capacity);
        for (let j = 0; j < length; j++) raw[j] = rows[j];
      }
      continue;
    }
    const k = length++;
    index[k] = i;
    rowNumbers[k] = firstDataRow + i;
    if (raw) raw[k] = row;
    let starts = 0;
    for (let c = 0; c < textColumns.length; c++) {
      const cell = row[textColumns[c][1]];
      const text = textOf(cell);
      textColumns[c][0][k] = text;
      if (startsWithFormulaCharacter(cell)) starts |= TEXT_STARTS_LIKE_FORMULA;
      if (text.charCodeAt(0) === 35) starts |= TEXT_STARTS_WITH_HASH;
    }
    textStarts[k] = starts;
    let digits = 2;
    if (currencyMapped) {
      const currency = currencies[k];
      // A ledger is mostly in one currency: the previous row's answer nearly always holds.
      if (currency !== lastCurrency) {
        lastCurrency = currency;
        lastDigits = currency ? digitsOf(currency) : 2;
      }
      digits = lastDigits;
    }
    for (let c = 0; c < dateColumns.length; c++) readDate(row[dateColumns[c][1]], dateColumns[c][2], date1904, dateColumns[c][0], k);
    for (let c = 0; c < moneyColumns.length; c++) readMoney(row[moneyColumns[c][1]], moneyColumns[c][2], digits, moneyColumns[c][0], k);
    if (disputedAt !== undefined) readFlag(row[disputedAt], disputed, k);
  }
  if (raw) raw.length = length;
  for (const [column] of textColumns) column.length = length;
  noText.length = length;
  noText.fill("");
  const trim = (column: ValueColumn): ValueColumn => ({ values: column.values.subarray(0, length), flags: column.flags.subarray(0, length) });
  const trimmedNoValue = trim(noValue);
  const trimAll = <F extends string>(columns: Record<F, ValueColumn>) => {
    for (const field of Object.keys(columns) as F[]) columns[field] = columns[field] === noValue ? trimmedNoValue : trim(columns[field]);
    return columns;
  };
  return {
    length,
    index: index.subarray(0, length),
    row: rowNumbers.subarray(0, length),
    raw: raw ?? rows,
    text,
    dates: trimAll(dates),
    money: trimAll(money),
    disputed: disputed === noValue ? trimmedNoValue : trim(disputed),
    textStarts: textStarts.subarray(0, length),
    reading,
  };
}

/** The value at k, or null when the cell gave none. */
export function valueAt(column: ValueColumn, k: number): number | null {
  const value = column.values[k];
  return value === value ? value : null;
}
