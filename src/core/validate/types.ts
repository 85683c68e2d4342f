import type { Field, FieldMapping } from "../columns/mapColumns";
import type { ParsedColumns } from "../parse/parseColumns";
import type { ColumnReading, ParsedRow } from "../parse/parseRows";
import type { DayNumber } from "../types";

export type Severity = "error" | "warning" | "info";

/** One finding about the user's data, pointing at a cell. */
export interface Issue {
  severity: Severity;
  rule: string;
  sheet: string;
  /** A1 address of the cell, e.g. "D7". */
  cell: string;
  /** 1-based worksheet row. */
  row: number;
  /** The column's header as the user wrote it. */
  column: string;
  /** The cell's content as text. */
  value: string;
  message: string;
  fix: string;
}

/** What every rule knows about the table it checks. */
export interface ValidationContext {
  sheet: string;
  headers: readonly string[];
  mapping: FieldMapping;
  /** 1-based worksheet column of headers[0]. */
  firstColumn: number;
  /** 1-based worksheet row of the header row. */
  headerRow: number;
  asOf: DayNumber;
  reading: ColumnReading;
  /** True when cells carry types (a workbook); false for CSV, where every cell is text. */
  typedCells: boolean;
}

/** A validation rule: one concern, one file, its own tests. */
export interface Rule {
  id: string;
  /** What the rule checks, for the pane and the README. */
  title: string;
  /** Checks a table read by columns: how the engine runs every rule, in tight loops over numbers. */
  checkColumns(table: ParsedColumns, context: ValidationContext): Issue[];
  /** The same check over rows read one by one. */
  check(rows: readonly ParsedRow[], context: ValidationContext): Issue[];
}

export type { Field };
