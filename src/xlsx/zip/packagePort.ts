import { ArDeskError } from "../../core/errors";
import { findHeaderRow, HEADER_SEARCH_ROWS } from "../../workbook/findHeaderRow";
import type { CellValue, GeneratedTable, TableData, TableInfo, WorkbookPort, WriteResult } from "../../workbook/port";
import { generatedSheetName, isGenerated, liveEntries, parseRegistry, REGISTRY_COLUMNS, REGISTRY_SHEET, registryValues, SETTINGS_COLUMN, SETTINGS_HEADER, settingsTextFrom, STAGING_KIND, withGenerated, type RegistryEntry } from "../../workbook/registry";
import { settingsChunks } from "../../workbook/settings";
import { cellAddress, parseCellAddress, type PlanCell, type SheetPlan } from "../../workbook/sheetPlan";
import type { RawCell } from "./sheetScanner";
import { renderSheet, type KeptCell } from "./sheetWriter";
import type { SheetEntry, XlsxPackage } from "./xlsxPackage";
import { deflateChunks } from "./zipArchive";

/** A table candidate with where its body is. */
interface Candidate {
  info: TableInfo;
  sheet: SheetEntry;
  /** Worksheet row of the first body row, and the last. */
  firstDataRow: number;
  lastRow: number;
  left: number;
}

const isBlank = (value: CellValue) => value === null || value === "";

/** A stored cell written back exactly as it was (value, formula, type and the user's own style). */
function keptXml(cell: RawCell): string | null {
  if (cell.value === undefined && cell.inline === undefined && cell.formula === undefined) return null;
  const type = cell.type !== "n" ? ` t="${cell.type}"` : "";
  const style = cell.style ? ` s="${cell.style}"` : "";
  const formula = cell.formula !== undefined ? `<f>${cell.formula}</f>` : "";
  const value = cell.value !== undefined ? `<v>${cell.value}</v>` : "";
  const inline = cell.inline !== undefined ? `<is>${cell.inline}</is>` : "";
  return `<c r="${cellAddress(cell.row, cell.column)}"${style}${type}>${formula}${value}${inline}</c>`;
}

/** A plan cell as a reader of the saved file would see it (formulas have no value until calculated). */
const planValue = (cell: PlanCell | undefined): CellValue => (cell === undefined || (cell !== null && typeof cell === "object") ? null : cell);

/**
 * The WorkbookPort on an .xlsx package read part by part: the command line's adapter for files.
 * Only the parts it needs are inflated; sheets are scanned, never loaded as a tree; AR Desk's
 * sheets are written as new parts into a copy of the user's archive (see XlsxPackage.save).
 */
export class PackageWorkbookPort implements WorkbookPort {
  private candidateCache?: Candidate[];

  constructor(readonly pkg: XlsxPackage) {}

  async listTables(): Promise<TableInfo[]> {
    return (await this.candidates()).map((c) => c.info);
  }

  async readTable(table: TableInfo): Promise<TableData> {
    const found = (await this.candidates()).find((c) => c.info.name === table.name && c.info.sheet === table.sheet);
    if (!found) throw new ArDeskError("TABLE_NOT_FOUND", `Table "${table.name}" is no longer in the workbook.`);
    const { info, sheet, firstDataRow, lastRow, left } = found;
    const rows = await this.pkg.readRange(sheet, firstDataRow, left, lastRow, left + info.headers.length - 1);
    return { ...info, rows, firstDataRow, firstColumn: left, date1904: this.pkg.date1904 };
  }

