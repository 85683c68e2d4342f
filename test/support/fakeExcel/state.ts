/**
 * The in-memory workbook behind the fake Excel host (a stand-in for Excel written for tests):
 * sheets of cells, tables, selection. Proxies (proxies.ts) change it only while a sync runs.
 */
import { columnName, formatRect, isUnbounded, MAX_COLUMNS, MAX_ROWS, parseRect, quoteSheet, splitSheet, type Rect } from "./address";
import { FakeErrorCodes, FakeOfficeError } from "./errors";
import { cellText } from "./numberFormat";
import type { ChartState, ConditionalFormatState } from "./visuals";

export type Scalar = string | number | boolean;

export interface CellState {
  /** Constant value; "" for a blank cell. Formula cells keep "" here (evaluated on read). */
  value: Scalar;
  formula?: string;
  /** True when the text was entered with Excel's apostrophe text prefix. */
  prefixed?: boolean;
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  fontName?: string;
  fillColor?: string;
  horizontalAlignment?: string;
  wrapText?: boolean;
}

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export class SheetState {
  readonly rows = new Map<number, Map<number, CellState>>();
  readonly columnWidths = new Map<number, number>();
  /** Conditional formats, highest priority first, and charts (see visuals.ts): gone with the sheet. */
  readonly conditionalFormats: ConditionalFormatState[] = [];
  readonly charts: ChartState<SheetState>[] = [];
  freezeRows = 0;
  freezeColumns = 0;
  visibility: Visibility = "Visible";
  deleted = false;

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  get(row: number, column: number): CellState | undefined {
    return this.rows.get(row)?.get(column);
  }

  cell(row: number, column: number): CellState {
    let r = this.rows.get(row);
    if (!r) {
      r = new Map();
      this.rows.set(row, r);
    }
    let c = r.get(column);
    if (!c) {
      c = { value: "" };
      r.set(column, c);
    }
    return c;
  }

  /** Existing cells inside the rectangle. */
  *cellsIn(rect: Rect): Generator<[number, number, CellState]> {
    for (const [row, cols] of this.rows) {
      if (row < rect.r1 || row > rect.r2) continue;
      for (const [col, cell] of cols) if (col >= rect.c1 && col <= rect.c2) yield [row, col, cell];
    }
  }

  clear(rect: Rect, applyTo: "All" | "Contents" | "Formats"): void {
    for (const [row, col, cell] of [...this.cellsIn(rect)]) {
      if (applyTo === "Contents") {
        cell.value = "";
        delete cell.formula;
        delete cell.prefixed;
      } else if (applyTo === "Formats") {
        const { value, formula, prefixed } = cell;
        this.rows.get(row)!.set(col, { value, formula, prefixed });
      } else {
        this.rows.get(row)!.delete(col);
      }
    }
  }

  /** Bounding rectangle of cells with content (or any cell when valuesOnly is false). */
  usedRect(valuesOnly: boolean): Rect | null {
    let rect: Rect | null = null;
    for (const [row, cols] of this.rows) {
      for (const [col, cell] of cols) {
        const hasValue = cell.formula !== undefined || cell.value !== "";
        if (valuesOnly && !hasValue) continue;
        if (!rect) rect = { r1: row, c1: col, r2: row, c2: col };
        else {
          rect.r1 = Math.min(rect.r1, row);
          rect.r2 = Math.max(rect.r2, row);
          rect.c1 = Math.min(rect.c1, col);
          rect.c2 = Math.max(rect.c2, col);
        }
      }
    }
    return rect;
  }
}

export interface TableState {
  readonly id: string;
  name: string;
  sheet: SheetState;
  /** Header row and first column. */
  row: number;
  column: number;
  columnCount: number;
  /** Data body rows (Excel keeps at least one, possibly blank). */
  bodyRows: number;
  showTotals: boolean;
  style: string;
  deleted: boolean;
}

