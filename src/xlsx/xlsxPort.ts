import type ExcelJS from "exceljs";
import { ArDeskError } from "../core/errors";
import type { CellValue, GeneratedTable, TableData, TableInfo, WorkbookPort, WriteResult } from "../workbook/port";
import { findHeaderRow, HEADER_SEARCH_ROWS } from "../workbook/findHeaderRow";
import { generatedSheetName, isGenerated, liveEntries, parseRegistry, REGISTRY_COLUMNS, REGISTRY_SHEET, registryValues, SETTINGS_COLUMN, SETTINGS_HEADER, settingsTextFrom, STAGING_KIND, withGenerated } from "../workbook/registry";
import { settingsChunks } from "../workbook/settings";
import {
  cellAddress,
  cellSizedText,
  parseCellAddress,
  type PlanBlock,
  type PlanCell,
  type PlanChart,
  type PlanFill,
  type PlanTable,
  type SheetPlan,
} from "../workbook/sheetPlan";
import { PackageWorkbookPort } from "./zip/packagePort";
import { XlsxPackage } from "./zip/xlsxPackage";

/** A chart of a written sheet, with the plan table that feeds it. */
export interface PendingChart {
  sheet: string;
  chart: PlanChart;
  table: PlanTable;
}

/** ExcelJS's own table model as it reads it back from a file (not part of its typings). */
interface LoadedTableModel {
  name: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns: { name: string }[];
}

/** A plain cell value from ExcelJS's richer cell values (formulas give their cached result). */
function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("formula" in value || "sharedFormula" in value) return plainValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("error" in value) return String(value.error);
    if ("text" in value) return String(value.text);
  }
  return null;
}