  async writeSheet(plan: SheetPlan): Promise<WriteResult> {
    const { pkg } = this;
    const registry = await this.registry();
    this.dropStagingLeftovers(registry);
    const sheets = await this.sheetsWithTables();
    const name = generatedSheetName(plan, sheets, registry);
    const existing = pkg.sheet(name);
    const kept = existing ? await this.keptCells(existing, plan) : [];
    const names = await pkg.tableNames(existing);
    const ids = pkg.tableIds(existing);
    let nextId = pkg.maxTableId() + 1;
    // Our tables keep the name and id they had: a slicer finds its table by id, a pivot table or a
    // user's formula by name, and both should survive a refresh.
    const previous = existing ? await this.previousTables(existing) : [];
    const claimed = new Map<string, number>();
    const rendered = renderSheet(plan, {
      styles: pkg.styles(),
      kept,
      tableName: (wanted) => {
        const before = previousTable(previous, wanted, plan);
        let free = before && !names.has(before.name.toLowerCase()) ? before.name : wanted;
        for (let n = 2; names.has(free.toLowerCase()); n++) free = `${wanted}${n}`;
        names.add(free.toLowerCase());
        if (before) {
          previous.splice(previous.indexOf(before), 1);
          if (!ids.has(before.id)) claimed.set(free.toLowerCase(), before.id);
        }
        return free;
      },
      tableId: (name) => {
        const id = claimed.get(name.toLowerCase()) ?? nextId++;
        ids.add(id);
        return id;
      },
    });
    const sheet = existing ?? pkg.addSheet(name);
    const charts = (plan.charts ?? []).map((chart) => ({ sheet: name, chart, table: plan.tables.find((t) => t.name === chart.table)! })).filter((c) => c.table);
    // Big sheets are deflated fast rather than small: they are most of the time spent writing.
    const level = plan.tables.reduce((sum, t) => sum + t.rows.length, 0) > 5_000 ? 1 : 6;
    const deflated = await deflateChunks(rendered.chunks, level);
    pkg.setContent(sheet, { deflated, tables: rendered.tables, drawingRid: rendered.drawingRid, charts, kept });
    // The tables written are what tells this sheet from a user's of the same name later (see RegistryEntry.tables).
    const entry = { sheet: name, kind: plan.kind, id: "", tables: rendered.tables.map((t) => t.name) };
    await this.setMeta(registryValues(withGenerated(liveEntries(registry, sheets), entry)), 1, REGISTRY_COLUMNS);
    this.candidateCache = undefined;
    return { sheet: name, replaced: Boolean(existing), renamedFrom: name === plan.name ? undefined : plan.name };
  }

  async readSettings(): Promise<string | null> {
    const grid = await this.metaGrid();
    return grid ? settingsTextFrom(grid) : null;
  }

  async writeSettings(text: string): Promise<void> {
    await this.setMeta([[SETTINGS_HEADER], ...settingsChunks(text).map((chunk) => [chunk])], SETTINGS_COLUMN, SETTINGS_COLUMN);
  }

  async readGeneratedTable(name: string, pick?: (headers: readonly string[]) => readonly string[]): Promise<GeneratedTable | null> {
    const { pkg } = this;
    for (const entry of await this.registry()) {
      const sheet = pkg.sheet(entry.sheet);
      if (!sheet || !isGenerated([entry], sheet.name, "", await this.tablesOn(sheet))) continue;
      const written = pkg.written.get(sheet.part);
      if (written) {
        const table = written.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
        if (!table) continue;
        const rows = table.plan.rows.map((row) => table.plan.headers.map((_, c) => planValue(row[c])));
        return project({ sheet: sheet.name, headers: [...table.plan.headers], rows, date1904: pkg.date1904 }, pick);
      }
      const table = (await pkg.tablesOf(sheet)).find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (!table) continue;
      const headerCells = table.headerRow ? (await pkg.readRange(sheet, table.top, table.left, table.top, table.right))[0] : [];
      const headers = table.columns.map((column, c) => (isBlank(headerCells[c] ?? null) ? column : String(headerCells[c])));
      const wanted = pick ? pick(headers).filter((h) => headers.includes(h)) : headers;
      // With a pick and nothing of it there, the body (maybe 100k rows) is not read at all.
      if (!wanted.length) return { sheet: sheet.name, headers: [], rows: [], date1904: pkg.date1904 };
      const bottom = table.bottom - (table.totalsRow ? 1 : 0);
      const body = (await pkg.readRange(sheet, table.top + (table.headerRow ? 1 : 0), table.left, bottom, table.right)).filter((row) => row.some((v) => !isBlank(v)));
      return project({ sheet: sheet.name, headers, rows: body, date1904: pkg.date1904 }, pick);
    }
    return null;
  }

  /** Files have no selection to speak of; the command line never needs one. */
  async selectCell(): Promise<void> {}

