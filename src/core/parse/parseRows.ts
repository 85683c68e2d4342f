import type { DayNumber } from "../types";
import {
  AMBIGUOUS,
  DATE_FIELDS,
  EXCEL_ERROR,
  FROM_TEXT,
  MONEY_FIELDS,
  parseColumns,
  TEXT_FIELDS,
  TEXT_STARTS_LIKE_FORMULA,
  TEXT_STARTS_WITH_HASH,
  UNREADABLE,
  type ColumnReading,
  type DateField,
  type MoneyField,
  type ParsedColumns,
  type ParseOptions,
  type RawCell,
  type TextField,
  type ValueColumn,
} from "./parseColumns";

export { DATE_FIELDS, MONEY_FIELDS, TEXT_FIELDS, isBlankRow } from "./parseColumns";
export type { ColumnReading, DateField, MoneyField, ParseOptions, RawCell, TextField } from "./parseColumns";

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

export interface ParsedTable {
  rows: ParsedRow[];
  reading: ColumnReading;
}

const EMPTY: ParsedCell<never> = { raw: null, value: null };
const NOT_DISPUTED: ParsedCell<boolean> = { raw: null, value: false };

function cellAt(column: ValueColumn, k: number, raw: RawCell): ParsedCell<number> {
  const value = column.values[k];
  const flags = column.flags[k];
  if (value !== value && flags === 0) return EMPTY;
  if (flags & EXCEL_ERROR) return { raw, value: null, problem: "excel-error" };
  if (flags & UNREADABLE) return { raw, value: null, problem: "unreadable" };
  if (flags & FROM_TEXT) return { raw, value, fromText: true, ...(flags & AMBIGUOUS ? { ambiguous: true } : {}) };
  return { raw, value };
}

/**
 * Row k of a table read by columns, as a row of cells: for the few rows a message is about, and
 * for callers that go row by row over small tables.
 */
export function rowAt(table: ParsedColumns, k: number, mapping: Partial<Record<string, number>>): ParsedRow {
  const raw = table.raw[k];
  const rawOf = (field: string): RawCell => {
    const at = mapping[field];
    return at === undefined ? null : raw[at];
  };
  const text = {} as Record<TextField, string>;
  for (const field of TEXT_FIELDS) text[field] = table.text[field][k];
  const dates = {} as Record<DateField, ParsedCell<DayNumber>>;
  for (const field of DATE_FIELDS) dates[field] = mapping[field] === undefined ? EMPTY : cellAt(table.dates[field], k, rawOf(field));
  const money = {} as Record<MoneyField, ParsedCell<number>>;
  for (const field of MONEY_FIELDS) money[field] = mapping[field] === undefined ? EMPTY : cellAt(table.money[field], k, rawOf(field));
  let disputed = NOT_DISPUTED;
  if (mapping.disputed !== undefined) {
    const cell = rawOf("disputed");
    const flags = table.disputed.flags[k];
    disputed =
      flags & EXCEL_ERROR
        ? { raw: cell, value: null, problem: "excel-error" }
        : flags & UNREADABLE
          ? { raw: cell, value: null, problem: "unreadable" }
          : { raw: cell, value: table.disputed.values[k] === 1 };
  }
  return { index: table.index[k], row: table.row[k], dates, money, text, disputed, raw };
}

/**
 * Reads every mapped cell of a table as its type, row by row (see `parseColumns`, which does
 * the reading). Text dates take their day/month order from the column, text amounts their
 * decimal mark likewise; money uses the minor unit of the row's currency. Nothing here throws on
 * bad cells: each cell says what it is, and validation turns that into findings.
 */
export function parseRows(rows: readonly (readonly RawCell[])[], options: ParseOptions): ParsedTable {
  const table = parseColumns(rows, options);
  const parsed: ParsedRow[] = [];
  for (let k = 0; k < table.length; k++) parsed.push(rowAt(table, k, options.mapping));
  return { rows: parsed, reading: table.reading };
}

function columnOf(rows: readonly ParsedRow[], cellOf: (row: ParsedRow) => ParsedCell<number | boolean>): ValueColumn {
  const values = new Float64Array(rows.length);
  const flags = new Uint8Array(rows.length);
  rows.forEach((row, k) => {
    const cell = cellOf(row);
    values[k] = cell.value === null ? NaN : Number(cell.value);
    flags[k] = (cell.fromText ? FROM_TEXT : 0) | (cell.ambiguous ? AMBIGUOUS : 0) | (cell.problem === "unreadable" ? UNREADABLE : 0) | (cell.problem === "excel-error" ? EXCEL_ERROR : 0);
  });
  return { values, flags };
}

/** Rows read one by one, laid out by columns again: the shape validation loops over. */
export function columnsFromRows(rows: readonly ParsedRow[], reading: ColumnReading): ParsedColumns {
  const text = {} as Record<TextField, string[]>;
  for (const field of TEXT_FIELDS) text[field] = rows.map((r) => r.text[field]);
  const dates = {} as Record<DateField, ValueColumn>;
  for (const field of DATE_FIELDS) dates[field] = columnOf(rows, (r) => r.dates[field]);
  const money = {} as Record<MoneyField, ValueColumn>;
  for (const field of MONEY_FIELDS) money[field] = columnOf(rows, (r) => r.money[field]);
  return {
    length: rows.length,
    index: Int32Array.from(rows, (r) => r.index),
    row: Int32Array.from(rows, (r) => r.row),
    raw: rows.map((r) => r.raw),
    text,
    dates,
    money,
    disputed: columnOf(rows, (r) => r.disputed),
    // Which raw cells are text is not known here: every row is marked for the rules to look at.
    textStarts: new Uint8Array(rows.length).fill(TEXT_STARTS_LIKE_FORMULA | TEXT_STARTS_WITH_HASH),
    reading,
  };
}