/** The ExcelJS value for a plan cell: text stays a string (ExcelJS writes strings as text, never formulas). */
function excelValue(cell: PlanCell): ExcelJS.CellValue {
  if (cell !== null && typeof cell === "object") return { formula: cell.formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
  return typeof cell === "string" ? cellSizedText(cell) : cell;
}

/**
 * The command line's WorkbookPort on a file: an .xlsx package read part by part (the fast path,
 * see zip/packagePort.ts), or an ExcelJS workbook (CSV input, generated samples, tests).
 */
export class XlsxWorkbookPort implements WorkbookPort {
  private readonly inner: PackageWorkbookPort | ExcelJsWorkbookPort;

  constructor(readonly workbook: ExcelJS.Workbook | XlsxPackage) {
    this.inner = workbook instanceof XlsxPackage ? new PackageWorkbookPort(workbook) : new ExcelJsWorkbookPort(workbook);
  }

  /** Charts to add when an ExcelJS workbook is saved; a package writes its charts itself. */
  get charts(): PendingChart[] {
    return this.inner instanceof ExcelJsWorkbookPort ? this.inner.charts : [];
  }

  listTables(): Promise<TableInfo[]> {
    return this.inner.listTables();
  }

  readTable(table: TableInfo): Promise<TableData> {
    return this.inner.readTable(table);
  }

  writeSheet(plan: SheetPlan): Promise<WriteResult> {
    return this.inner.writeSheet(plan);
  }

  readSettings(): Promise<string | null> {
    return this.inner.readSettings();
  }

  writeSettings(text: string): Promise<void> {
    return this.inner.writeSettings(text);
  }

  readGeneratedTable(table: string, pick?: (headers: readonly string[]) => readonly string[]): Promise<GeneratedTable | null> {
    return this.inner.readGeneratedTable(table, pick);
  }

  /** Files have no selection to speak of; the command line never needs one. */
  async selectCell(): Promise<void> {}
}

/**
 * The WorkbookPort on a workbook held in memory by ExcelJS.
 * Tables are Excel tables first; a sheet without tables offers its first row as a header row.
 */
export class ExcelJsWorkbookPort implements WorkbookPort {
  /** Charts of the sheets written, added to the file when it is saved (ExcelJS cannot write charts). */
  charts: PendingChart[] = [];

  constructor(readonly workbook: ExcelJS.Workbook) {}

  async listTables(): Promise<TableInfo[]> {
    return this.candidates().map(({ info }) => info);
  }

  async readTable(table: TableInfo): Promise<TableData> {
    const found = this.candidates().find((c) => c.info.name === table.name && c.info.sheet === table.sheet);
    if (!found) throw new ArDeskError("TABLE_NOT_FOUND", `Table "${table.name}" is no longer in the workbook.`);
    const { info, sheet, top, left, lastRow } = found;
    const rows: CellValue[][] = [];
    for (let r = top + 1; r <= lastRow; r++) {
      const row = sheet.getRow(r);
      const values: CellValue[] = [];
      for (let c = 0; c < info.headers.length; c++) values.push(plainValue(row.getCell(left + c).value));
      rows.push(values);
    }
    return { ...info, rows, firstDataRow: top + 1, firstColumn: left, date1904: this.date1904 };
  }

  async writeSheet(plan: SheetPlan): Promise<WriteResult> {
    const registrySheet = this.workbook.getWorksheet(REGISTRY_SHEET);
    const registry = registrySheet ? parseRegistry(sheetValues(registrySheet)) : [];
    // Hidden sheets a write in Excel left when it was interrupted go, as Excel's next write would
    // delete them (see STAGING_KIND); a visible one of that name is not one and stays.
    for (const entry of registry.filter((e) => e.kind === STAGING_KIND)) {
      const leftover = this.workbook.getWorksheet(entry.sheet);
      if (leftover && leftover.state !== "visible") this.workbook.removeWorksheet(leftover.id);
    }
    const sheets = this.workbook.worksheets.map((s) => ({ name: s.name, tables: tablesOf(s).map((t) => t.name) }));
    const name = generatedSheetName(plan, sheets, registry);
    const existing = this.workbook.getWorksheet(name);
    // What the user typed into cells AR Desk keeps (e.g. a ledger balance) survives the refresh.
    const kept = new Map<string, ExcelJS.CellValue>();
    for (const block of plan.blocks.filter((b) => b.preserve && existing)) {
      const { row, column } = parseCellAddress(block.at);
      block.values.forEach((values, r) => values.forEach((_, c) => kept.set(cellAddress(row + r, column + c), existing!.getCell(row + r, column + c).value)));
    }
    // A replaced sheet goes back where it was, so the user's tab order is kept.
    const position = existing ? this.workbook.worksheets.indexOf(existing) : -1;
    if (existing) this.workbook.removeWorksheet(existing.id);
    const sheet = this.workbook.addWorksheet(name, {
      views: plan.freezeRows ? [{ state: "frozen", ySplit: plan.freezeRows }] : undefined,
    });
    if (position >= 0) moveWorksheet(this.workbook, sheet, position);
    plan.blocks.forEach((block) => writeBlock(sheet, block));
    for (const [address, value] of kept) if (value !== null && value !== undefined) sheet.getCell(address).value = value;
    const tables = plan.tables.map((table) => writeTable(sheet, table, this.tableNames()));
    this.charts = [...this.charts.filter((c) => c.sheet !== name), ...(plan.charts ?? []).map((chart) => ({ sheet: name, chart, table: plan.tables.find((t) => t.name === chart.table)! }))];
    plan.columnWidths?.forEach((width, i) => (sheet.getColumn(i + 1).width = width));

    const target = this.metaSheet();
    // The tables written are what tells this sheet from a user's of the same name later (see RegistryEntry.tables).
    const values = registryValues(withGenerated(liveEntries(registry, sheets), { sheet: name, kind: plan.kind, id: "", tables }));
    const rows = Math.max(values.length, target.rowCount);
    for (let r = 1; r <= rows; r++) {
      for (let c = 1; c <= REGISTRY_COLUMNS; c++) target.getCell(r, c).value = values[r - 1]?.[c - 1] ?? null;
    }
    this.workbook.calcProperties.fullCalcOnLoad = true;
    return { sheet: name, replaced: Boolean(existing), renamedFrom: name === plan.name ? undefined : plan.name };
  }

  async readSettings(): Promise<string | null> {
    const sheet = this.workbook.getWorksheet(REGISTRY_SHEET);
    return sheet ? settingsTextFrom(sheetValues(sheet)) : null;
  }

  async writeSettings(text: string): Promise<void> {
    const sheet = this.metaSheet();
    const chunks = settingsChunks(text);
    const rows = Math.max(chunks.length + 1, sheet.rowCount);
    sheet.getCell(1, SETTINGS_COLUMN).value = SETTINGS_HEADER;
    for (let r = 2; r <= rows; r++) sheet.getCell(r, SETTINGS_COLUMN).value = chunks[r - 2] ?? null;
  }

  async readGeneratedTable(name: string): Promise<GeneratedTable | null> {
    const registrySheet = this.workbook.getWorksheet(REGISTRY_SHEET);
    const generated = registrySheet ? parseRegistry(sheetValues(registrySheet)) : [];
    for (const entry of generated) {
      const sheet = this.workbook.getWorksheet(entry.sheet);
      const tables = sheet ? tablesOf(sheet) : [];
      const model = tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (!sheet || !model || !isGenerated([entry], sheet.name, "", tables.map((t) => t.name))) continue;
      const [from, to] = String(model.tableRef ?? model.ref).split(":");
      const { row: top, column: left } = parseCellAddress(from);
      const bottom = (to ? parseCellAddress(to).row : top) - (model.totalsRow ? 1 : 0);
      const rows: CellValue[][] = [];
      for (let r = top + 1; r <= bottom; r++) {
        const row = sheet.getRow(r);
        rows.push(model.columns.map((_, c) => plainValue(row.getCell(left + c).value)));
      }
      const headerRow = sheet.getRow(top);
      return { sheet: sheet.name, headers: model.columns.map((column, c) => String(plainValue(headerRow.getCell(left + c).value) ?? column.name ?? "")), rows, date1904: this.date1904 };
    }
    return null;
  }

  /** Files have no selection to speak of; the command line never needs one. */
  async selectCell(): Promise<void> {}

  /**
   * The workbook's date system. ExcelJS hands date cells over as Date and writes the flag back on
   * save, but the serials AR Desk plans are written as they are, so they must be in this system.
   */
  private get date1904(): boolean {
    return Boolean(this.workbook.properties?.date1904);
  }

  /** The very hidden "_ardesk" sheet, created on first use. */
  private metaSheet(): ExcelJS.Worksheet {
    return this.workbook.getWorksheet(REGISTRY_SHEET) ?? this.workbook.addWorksheet(REGISTRY_SHEET, { state: "veryHidden" });
  }

  private tableNames(): Set<string> {
    // A table may not share its name with a defined name either (Excel repairs the file if it does).
    const names = new Set<string>(this.workbook.definedNames.model.map((n) => n.name.toLowerCase()));
    this.workbook.eachSheet((sheet) => tablesOf(sheet).forEach((t) => names.add(t.name.toLowerCase())));
    return names;
  }

  private candidates() {
    const found: { info: TableInfo; sheet: ExcelJS.Worksheet; top: number; left: number; lastRow: number }[] = [];
    // AR Desk's own sheets hold tables that look like invoices (the detail sheet): never candidates.
    const registrySheet = this.workbook.getWorksheet(REGISTRY_SHEET);
    const generated = registrySheet ? parseRegistry(sheetValues(registrySheet)) : [];
    this.workbook.eachSheet((sheet) => {
      const tables = tablesOf(sheet);
      if (sheet.name === REGISTRY_SHEET || isGenerated(generated, sheet.name, "", tables.map((t) => t.name))) return;
      for (const model of tables) {
        const [from, to] = String(model.tableRef ?? model.ref).split(":");
        const { row: top, column: left } = parseCellAddress(from);
        const bottom = to ? parseCellAddress(to).row : top;
        const lastRow = model.totalsRow ? bottom - 1 : bottom;
        found.push({
          info: { name: model.name, sheet: sheet.name, headers: model.columns.map((c) => c.name), headerAddress: cellAddress(top, left), rowCount: lastRow - top, kind: "table" },
          sheet,
          top,
          left,
          lastRow,
        });
      }
      if (tables.length === 0 && sheet.actualRowCount > 0) {
        // No Excel table: look for a header row under any title rows of the used range.
        const top = Math.max(1, sheet.getRow(1).number);
        const preview: CellValue[][] = [];
        const width = sheet.columnCount;
        for (let r = top; r < top + HEADER_SEARCH_ROWS && r <= sheet.rowCount; r++) {
          const row = sheet.getRow(r);
          const cells: CellValue[] = [];
          for (let c = 1; c <= width; c++) cells.push(plainValue(row.getCell(c).value));
          preview.push(cells);
        }
        const headerIndex = findHeaderRow(preview);
        if (headerIndex < 0) return;
        const headerCells = preview[headerIndex];
        const left = headerCells.findIndex((c) => c !== null && c !== "") + 1;
        let right = headerCells.length;
        while (right > left && (headerCells[right - 1] === null || headerCells[right - 1] === "")) right--;
        const headerRow = top + headerIndex;
        const headers = headerCells.slice(left - 1, right).map((c) => (c === null ? "" : String(c)));
        found.push({
          info: { name: `${sheet.name}!${cellAddress(headerRow, left)}`, sheet: sheet.name, headers, headerAddress: cellAddress(headerRow, left), rowCount: sheet.rowCount - headerRow, kind: "range" },
          sheet,
          top: headerRow,
          left,
          lastRow: sheet.rowCount,
        });
      }
    });
    return found;
  }
}

/** The sheet's tables as ExcelJS really returns them (its typings say tuples; it hands Table objects). */
function tablesOf(sheet: ExcelJS.Worksheet): LoadedTableModel[] {
  return (sheet.getTables() as unknown as { table?: LoadedTableModel }[]).map(
    (t) => (t.table ?? t) as LoadedTableModel,
  );
}

function sheetValues(sheet: ExcelJS.Worksheet): CellValue[][] {
  const values: CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: CellValue[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, SETTINGS_COLUMN); c++) cells.push(plainValue(row.getCell(c).value));
    values.push(cells);
  });
  return values;
}