  /**
   * Hidden sheets that a write in Excel left when it was interrupted (registered as staging):
   * deleted, as Excel's next write would. A visible sheet of that name is not one (a staging
   * sheet is shown only as it is renamed and re-registered), so it is left alone.
   */
  private dropStagingLeftovers(registry: readonly RegistryEntry[]): void {
    for (const entry of registry) {
      if (entry.kind !== STAGING_KIND) continue;
      const sheet = this.pkg.sheet(entry.sheet);
      if (sheet && !sheet.added && sheet.hidden) this.pkg.removeSheet(sheet);
    }
  }

  /** Names of the tables on a sheet as it stands in this session (see previousTables). */
  private async tablesOn(sheet: SheetEntry): Promise<string[]> {
    return (await this.previousTables(sheet)).map((t) => t.name);
  }

  /** Every sheet with the names of its tables, to tell ours from the user's (see isGenerated). */
  private async sheetsWithTables(): Promise<{ name: string; tables: string[] }[]> {
    const sheets: { name: string; tables: string[] }[] = [];
    for (const sheet of this.pkg.sheets) sheets.push({ name: sheet.name, tables: await this.tablesOn(sheet) });
    return sheets;
  }

  private async registry(): Promise<RegistryEntry[]> {
    const grid = await this.metaGrid();
    return grid ? parseRegistry(grid) : [];
  }

  /** The "_ardesk" sheet's values (row 1 first), or null when the workbook has none yet. */
  private async metaGrid(): Promise<CellValue[][] | null> {
    const { pkg } = this;
    if (pkg.meta) return pkg.meta;
    const sheet = pkg.sheet(REGISTRY_SHEET);
    if (!sheet) return null;
    const grid: CellValue[][] = [];
    await pkg.scan(sheet, (cell) => {
      while (grid.length < cell.row) grid.push([]);
      grid[cell.row - 1][cell.column - 1] = pkg.valueOf(cell);
    });
    for (const row of grid) for (let c = 0; c < Math.max(row.length, SETTINGS_COLUMN); c++) row[c] = row[c] ?? null;
    return (pkg.meta = grid);
  }

  /** Puts values into columns `from`…`to` of "_ardesk" from row 1, clearing what was below them there. */
  private async setMeta(values: readonly (readonly CellValue[])[], from: number, to: number): Promise<void> {
    const grid = (await this.metaGrid()) ?? [];
    const rows = Math.max(grid.length, values.length);
    for (let r = 0; r < rows; r++) {
      const row = (grid[r] = grid[r] ?? []);
      for (let c = from; c <= to; c++) row[c - 1] = values[r]?.[c - from] ?? null;
      for (let c = 0; c < row.length; c++) row[c] = row[c] ?? null;
    }
    this.pkg.setMeta(grid);
  }

  /**
   * Names and ids of the tables on a sheet as it stands in this session: those written this
   * session for a sheet written, else those in the file (for a sheet of ours, what it replaces).
   */
  private async previousTables(sheet: SheetEntry): Promise<{ name: string; id: number }[]> {
    const written = this.pkg.written.get(sheet.part);
    const tables = written ? written.tables : await this.pkg.tablesOf(sheet);
    return tables.map((t) => ({ name: t.name, id: t.id }));
  }

  /** What the user typed into the plan's preserved cells on the sheet being replaced. */
  private async keptCells(sheet: SheetEntry, plan: SheetPlan): Promise<KeptCell[]> {
    const blocks = plan.blocks.filter((b) => b.preserve).map((b) => {
      const { row, column } = parseCellAddress(b.at);
      return { top: row, left: column, bottom: row + b.values.length - 1, right: column + Math.max(0, ...b.values.map((v) => v.length)) - 1 };
    });
    if (!blocks.length) return [];
    const inside = (row: number, column: number) => blocks.some((b) => row >= b.top && row <= b.bottom && column >= b.left && column <= b.right);
    const written = this.pkg.written.get(sheet.part);
    if (written) return written.kept.filter((k) => inside(k.row, k.column));
    const kept: KeptCell[] = [];
    const top = Math.min(...blocks.map((b) => b.top));
    const bottom = Math.max(...blocks.map((b) => b.bottom));
    await this.pkg.scan(sheet, (cell) => {
      if (!inside(cell.row, cell.column)) return;
      const xml = keptXml(cell);
      if (xml) kept.push({ row: cell.row, column: cell.column, xml });
    }, { fromRow: top, toRow: bottom });
    return kept;
  }

