/**
 * A sheet plan is plain data saying what to write: values, formats and tables at fixed places.
 * Both adapters write it; tests read it without any spreadsheet at all.
 *
 * Text in a plan is always literal text. Adapters must write it so that Excel never turns it
 * into a formula, whatever it starts with; formulas are only ever `PlanFormula` objects.
 */

export interface PlanFormula {
  formula: string;
}

export type PlanCell = string | number | boolean | null | PlanFormula;

export type PlanStyle = "title" | "subtitle" | "label" | "note";

/** A rectangle of cells whose top-left corner is `at`. */
export interface PlanBlock {
  /** A1 address of the top-left cell. */
  at: string;
  values: PlanCell[][];
  /** One Excel number format for the whole block. */
  numberFormat?: string;
  style?: PlanStyle;
  /**
   * Cells the user types into (e.g. a ledger balance to reconcile with): when AR Desk replaces
   * its own sheet, what the user typed there is kept; `values` only fill a new sheet.
   */
  preserve?: boolean;
}

export type TotalsFunction = "sum" | "label" | "none";

/** A real Excel table (ListObject) with a header row, data rows and an optional totals row. */
export interface PlanTable {
  /** Table name, unique in the workbook; adapters may add a suffix when it is taken. */
  name: string;
  /** A1 address of the header row's first cell. */
  at: string;
  headers: string[];
  rows: PlanCell[][];
  /** Excel number format per column; null leaves the column as General. */
  columnFormats: (string | null)[];
  /** Per column: sum it, write the "Total" label, or leave it blank. No totals row when absent. */
  totals?: TotalsFunction[];
  /** Excel table style name. */
  style: string;
  /** Body columns (0-based) shaded with a white-to-red colour scale, low to high. */
  colourScaleColumns?: number[];
  /** Body cells filled by what they say, e.g. risk tiers: "Critical" → bad. */
  valueFills?: { column: number; fills: Record<string, PlanFill> }[];
}

/** Meaningful fills, mapped by each adapter to colours that read in light and dark themes. */
export type PlanFill = "good" | "neutral" | "warning" | "bad";

/** A stacked bar chart over a plan table's body: one bar per row, one series per column. */
export interface PlanChart {
  title: string;
  /** Name of the plan table whose body feeds the chart. */
  table: string;
  /** 0-based column of the category labels (e.g. the customer). */
  categoryColumn: number;
  /** 0-based columns of the series (e.g. the buckets). */
  seriesColumns: number[];
  /** How many body rows to chart, from the top (the table is sorted by importance). */
  maxRows: number;
  /** A1 address of the chart's top-left corner, and its size in cells. */
  at: string;
  widthColumns: number;
  heightRows: number;
}

export interface SheetPlan {
  /** The sheet name AR Desk wants. */
  name: string;
  /** What the sheet is, so adapters can recognise their own sheets: "aging", "issues", … */
  kind: string;
  blocks: PlanBlock[];
  tables: PlanTable[];
  charts?: PlanChart[];
  /** Column widths in characters, from column A. */
  columnWidths?: number[];
  /** Rows to keep visible at the top when scrolling. */
  freezeRows?: number;
}

/** Excel number format for money with the given number of decimals. */
export function moneyFormat(digits = 2): string {
  return digits > 0 ? `#,##0.${"0".repeat(digits)};-#,##0.${"0".repeat(digits)}` : "#,##0;-#,##0";
}

export const DATE_FORMAT = "yyyy-mm-dd";

/**
 * The workbook's date system, for the date serials a plan writes or a reader takes back: most
 * workbooks count days from 1900, some (old Mac ones) from 1904, four years and a day apart.
 * Absent means 1900.
 */
export interface DateSystem {
  /** True when the workbook counts dates from 1904. */
  date1904?: boolean;
}

export { cellAddress, columnLetters, parseCellAddress } from "../core/address";

/** True when text would be read by Excel as a formula or a command if written as it is. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_TEXT = 32_767;

/** Text cut to what one Excel cell holds, marked with "…" where it was cut (Excel would refuse or repair it). */
export function cellSizedText(text: string): string {
  return text.length <= MAX_CELL_TEXT ? text : `${text.slice(0, MAX_CELL_TEXT - 1)}…`;
}