/** A defined name: workbook-scoped (sheet null) or scoped to one sheet. */
export interface NameState {
  name: string;
  /** What it refers to, as a formula ("=Notes!$A$1", "=0.2"). */
  formula: string;
  sheet: SheetState | null;
  visible: boolean;
}

export function tableRect(t: TableState): Rect {
  return { r1: t.row, c1: t.column, r2: t.row + t.bodyRows + (t.showTotals ? 1 : 0), c2: t.column + t.columnCount - 1 };
}
export function headerRect(t: TableState): Rect {
  return { r1: t.row, c1: t.column, r2: t.row, c2: t.column + t.columnCount - 1 };
}
export function bodyRect(t: TableState): Rect {
  return { r1: t.row + 1, c1: t.column, r2: t.row + t.bodyRows, c2: t.column + t.columnCount - 1 };
}
export function totalsRect(t: TableState): Rect | null {
  if (!t.showTotals) return null;
  const r = t.row + t.bodyRows + 1;
  return { r1: r, c1: t.column, r2: r, c2: t.column + t.columnCount - 1 };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

export function fail(code: string, message: string): never {
  throw new FakeOfficeError(code, message);
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * What Excel stores for one input cell written through `values`/`formulas`, or "skip" for null
 * (Office.js leaves a cell unchanged when its input is null).
 */
export function coerceInput(input: unknown): CellState | "skip" {
  if (input === null || input === undefined) return "skip";
  if (input instanceof Date) {
    fail(FakeErrorCodes.invalidArgument, "The argument is invalid or missing or has an incorrect format: Date objects cannot be written to a range; write an Excel serial number.");
  }
  if (typeof input === "number") {
    if (!Number.isFinite(input)) fail(FakeErrorCodes.invalidArgument, `The argument is invalid: ${input} is not a number Excel can store.`);
    return { value: input };
  }
  if (typeof input === "boolean") return { value: input };
  if (typeof input !== "string") {
    fail(FakeErrorCodes.invalidArgument, `The argument is invalid or missing or has an incorrect format: ${typeof input}.`);
  }
  const text = input as string;
  if (text === "") return { value: "" };
  if (text.startsWith("'")) return { value: text.slice(1), prefixed: true };
  if (text.startsWith("=") && text.length > 1) return { value: "", formula: text };
  if (NUMBER_TEXT.test(text.trim())) return { value: Number(text.trim()) };
  if (/^(true|false)$/i.test(text)) return { value: text.toUpperCase() === "TRUE" };
  // Typed like a cell entry: "+A1", "-A1", "@SUM(A1)" are formulas to Excel.
  if (/^[+\-@]/.test(text) && text.length > 1) return { value: "", formula: text.startsWith("@") ? `=${text.slice(1)}` : `=${text}` };
  return { value: text };
}

const INVALID_SHEET_CHARS = /[\\/?*[\]:]/;

export class WorkbookState {
  /** The workbook counts dates from 1904 (Excel's "Use 1904 date system"); cells hold serials as they are. */
  date1904 = false;
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  /** Defined names, of the workbook and of sheets. */
  names: NameState[] = [];
  activeSheet: SheetState | null = null;
  selection: { sheet: SheetState; rect: Rect } | null = null;
  private nextSheetId = 1;
  private nextTableId = 1;

  visibleSheets(): SheetState[] {
    return this.sheets.filter((s) => s.visibility === "Visible");
  }

  findSheet(name: string): SheetState | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetOrFail(name: string): SheetState {
    return this.findSheet(name) ?? fail(FakeErrorCodes.itemNotFound, `The requested resource doesn't exist: worksheet "${name}".`);
  }

  checkSheetName(name: string, except?: SheetState): void {
    if (!name || name.length > 31 || INVALID_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'")) {
      fail(FakeErrorCodes.invalidArgument, `The argument is invalid or missing or has an incorrect format: sheet name "${name}".`);
    }
    const other = this.findSheet(name);
    if (other && other !== except) fail(FakeErrorCodes.itemAlreadyExists, `The resource already exists: a sheet named "${name}".`);
  }

  addSheet(name?: string): SheetState {
    let sheetName = name;
    if (sheetName === undefined) {
      let n = this.sheets.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      sheetName = `Sheet${n}`;
    }
    this.checkSheetName(sheetName);
    const id = `{00000000-0001-0000-${String(this.nextSheetId).padStart(4, "0")}-000000000000}`;
    this.nextSheetId++;
    const sheet = new SheetState(id, sheetName);
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    return sheet;
  }

  /** Renames a sheet; as in Excel, formulas elsewhere that name it follow the new name. */
  renameSheet(sheet: SheetState, name: string): void {
    this.checkSheetName(name, sheet);
    // Excel quotes a sheet name in a formula only when it has to.
    const reference = /^[A-Za-z_][\w.]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
    this.rewriteSheetReferences(sheet.name, () => reference);
    sheet.name = name;
  }

  deleteSheet(sheet: SheetState): void {
    if (sheet.visibility === "Visible" && this.visibleSheets().length === 1) {
      fail(FakeErrorCodes.invalidOperation, "The operation is invalid: a workbook must contain at least one visible worksheet.");
    }
    // As in Excel: a formula's reference into a deleted sheet becomes #REF!, for good.
    this.rewriteSheetReferences(sheet.name, () => "#REF!", /(?:\$?[A-Z]{1,3}\$?\d*(?::\$?[A-Z]{1,3}\$?\d*)?)/.source);
    this.sheets = this.sheets.filter((s) => s !== sheet);
    // A sheet's own names go with it.
    this.names = this.names.filter((n) => n.sheet !== sheet);
    for (const t of this.tables) if (t.sheet === sheet) t.deleted = true;
    this.tables = this.tables.filter((t) => !t.deleted);
    sheet.deleted = true;
    if (this.activeSheet === sheet) this.activeSheet = this.visibleSheets()[0] ?? null;
    if (this.selection?.sheet === sheet) this.selection = null;
  }

  /** Replaces every formula's `'Name'!` or `Name!` prefix (and `tail`, a pattern after it) naming this sheet. */
  private rewriteSheetReferences(name: string, replacement: () => string, tail = ""): void {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const quoted = `'${escaped.replace(/'/g, "''")}'!`;
    const reference = new RegExp(`(?:${quoted}${/^[A-Za-z_][\w.]*$/.test(name) ? `|\\b${escaped}!` : ""})${tail}`, "gi");
    for (const other of this.sheets) {
      for (const row of other.rows.values()) {
        for (const cell of row.values()) {
          if (cell.formula !== undefined) cell.formula = cell.formula.replace(reference, replacement);
        }
      }
    }
  }

  setVisibility(sheet: SheetState, visibility: Visibility): void {
    if (!["Visible", "Hidden", "VeryHidden"].includes(visibility)) fail(FakeErrorCodes.invalidArgument, `Invalid visibility "${visibility}".`);
    if (visibility !== "Visible" && sheet.visibility === "Visible" && this.visibleSheets().length === 1) {
      fail(FakeErrorCodes.invalidOperation, "The operation is invalid: a workbook must contain at least one visible worksheet.");
    }
    sheet.visibility = visibility;
    if (visibility !== "Visible" && this.activeSheet === sheet) this.activeSheet = this.visibleSheets()[0] ?? null;
  }

  setPosition(sheet: SheetState, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) fail(FakeErrorCodes.invalidArgument, `Invalid sheet position ${position}.`);
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.sheets.splice(position, 0, sheet);
  }

  /** A range rectangle on a sheet from a local or sheet-qualified address. */
  rectOn(sheet: SheetState, address: string): Rect {
    const { sheet: named, local } = splitSheet(address);
    if (named !== null && named.toLowerCase() !== sheet.name.toLowerCase()) fail(FakeErrorCodes.invalidArgument, `The address "${address}" is not on sheet "${sheet.name}".`);
    return parseRect(local) ?? fail(FakeErrorCodes.invalidArgument, `The argument is invalid or missing or has an incorrect format: address "${address}".`);
  }

  addressOf(sheet: SheetState, rect: Rect): string {
    return `${quoteSheet(sheet.name)}!${formatRect(rect)}`;
  }

  // ---- values -------------------------------------------------------------------------------

  /** Writes inputs (2D array matching the rectangle, or one value for every cell). */
  writeInputs(sheet: SheetState, rect: Rect, inputs: unknown, kind: "values" | "formulas"): void {
    const rows = rect.r2 - rect.r1 + 1;
    const cols = rect.c2 - rect.c1 + 1;
    const single = !Array.isArray(inputs);
    if (single && isUnbounded(rect)) fail(FakeErrorCodes.invalidArgument, "The fake host does not fill whole columns or rows.");
    if (!single) {
      const grid = inputs as unknown[];
      if (grid.length !== rows || grid.some((r) => !Array.isArray(r) || r.length !== cols)) {
        fail(FakeErrorCodes.invalidArgument, `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}x${cols}).`);
      }
    }
    // Validate everything first so one bad cell changes nothing in this operation.
    const coerced: (CellState | "skip")[][] = [];
    for (let i = 0; i < rows; i++) {
      const line: (CellState | "skip")[] = [];
      for (let j = 0; j < cols; j++) line.push(coerceInput(single ? inputs : (inputs as unknown[][])[i][j]));
      coerced.push(line);
    }
    void kind;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const input = coerced[i][j];
        if (input === "skip") continue;
        const cell = sheet.cell(rect.r1 + i, rect.c1 + j);
        cell.value = input.value;
        if (input.formula !== undefined) cell.formula = input.formula;
        else delete cell.formula;
        if (input.prefixed) cell.prefixed = true;
        else delete cell.prefixed;
      }
    }
    this.syncTableHeaders(sheet, rect);
  }

  writeNumberFormats(sheet: SheetState, rect: Rect, formats: unknown): void {
    const single = !Array.isArray(formats);
    const rows = rect.r2 - rect.r1 + 1;
    const cols = rect.c2 - rect.c1 + 1;
    if (single && typeof formats !== "string") fail(FakeErrorCodes.invalidArgument, "A number format must be text.");
    if (single && isUnbounded(rect)) fail(FakeErrorCodes.invalidArgument, "The fake host does not format whole columns or rows.");
    if (!single) {
      const grid = formats as unknown[];
      if (grid.length !== rows || grid.some((r) => !Array.isArray(r) || r.length !== cols)) {
        fail(FakeErrorCodes.invalidArgument, `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}x${cols}).`);
      }
    }
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const f = single ? formats : (formats as unknown[][])[i][j];
        if (f === null || f === undefined) continue;
        if (typeof f !== "string") fail(FakeErrorCodes.invalidArgument, "A number format must be text.");
        const cell = sheet.cell(rect.r1 + i, rect.c1 + j);
        if (f === "" || f === "General") delete cell.numberFormat;
        else cell.numberFormat = f;
      }
    }
  }

  /** Sets a cell attribute on every cell of a bounded rectangle. */
  formatCells(sheet: SheetState, rect: Rect, apply: (cell: CellState) => void): void {
    if (isUnbounded(rect)) fail(FakeErrorCodes.invalidArgument, "The fake host does not format whole columns or rows (except column width).");
    for (let r = rect.r1; r <= rect.r2; r++) for (let c = rect.c1; c <= rect.c2; c++) apply(sheet.cell(r, c));
  }

  /** The value Excel would show for a cell; only SUBTOTAL(9|109, …) and SUM(…) are evaluated. */
  valueOf(sheet: SheetState, row: number, column: number): Scalar {
    const cell = sheet.get(row, column);
    if (!cell) return "";
    if (cell.formula === undefined) return cell.value;
    return this.evaluate(sheet, row, column, cell.formula);
  }

  private evaluate(sheet: SheetState, row: number, column: number, formula: string): Scalar {
    const m = /^=\s*(?:SUBTOTAL\(\s*(?:9|109)\s*,|SUM\()\s*(.+?)\s*\)\s*$/i.exec(formula);
    if (!m) return formula; // not evaluated: the fake keeps the formula text as the value
    const ref = m[1];
    let target: { sheet: SheetState; rect: Rect } | null = null;
    const structured = /^([A-Za-z_][\w.]*)?\[(.+)\]$/.exec(ref);
    if (structured) {
      const table = structured[1]
        ? this.tables.find((t) => t.name.toLowerCase() === structured[1].toLowerCase())
        : this.tables.find((t) => t.sheet === sheet && overlaps(tableRect(t), { r1: row, c1: column, r2: row, c2: column }));
      if (!table) return "#REF!";
      const name = structured[2].replace(/'(.)/g, "$1").toLowerCase();
      const index = this.tableHeaders(table).findIndex((h) => h.toLowerCase() === name);
      if (index < 0) return "#REF!";
      const body = bodyRect(table);
      target = { sheet: table.sheet, rect: { ...body, c1: body.c1 + index, c2: body.c1 + index } };
    } else {
      const { sheet: named, local } = splitSheet(ref);
      const rect = parseRect(local);
      const on = named === null ? sheet : this.findSheet(named);
      if (!rect || !on) return "#REF!";
      target = { sheet: on, rect };
    }
    let sum = 0;
    for (const [r, c, cell] of [...target.sheet.cellsIn(target.rect)]) {
      if (target.sheet === sheet && r === row && c === column) continue;
      const value = cell.formula === undefined ? cell.value : this.valueOf(target.sheet, r, c);
      if (typeof value === "number") sum += value;
    }
    return Math.round(sum * 1e9) / 1e9;
  }

  valuesOf(sheet: SheetState, rect: Rect): Scalar[][] {
    this.assertReadable(rect);
    const out: Scalar[][] = [];
    for (let r = rect.r1; r <= rect.r2; r++) {
      const line: Scalar[] = [];
      for (let c = rect.c1; c <= rect.c2; c++) line.push(this.valueOf(sheet, r, c));
      out.push(line);
    }
    return out;
  }

  formulasOf(sheet: SheetState, rect: Rect): Scalar[][] {
    this.assertReadable(rect);
    const out: Scalar[][] = [];
    for (let r = rect.r1; r <= rect.r2; r++) {
      const line: Scalar[] = [];
      for (let c = rect.c1; c <= rect.c2; c++) {
        const cell = sheet.get(r, c);
        line.push(cell?.formula ?? cell?.value ?? "");
      }
      out.push(line);
    }
    return out;
  }

  /** Range.text: each cell's value as its number format shows it, in this workbook's date system. */
  textsOf(sheet: SheetState, rect: Rect): string[][] {
    this.assertReadable(rect);
    const out: string[][] = [];
    for (let r = rect.r1; r <= rect.r2; r++) {
      const line: string[] = [];
      for (let c = rect.c1; c <= rect.c2; c++) line.push(cellText(this.valueOf(sheet, r, c), sheet.get(r, c)?.numberFormat ?? "General", this.date1904));
      out.push(line);
    }
    return out;
  }

  numberFormatsOf(sheet: SheetState, rect: Rect): string[][] {
    this.assertReadable(rect);
    const out: string[][] = [];
    for (let r = rect.r1; r <= rect.r2; r++) {
      const line: string[] = [];
      for (let c = rect.c1; c <= rect.c2; c++) line.push(sheet.get(r, c)?.numberFormat ?? "General");
      out.push(line);
    }
    return out;
  }

  private assertReadable(rect: Rect): void {
    if ((rect.r2 - rect.r1 + 1) * (rect.c2 - rect.c1 + 1) > 5_000_000) {
      fail(FakeErrorCodes.invalidArgument, "The fake host does not read whole columns or rows; read the used range.");
    }
  }

  // ---- tables -------------------------------------------------------------------------------

  findTable(name: string): TableState | undefined {
    const lower = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower);
  }

  tableHeaders(t: TableState): string[] {
    const out: string[] = [];
    for (let j = 0; j < t.columnCount; j++) out.push(String(this.valueOf(t.sheet, t.row, t.column + j)));
    return out;
  }

  /** The rules Excel has for a table's or a defined name's text (letters, digits, _ . \; not a cell reference; R and C alone are taken). */
  private checkNameText(name: string, what: string): void {
    if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || name.length > 255) {
      fail(FakeErrorCodes.invalidArgument, `The argument is invalid or missing or has an incorrect format: ${what} "${name}".`);
    }
  }

  /**
   * A table name is a name of the workbook: unique among tables and defined names, whatever their
   * case (Excel's rule for names). Whether Excel also refuses the name of a name scoped to one
   * sheet is not documented; the fake refuses it, so code that passes here avoids both.
   */
  checkTableName(name: string, except?: TableState): void {
    this.checkNameText(name, "table name");
    const other = this.findTable(name);
    if (other && other !== except) fail(FakeErrorCodes.invalidArgument, `A table named "${name}" already exists.`);
    if (this.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) fail(FakeErrorCodes.invalidArgument, `The name "${name}" is already used by a defined name in this workbook.`);
  }

  findName(name: string, sheet: SheetState | null): NameState | undefined {
    const lower = name.toLowerCase();
    return this.names.find((n) => n.sheet === sheet && n.name.toLowerCase() === lower);
  }

  /** Adds a defined name; like Excel, not one a table or a name of the same scope has. */
  addName(name: string, formula: string, sheet: SheetState | null): NameState {
    this.checkNameText(name, "name");
    if (this.findTable(name) || this.findName(name, sheet)) fail(FakeErrorCodes.itemAlreadyExists, `The resource already exists: the name "${name}".`);
    const item: NameState = { name, formula: formula.startsWith("=") ? formula : `=${formula}`, sheet, visible: true };
    this.names.push(item);
    return item;
  }

  addTable(sheet: SheetState, rect: Rect, hasHeaders: boolean): TableState {
    // A table may fill the sheet's height (Excel allows A1:F1048576: a million-row ledger), not its width.
    if (rect.c1 === 1 && rect.c2 === MAX_COLUMNS) fail(FakeErrorCodes.invalidArgument, "A table cannot span whole rows in the fake host.");
    let r = { ...rect };
    if (!hasHeaders) {
      // Excel inserts a header row above the data.
      r = { ...r, r1: r.r1 - 1 };
      if (r.r1 < 1) fail(FakeErrorCodes.invalidArgument, "No room above the range for a header row.");
    }
    let bodyRows = r.r2 - r.r1;
    if (bodyRows === 0) bodyRows = 1; // a table always has a data body row
    const full = { ...r, r2: r.r1 + bodyRows };
    if (full.r2 > MAX_ROWS) fail(FakeErrorCodes.invalidArgument, "The table does not fit on the sheet.");
    for (const t of this.tables) {
      if (t.sheet === sheet && overlaps(tableRect(t), full)) fail(FakeErrorCodes.invalidOperation, "The operation is invalid: a table can't overlap another table.");
    }
    let n = this.nextTableId;
    while (this.findTable(`Table${n}`) || this.names.some((x) => x.name.toLowerCase() === `table${n}`)) n++;
    const table: TableState = {
      id: String(this.nextTableId++),
      name: `Table${n}`,
      sheet,
      row: r.r1,
      column: r.c1,
      columnCount: r.c2 - r.c1 + 1,
      bodyRows,
      showTotals: false,
      style: "TableStyleMedium2",
      deleted: false,
    };
    this.tables.push(table);
    this.normaliseHeaders(table);
    return table;
  }

  /** Excel table headers are unique, non-blank text. */
  private normaliseHeaders(t: TableState): void {
    const seen = new Set<string>();
    for (let j = 0; j < t.columnCount; j++) {
      const cell = t.sheet.cell(t.row, t.column + j);
      let text = String(this.valueOf(t.sheet, t.row, t.column + j));
      if (text === "") text = `Column${j + 1}`;
      let unique = text;
      let k = 2;
      while (seen.has(unique.toLowerCase())) unique = `${text}${k++}`;
      seen.add(unique.toLowerCase());
      if (cell.formula !== undefined || cell.value !== unique) {
        delete cell.formula;
        cell.value = unique;
      }
    }
  }

  private syncTableHeaders(sheet: SheetState, rect: Rect): void {
    for (const t of this.tables) if (t.sheet === sheet && overlaps(headerRect(t), rect)) this.normaliseHeaders(t);
  }

  setShowTotals(t: TableState, show: boolean): void {
    if (show === t.showTotals) return;
    const row = t.row + t.bodyRows + 1;
    const rect = { r1: row, c1: t.column, r2: row, c2: t.column + t.columnCount - 1 };
    if (show) {
      if (row > MAX_ROWS) fail(FakeErrorCodes.invalidOperation, "No room for a totals row.");
      const busy = [...t.sheet.cellsIn(rect)].some(([, , c]) => c.formula !== undefined || c.value !== "");
      if (busy) fail(FakeErrorCodes.invalidOperation, "The operation is invalid: the row below the table is not empty (the fake host does not shift cells).");
      for (const other of this.tables) {
        if (other !== t && other.sheet === t.sheet && overlaps(tableRect(other), rect)) fail(FakeErrorCodes.invalidOperation, "A table can't overlap another table.");
      }
      t.showTotals = true;
      // Like Excel: "Total" under the first column and a SUBTOTAL under the last one.
      const headers = this.tableHeaders(t);
      t.sheet.cell(row, t.column).value = "Total";
      if (t.columnCount > 1) {
        const last = t.sheet.cell(row, t.column + t.columnCount - 1);
        last.value = "";
        last.formula = `=SUBTOTAL(109,[${escapeStructured(headers[headers.length - 1])}])`;
      }
    } else {
      t.sheet.clear(rect, "Contents");
      t.showTotals = false;
    }
  }

  deleteTable(t: TableState): void {
    t.sheet.clear(tableRect(t), "All");
    t.deleted = true;
    this.tables = this.tables.filter((x) => x !== t);
  }

  /** Seeding helper used by the test API: stores values literally (no input coercion). */
  seed(sheet: SheetState, at: Rect, values: readonly (readonly unknown[])[]): void {
    values.forEach((line, i) =>
      line.forEach((v, j) => {
        if (v === null || v === undefined || v === "") return;
        if (v instanceof Date) throw new Error("fakeExcel: seed dates as Excel serial numbers, not Date objects");
        const cell = sheet.cell(at.r1 + i, at.c1 + j);
        if (typeof v === "object" && v !== null && "formula" in v) {
          cell.formula = String((v as { formula: string }).formula);
          cell.value = "";
        } else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
          cell.value = v;
        } else {
          throw new Error(`fakeExcel: cannot seed ${typeof v}`);
        }
      }),
    );
  }

  columnLabel(column: number): string {
    return columnName(column);
  }
}

/** Escapes a column name inside [ ] of a structured reference. */
export function escapeStructured(name: string): string {
  return name.replace(/(['#[\]])/g, "'$1");
}