  private async candidates(): Promise<Candidate[]> {
    if (this.candidateCache) return this.candidateCache;
    const { pkg } = this;
    const generated = await this.registry();
    const found: Candidate[] = [];
    for (const sheet of pkg.sheets) {
      // AR Desk's own sheets hold tables that look like invoices (the detail sheet): never candidates.
      if (sheet.name === REGISTRY_SHEET || sheet.added || pkg.written.has(sheet.part)) continue;
      const tables = await pkg.tablesOf(sheet);
      if (isGenerated(generated, sheet.name, "", tables.map((t) => t.name))) continue;
      for (const t of tables) {
        const top = t.headerRow ? t.top : t.top - 1;
        const lastRow = t.totalsRow ? t.bottom - 1 : t.bottom;
        found.push({
          info: { name: t.name, sheet: sheet.name, headers: t.columns, headerAddress: cellAddress(Math.max(1, top), t.left), rowCount: lastRow - top, kind: "table" },
          sheet,
          firstDataRow: top + 1,
          lastRow,
          left: t.left,
        });
      }
      if (tables.length) continue;
      // No Excel table: look for a header row under any title rows of the used range.
      const preview: CellValue[][] = [];
      let rows = 0;
      let columns = 0;
      await pkg.scan(sheet, (cell) => {
        if (cell.value === undefined && cell.inline === undefined) return;
        rows = Math.max(rows, cell.row);
        columns = Math.max(columns, cell.column);
        if (cell.row <= HEADER_SEARCH_ROWS) {
          while (preview.length < cell.row) preview.push([]);
          preview[cell.row - 1][cell.column - 1] = pkg.valueOf(cell);
        }
      });
      if (!rows) continue;
      const normalised = preview.map((row) => Array.from({ length: columns }, (_, c) => row[c] ?? null));
      const headerIndex = findHeaderRow(normalised);
      if (headerIndex < 0) continue;
      const headerCells = normalised[headerIndex];
      const left = headerCells.findIndex((c) => !isBlank(c)) + 1;
      let right = headerCells.length;
      while (right > left && isBlank(headerCells[right - 1])) right--;
      const headerRow = headerIndex + 1;
      const headers = headerCells.slice(left - 1, right).map((c) => (c === null ? "" : c instanceof Date ? c.toISOString() : String(c)));
      found.push({
        info: { name: `${sheet.name}!${cellAddress(headerRow, left)}`, sheet: sheet.name, headers, headerAddress: cellAddress(headerRow, left), rowCount: rows - headerRow, kind: "range" },
        sheet,
        firstDataRow: headerRow + 1,
        lastRow: rows,
        left,
      });
    }
    return (this.candidateCache = found);
  }
}

/**
 * The table a plan table had on the sheet before: the one of its name, or one AR Desk had named
 * `Name2`, `Name3`… because the name was taken then (unless another plan table has that name).
 */
function previousTable(previous: readonly { name: string; id: number }[], wanted: string, plan: SheetPlan): { name: string; id: number } | undefined {
  const lower = wanted.toLowerCase();
  const exact = previous.find((p) => p.name.toLowerCase() === lower);
  if (exact) return exact;
  return previous.find((p) => {
    const name = p.name.toLowerCase();
    return name.startsWith(lower) && /^\d+$/.test(name.slice(lower.length)) && !plan.tables.some((t) => t.name.toLowerCase() === name);
  });
}

/** The table with only the picked columns, in the order picked. */
function project(table: GeneratedTable, pick?: (headers: readonly string[]) => readonly string[]): GeneratedTable {
  if (!pick) return table;
  const indexes = pick(table.headers).map((h) => table.headers.indexOf(h)).filter((i) => i >= 0);
  return { sheet: table.sheet, headers: indexes.map((i) => table.headers[i]), rows: table.rows.map((row) => indexes.map((i) => row[i] ?? null)), date1904: table.date1904 };
}
