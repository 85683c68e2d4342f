import type { SheetPlan } from "./sheetPlan";

/** A value as a spreadsheet cell holds it. Dates arrive as Excel serial numbers (Office.js) or Date (ExcelJS). */
export type CellValue = string | number | boolean | Date | null;

/** A table the adapter found in the workbook, before its body is read. */
export interface TableInfo {
  /** Excel table name, or a generated name for a header row found in a plain range. */
  name: string;
  sheet: string;
  headers: string[];
  /** A1 address of the header row's first cell, e.g. "B3". */
  headerAddress: string;
  /** Number of data rows below the header (totals row excluded). */
  rowCount: number;
  /** An Excel table, or a header row found inside a sheet's used range. */
  kind?: "table" | "range";
}

/** A table with its data rows. `rows[i][j]` is under `headers[j]`, on worksheet row `firstDataRow + i`. */
export interface TableData extends TableInfo {
  rows: CellValue[][];
  /** 1-based worksheet row of `rows[0]`. */
  firstDataRow: number;
  /** 1-based worksheet column of `headers[0]`. */
  firstColumn: number;
  /** True when the workbook counts dates from 1904 (old Mac workbooks): its date serials, and those AR Desk writes, are in that system. */
  date1904: boolean;
}

/** What writing a sheet plan did, for the summary shown to the user. */
export interface WriteResult {
  /** The sheet name actually written. */
  sheet: string;
  /** True when an earlier AR Desk sheet of that name was replaced. */
  replaced: boolean;
  /** The name the plan asked for, when a user's sheet has it and AR Desk wrote under another name. */
  renamedFrom?: string;
}

/** A table AR Desk wrote earlier, read back with what the user may have added beside it. */
export interface GeneratedTable {
  sheet: string;
  headers: string[];
  /** Body rows, totals row excluded; `rows[i][j]` is under `headers[j]`. */
  rows: CellValue[][];
  /** Number format per column (from the first body row) where the host can tell, e.g. a date column a user added. */
  columnFormats?: (string | null)[];
  /** True when the workbook counts dates from 1904: date serials in `rows`, and those written back, are in that system. */
  date1904: boolean;
}

export interface WriteProgress {
  done: number;
  total: number;
}

/**
 * Everything the pipeline needs from a workbook. Two adapters implement it: Office.js inside
 * Excel (src/excel) and ExcelJS on files (src/xlsx). The pipeline never sees which.
 */
export interface WorkbookPort {
  /** Every table that could hold invoices, with headers but without rows; never those on AR Desk's own sheets. */
  listTables(): Promise<TableInfo[]>;
  /** The table's data rows (read in one round trip where the host has round trips). */
  readTable(table: TableInfo): Promise<TableData>;
  /**
   * Write a generated sheet. Replaces the sheet's content only when AR Desk created that sheet;
   * a user's own sheet of the same name is left alone and the plan is written under another name
   * (see generatedSheetName), reported in `renamedFrom`.
   */
  writeSheet(plan: SheetPlan, onProgress?: (progress: WriteProgress) => void): Promise<WriteResult>;
  /**
   * AR Desk's settings text as stored in the workbook (column E of the very hidden "_ardesk"
   * sheet, from E2 down, joined), or null when none were saved. Read fresh on every action, so a
   * co-author's change is picked up.
   */
  readSettings(): Promise<string | null>;
  /** Store AR Desk's settings text in the workbook (see readSettings). */
  writeSettings(text: string): Promise<void>;
  /**
   * A table AR Desk wrote earlier (e.g. the aging history), with its current headers and body rows,
   * or null when the workbook has no such table. Only tables on AR Desk's own sheets are read this way.
   * `pick` chooses the columns wanted from the table's headers; an adapter may then read only
   * those (and no body at all when none of them is there), so callers look columns up by header.
   */
  readGeneratedTable(table: string, pick?: (headers: readonly string[]) => readonly string[]): Promise<GeneratedTable | null>;
  /** Select a cell of the user's workbook, e.g. the cell an issue points at. */
  selectCell(sheet: string, cell: string): Promise<void>;
}