function moveWorksheet(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, position: number): void {
  // ExcelJS orders tabs by each sheet's orderNo; shift the later ones to make room.
  const ordered = workbook.worksheets.filter((s) => s !== sheet);
  ordered.splice(position, 0, sheet);
  ordered.forEach((s, i) => ((s as unknown as { orderNo: number }).orderNo = i));
}

/** Light fills that keep black text readable (Excel's "Good", "Neutral", "Bad" cell styles). */
const FILL_COLOURS: Record<PlanFill, string> = { good: "FFC6EFCE", neutral: "FFFFEB9C", warning: "FFFFCC99", bad: "FFFFC7CE" };

const STYLE_FONTS: Record<NonNullable<PlanBlock["style"]>, Partial<ExcelJS.Font>> = {
  title: { bold: true, size: 16 },
  subtitle: { bold: true, size: 12 },
  label: { bold: true },
  note: { italic: true },
};

function writeBlock(sheet: ExcelJS.Worksheet, block: PlanBlock): void {
  const { row: top, column: left } = parseCellAddress(block.at);
  block.values.forEach((values, r) =>
    values.forEach((value, c) => {
      const cell = sheet.getCell(top + r, left + c);
      cell.value = excelValue(value);
      if (block.numberFormat) cell.numFmt = block.numberFormat;
      if (block.style) cell.font = STYLE_FONTS[block.style];
    }),
  );
}

/** Adds a plan table to the sheet under a free name, and returns that name. */
function writeTable(sheet: ExcelJS.Worksheet, table: PlanTable, taken: Set<string>): string {
  let name = table.name;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${table.name}${n}`;
  const { row: top, column: left } = parseCellAddress(table.at);
  sheet.addTable({
    name,
    ref: table.at,
    headerRow: true,
    totalsRow: Boolean(table.totals),
    style: { theme: table.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
    columns: table.headers.map((header, i) => ({
      name: header,
      filterButton: true,
      ...(table.totals?.[i] === "sum" ? { totalsRowFunction: "sum" as const } : {}),
      ...(table.totals?.[i] === "label" ? { totalsRowLabel: "Total" } : {}),
    })),
    rows: table.rows.map((row) => row.map(excelValue)),
  });
  const lastRow = top + table.rows.length + (table.totals ? 1 : 0);
  for (const { column, fills } of table.valueFills ?? []) {
    table.rows.forEach((row, r) => {
      const fill = typeof row[column] === "string" ? fills[row[column] as string] : undefined;
      if (fill) sheet.getCell(top + 1 + r, left + column).fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILL_COLOURS[fill] } };
    });
  }
  if (table.colourScaleColumns?.length && table.rows.length) {
    const first = cellAddress(top + 1, left + Math.min(...table.colourScaleColumns));
    const last = cellAddress(top + table.rows.length, left + Math.max(...table.colourScaleColumns));
    sheet.addConditionalFormatting({
      ref: `${first}:${last}`,
      rules: [{ type: "colorScale", priority: 1, cfvo: [{ type: "min" }, { type: "max" }], color: [{ argb: "FFFFFFFF" }, { argb: "FFF8696B" }] } as ExcelJS.ConditionalFormattingRule],
    });
  }
  table.columnFormats.forEach((format, i) => {
    if (!format) return;
    for (let r = top + 1; r <= lastRow; r++) sheet.getCell(r, left + i).numFmt = format;
  });
  if (table.totals) {
    // ExcelJS leaves the totals formulas without a cached result; store it so every reader
    // (and Excel before its first recalculation) shows the right figure.
    table.totals.forEach((kind, i) => {
      if (kind !== "sum") return;
      const cell = sheet.getCell(lastRow, left + i);
      const sum = table.rows.reduce((acc, row) => acc + (typeof row[i] === "number" ? (row[i] as number) : 0), 0);
      cell.value = { formula: `SUBTOTAL(109,${name}[${table.headers[i]}])`, result: Math.round(sum * 1e6) / 1e6 } as ExcelJS.CellFormulaValue;
    });
  }
  return name;
}
