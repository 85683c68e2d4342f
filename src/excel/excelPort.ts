/**
 * The Office.js adapter: WorkbookPort over a live Excel workbook, inside one `Excel.run`.
 *
 * Office.js habits kept here: load before read, sync before read, no sync in a loop except the
 * read- and write-chunk loops (which are the point of chunking). What a refresh costs:
 *   1. tables, worksheets, the "_ardesk" registry and settings, the workbook's defined names,
 *      and its date system (1900 or 1904) where Office.js exposes it              (listTables)
 *   2. header rows, row counts and each table's first rows (a small table whole), plain sheets'
 *      first rows, the headers of AR Desk's own tables, each sheet's own names, and a few
 *      cells' shown text, which tells the date system where Office.js does not   (listTables)
 *   then the rest of a large body in even chunks whose responses stay under ~4 MB (readTable),
 *   then one sync per write chunk: a sheet's first chunk stages it (a hidden sheet), its last
 *   one also adds tables, formats and visuals, swaps it in and registers it (a small sheet is
 *   one sync), and one sync at the end (Excel.run's own) records the last sheet's id.
 *   So 3 + read chunks + write chunks; a replaced sheet holding cells the user typed costs one
 *   more below ExcelApi 1.9 (read first, as Range.copyFrom is missing there).
 * Every write request stays under Excel on the web's 5 MB limit: rows are chunked by their
 * JSON size (budget 4 MB) and a chunk rejected with RequestPayloadSizeLimitExceeded is halved
 * and sent again (a rejected request applies nothing). Calculation is suspended in every write
 * sync (suspendApiCalculationUntilNextSync, ExcelApi 1.6; the manifest asks for 1.7).
 * A sheet being replaced is left as it was until its last sync (see writeSheet), so a cancel,
 * a failure or a co-author renaming or deleting it part-way never leaves a half-written sheet.
 */
import { ArDeskError, cancelled } from "../core/errors";
import type { CellValue, GeneratedTable, TableData, TableInfo, WorkbookPort, WriteProgress, WriteResult } from "../workbook/port";
import { findHeaderRow, HEADER_SEARCH_ROWS } from "../workbook/findHeaderRow";
import { generatedSheetName, isGenerated, liveEntries, parseRegistry, REGISTRY_COLUMNS, REGISTRY_SHEET, registryValues, SETTINGS_COLUMN, SETTINGS_HEADER, settingsTextFrom, STAGING_KIND, withGenerated, type RegistryEntry } from "../workbook/registry";
import { settingsChunks } from "../workbook/settings";
import { workbookUses1904, type ShownCell } from "./dateSystem";
import { queuePlanVisuals } from "./planVisuals";
import { cellAddress, cellSizedText, columnLetters, looksLikeFormula, parseCellAddress, type PlanCell, type PlanStyle, type SheetPlan } from "../workbook/sheetPlan";

/** Default byte budget of one write chunk: well under the 5 MB request limit, room for overhead. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
/** Excel column width in points per character of the default font (approximate). */
const POINTS_PER_CHAR = 7;
const PAYLOAD_TOO_LARGE = "RequestPayloadSizeLimitExceeded";
/** Rows in a worksheet. */
const MAX_ROWS = 1_048_576;

/** Default byte budget of one read response: well under Excel on the web's 5 MB response limit. */
export const DEFAULT_READ_BYTES = 4 * 1024 * 1024;
/** Guess of one cell's size in a values response before any row was seen (JSON, generous). */
const BYTES_PER_CELL_GUESS = 40;
const RESPONSE_TOO_LARGE = "ResponsePayloadSizeLimitExceeded";
/** Columns assumed when sizing the sample of a table read with the listing (its width unknown yet). */
const SAMPLE_COLUMNS = 32;
/**
 * Cells whose shown text tells a 1904 workbook (see exposesDateSystem): the first rows of each
 * user table, fewer rows the more tables there are, about DATE_PROBE_CELLS cells in all for
 * tables of SAMPLE_COLUMNS columns and never less than one row each.
 */
const DATE_PROBE_CELLS = 320;
const DATE_PROBE_ROWS = 3;
/**
 * The top of one of AR Desk's own sheets, probed when it is read before any listing (marking a
 * reminder sent): every sheet with an as-of date shows it in B2, formatted with a 4-digit year.
 */
const OWN_SHEET_TOP = "A1:F6";
/** Room each write chunk leaves for the last sync's tables, formats, visuals and registry. */
const FINISH_RESERVE = 64 * 1024;

export interface ExcelPortOptions {
  /** Byte budget of one write chunk (tests lower it to force several chunks). */
  chunkBytes?: number;
  /** Byte budget of one read response (tests lower it to force several read chunks). */
  readBytes?: number;
  /**
   * Aborting it stops a read or write at its next chunk with ArDeskError "CANCELLED"; a sheet
   * being replaced is then left as it was (its staging sheet is deleted).
   */
  signal?: AbortSignal;
}

/** Rows of `total` per read chunk so that `bytesPerRow × rows` stays within `budget` (at least 1). */
export function readChunkRows(bytesPerRow: number, budget: number): number {
  return Math.max(1, Math.floor(budget / Math.max(1, bytesPerRow)));
}

interface SheetSnapshot {
  name: string;
  id: string;
  position: number;
  /** Shown to the user: a staging sheet someone unhid is theirs to keep. */
  visible: boolean;
}

/** What the workbook looked like at the last read: enough to decide ownership without a sync. */
interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  registryExists: boolean;
  registry: RegistryEntry[];
  tables: { name: string; sheet: string }[];
  /**
   * Defined names a new table must not take: the workbook's, and each sheet's own where the
   * listing read them (sheet set); a refresh always lists first, so both are known when it writes.
   */
  names: { name: string; sheet?: string }[];
  /** Workbook.use1904DateSystem as read; undefined where this Office.js lacks it (see exposesDateSystem). */
  date1904?: boolean;
}

type ExcelInput = string | number | boolean;

/** A row of a plan table's body, flattened across tables so chunks can span them. */
interface BodyRow {
  table: number;
  /** 0-based row within the table body. */
  index: number;
  values: ExcelInput[];
  bytes: number;
}

interface TableLayout {
  headerRow: number;
  firstColumn: number;
  lastColumn: number;
  /** Rows of the body as Excel will hold them (a table always keeps at least one). */
  bodyRows: number;
  headers: string[];
}

/** A sheet being written: what it replaces, where it is staged, what the registry said before. */
interface StagedWrite {
  plan: SheetPlan;
  existing?: SheetSnapshot;
  /** Name of the hidden sheet written into: a staging name, or the plan's name for a new sheet. */
  staging: string;
  registryExists: boolean;
  /** Registry entries before this write (restored when it stops part-way). */
  before: RegistryEntry[];
  /** Registry entries of other sheets, kept as they are. */
  kept: RegistryEntry[];
  /** Blocks whose cells the user types into, when an old sheet has them. */
  preserved: SheetPlan["blocks"];
  /** Range.copyFrom is there (ExcelApi 1.9): those cells are copied in the swap, not read first. */
  copyPreserved: boolean;
  sheet?: Excel.Worksheet;
  sheetId?: string;
  /** What the user had in the preserved cells, read in the first sync. */
  keptCells?: { at: string; formulas: unknown[][] }[];
  registryWrittenWithoutId?: boolean;
  /** Names of the tables queued in the swap. */
  tables?: string[];
}

/** A table's header and first rows as listTables read them. */
interface TableSample {
  header: unknown[][];
  headerAddress: string;
  rowCount: number;
  rows: CellValue[][];
}

/** Loads queued in one write sync, read after it. */
interface StagedReads {
  preserved?: { at: string; range: Excel.Range }[];
  old?: Excel.Worksheet;
}

const encoder = new TextEncoder();
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** "Data!B3:F9" or "'AR Aging'!B3" → 1-based row and column of its first cell. */
function firstCell(address: string): { row: number; column: number } {
  const local = address.slice(address.lastIndexOf("!") + 1).split(":")[0];
  return parseCellAddress(local);
}

const MONTH_FIRST = /^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[\s\-/.,]+\d/i;

/**
 * True when Excel would not keep the text as typed: a formula or command (=, +, -, @), a leading
 * apostrophe (Excel's own text prefix), or something Excel parses into a number, date, boolean
 * or error value ("0042", "5%", "$12", "TRUE", "Jan 5", "#N/A").
 */
export function needsTextPrefix(text: string): boolean {
  return (
    looksLikeFormula(text) ||
    text.startsWith("'") ||
    /^\s*[\d.,$€£¥(#%]/.test(text) ||
    /^\s*(true|false)\s*$/i.test(text) ||
    MONTH_FIRST.test(text)
  );
}

/** Text written so that Excel keeps it literally: prefixed with an apostrophe when needed. */
export function literalText(text: string): string {
  return text !== "" && needsTextPrefix(text) ? `'${text}` : text;
}

/** What to write to `Range.values` for a plan cell. Only PlanFormula objects become formulas. */
export function excelInput(cell: PlanCell): ExcelInput {
  if (cell === null) return ""; // "" clears; null would mean "leave the cell unchanged" to Office.js
  if (typeof cell === "object") return cell.formula.startsWith("=") ? cell.formula : `=${cell.formula}`;
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "";
  if (typeof cell === "boolean") return cell;
  return literalText(cellSizedText(cell));
}

/** A column name inside the brackets of a structured reference ([Total], [1–30]). */
export function structuredName(header: string): string {
  return header.replace(/(['#[\]@])/g, "'$1");
}

function isPayloadTooLarge(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === PAYLOAD_TOO_LARGE;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where a table's rows are, as found by listTables (plain ranges need it again in readTable). */
interface RangeFound {
  sheet: string;
  headerRow: number;
  firstColumn: number;
  lastColumn: number;
}

/** "Sheet!B3" (or "'My sheet'!B3") → sheet and header cell of a plain-range table name. */
function rangeOf(info: TableInfo): RangeFound {
  const { row, column } = parseCellAddress(info.headerAddress);
  return { sheet: info.sheet, headerRow: row, firstColumn: column, lastColumn: column + Math.max(1, info.headers.length) - 1 };
}

/** A used range's values placed as if read from A1 (the used range may start further in). */
function fromA1(values: unknown[][], address: string): unknown[][] {
  const { row, column } = firstCell(address);
  const pad: unknown[] = Array(column - 1).fill("");
  return [...Array.from({ length: row - 1 }, () => []), ...values.map((r) => [...pad, ...r])];
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** UTF-8 size of a row as it travels in a values response. */
function rowBytes(row: readonly unknown[]): number {
  return encoder.encode(JSON.stringify(row)).length + 1;
}

function isResponseTooLarge(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === RESPONSE_TOO_LARGE;
}

function tableGone(info: TableInfo): ArDeskError {
  return new ArDeskError(
    "TABLE_NOT_FOUND",
    `The sheet "${info.sheet}" with the table "${info.name}" was renamed or deleted while AR Desk was reading it, so nothing was written.`,
    "Run AR Desk again: it will look for the table where it is now.",
  );
}

/** The table's sheet went (or was renamed) between two syncs: a co-author's edit. */
const isGoneDuringRead = (error: unknown) => isItemNotFound(error) || (error as { code?: unknown } | null)?.code === "InvalidObjectPath";

/**
 * True where this Office.js library has Workbook.use1904DateSystem. It is a preview API: in no
 * ExcelApi requirement set up to 1.21 (ExcelApi 1.16 added only getLinkedEntityCellValue to
 * Workbook) and not in the production office.js (1.1.110), only in the beta library. So it is
 * found on the object rather than by a requirement-set version: loading a property the library
 * does not know would fail the listing's whole sync.
 * Office.js hands serials over, and takes them, in the workbook's own system, so the system is
 * decided once per run, before any table data is returned (see decideDateSystem): this API's
 * answer where the library has it; else the dates Excel shows (Range.text, ExcelApi 1.1) for a
 * few cells read in a sync the run makes anyway (the listing's second; the table's own read when
 * one of AR Desk's sheets is read without a listing), whose 4-digit year is four years apart in
 * the two systems (workbookUses1904); else 1900. So the production office.js gets a 1904
 * workbook wrong only where no probed cell shows a date with its year in full (dates shown as
 * "dd/mm/yy" or as plain numbers): then its dates are read and written 4 years and a day off.
 */
function exposesDateSystem(workbook: Excel.Workbook): boolean {
  return "use1904DateSystem" in workbook;
}

/** True where Range.copyFrom is available (ExcelApi 1.9; the manifest asks for 1.7 only). */
function canCopyRanges(): boolean {
  return typeof Office !== "undefined" && Boolean(Office.context?.requirements?.isSetSupported("ExcelApi", "1.9"));
}

/** A read table as the pipeline takes it. */
function tableData(info: TableInfo, header: unknown[][], headerAddress: string, rows: CellValue[][], topLeft: { row: number; column: number }, date1904: boolean): TableData {
  const at = firstCell(headerAddress);
  return {
    name: info.name,
    sheet: info.sheet,
    headers: (header[0] ?? []).map((h) => String(h ?? "")),
    headerAddress: cellAddress(at.row, at.column),
    rowCount: rows.length,
    rows,
    firstDataRow: topLeft.row,
    firstColumn: topLeft.column,
    // Office.js hands serials over in the workbook's own date system.
    date1904,
  };
}

function sheetChanged(sheet: string): ArDeskError {
  return new ArDeskError(
    "WRITE_FAILED",
    `The sheet "${sheet}" was renamed or deleted by someone else while AR Desk was replacing it, so AR Desk stopped: nothing was half written and their change was kept.`,
    "Run the refresh again.",
  );
}

/** A free name for the hidden sheet a replacement is written into; leftovers of ours are reused. */
function stagingName(name: string, sheets: readonly SheetSnapshot[], leftovers: readonly RegistryEntry[]): string {
  const free = (n: string) => !sheets.some((s) => sameName(s.name, n)) || leftovers.some((e) => sameName(e.sheet, n));
  let temp = `${name.slice(0, 24)} (new)`;
  for (let n = 2; !free(temp); n++) temp = `${name.slice(0, 22)} (new ${n})`;
  return temp;
}

/** "B7:D9": the cells of a block. */
function blockRange(block: SheetPlan["blocks"][number]): string {
  const { row, column } = parseCellAddress(block.at);
  const columns = Math.max(1, ...block.values.map((r) => r.length));
  return `${cellAddress(row, column)}:${cellAddress(row + Math.max(1, block.values.length) - 1, column + columns - 1)}`;
}

/** Request bytes of a plan's blocks (they travel in its first chunk). */
function blockBytes(plan: SheetPlan): number {
  return plan.blocks.reduce((sum, b) => sum + encoder.encode(JSON.stringify(b.values)).length, 0);
}

const isItemNotFound = (error: unknown) => (error as { code?: unknown } | null)?.code === "ItemNotFound";

export class ExcelWorkbookPort implements WorkbookPort {
  private snapshot?: WorkbookSnapshot;
  /** The "_ardesk" values read in listTables' first sync, used once by readSettings (no extra sync). */
  private metaValues?: unknown[][] | null;
  /** Whether "_ardesk" exists, as last seen in this run (undefined: not known yet). */
  private metaExists?: boolean;
  /**
   * The workbook's date system as decided for this run (see exposesDateSystem), undefined until
   * then; once table data was returned or the workbook said, the run keeps it throughout.
   */
  private dateSystem?: boolean;
  /** Generated tables read in this run, by lower-case name (see readGeneratedTable). */
  private readonly generated = new Map<string, GeneratedTable>();
  /** First rows of the user's tables read by listTables (a small table whole), used once by readTable. */
  private samples = new Map<string, TableSample>();
  /** Header rows of AR Desk's own tables, read by listTables, until this run rewrites them. */
  private generatedHeads = new Map<string, string[]>();
  private readonly chunkBytes: number;
  private readonly readBytes: number;
  private readonly signal?: AbortSignal;

  constructor(
    private readonly context: Excel.RequestContext,
    options: ExcelPortOptions = {},
  ) {
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    this.readBytes = options.readBytes ?? DEFAULT_READ_BYTES;
    this.signal = options.signal;
  }

  /**
   * Excel tables, and header rows found in the used range of sheets without tables (not AR Desk's
   * own sheets). Two syncs: sheets, tables and "_ardesk"; then every header row, row count and
   * first rows (kept for readTable), and the first HEADER_SEARCH_ROWS rows of each plain sheet's
   * used range. The date system is settled by its end (see exposesDateSystem), before readTable
   * returns any rows; a TableInfo comes from here, so readTable never runs before it.
   */
  async listTables(): Promise<TableInfo[]> {
    const loads = this.queueSnapshotLoads();
    await this.context.sync();
    const snap = snapshotOf(loads);
    this.snapshot = snap;
    this.decideDateSystem(snap.date1904, [], false);
    this.metaExists = snap.registryExists;
    this.metaValues = snap.registryExists && !loads.registryUsed.isNullObject ? fromA1(loads.registryUsed.values as unknown[][], loads.registryUsed.address) : null;

    // AR Desk's own sheets are never input: the invoice detail sheet would look like invoices.
    const sheets = sheetsWithTables(snap);
    const ours = (name: string) => sameName(name, REGISTRY_SHEET) || sheets.some((s) => sameName(s.name, name) && isGenerated(snap.registry, s.name, s.id, s.tables));
    const withTables = new Set(snap.tables.map((t) => t.sheet.toLowerCase()));
    const userTables = loads.tables.items.filter((table) => !ours(table.worksheet.name));
    const plainSheets = snap.sheets.filter((s) => !ours(s.name) && !withTables.has(s.name.toLowerCase()));
    if (userTables.length === 0 && plainSheets.length === 0) {
      this.decideDateSystem(undefined, [], true);
      return [];
    }
    // Each table's first rows ride along (a small table whole), so reading it costs one sync less;
    // its width is not known yet, so the sample is sized for a wide one.
    const sampleRows = readChunkRows(SAMPLE_COLUMNS * BYTES_PER_CELL_GUESS, this.readBytes / (userTables.length + 1));
    // Shown dates tell the date system where Office.js does not: only while nothing has said it.
    const probing = this.dateSystem === undefined;
    const probeRows = Math.max(1, Math.min(DATE_PROBE_ROWS, Math.floor(DATE_PROBE_CELLS / (SAMPLE_COLUMNS * (userTables.length + plainSheets.length)))));
    const shownProps = "values,text,numberFormat";
    const queueDetails = (sample: boolean) => ({
      found: userTables.map((table) => ({
        name: table.name,
        // Read again: a co-author may have renamed the sheet since the first sync.
        where: table.worksheet.load("name"),
        header: table.getHeaderRowRange().load("values,address"),
        rows: table.rows.load("count"),
        sample: sample ? table.getDataBodyRange().getRow(0).getResizedRange(sampleRows - 1, 0).load("values") : undefined,
        // Without the sample (its rows may run off the sheet) the first row alone, which cannot.
        shown: probing ? table.getDataBodyRange().getRow(0).getResizedRange(sample ? probeRows - 1 : 0, 0).load(shownProps) : undefined,
      })),
      plain: plainSheets.map((s) => {
        const used = this.context.workbook.worksheets.getItem(s.name).getUsedRangeOrNullObject(true).load("address,rowCount");
        // The first rows of the used range; rows past its end come back blank.
        const preview = used.getRow(0).getResizedRange(HEADER_SEARCH_ROWS - 1, 0).load("values");
        // One row more than a table's: the first is likely the header.
        const shown = probing ? used.getRow(0).getResizedRange(probeRows, 0).load(shownProps) : undefined;
        return { sheet: s.name, used, preview, shown };
      }),
      // Each sheet's own defined names ride along (a table may not take one): no sync of their own.
      // By id and OrNullObject: a co-author deleting a sheet meanwhile does not stop the listing.
      sheetNames: snap.sheets.map((s) => {
        const sheet = this.context.workbook.worksheets.getItemOrNullObject(s.id);
        return { sheet, name: s.name, names: sheet.names.load("items/name") };
      }),
      // Headers of AR Desk's own tables ride along too, so reading back what users added beside
      // them (readGeneratedTable with a pick) costs no sync when they added nothing.
      // By name and OrNullObject: a co-author deleting one of our sheets does not stop the listing.
      heads: loads.tables.items
        .filter((table) => ours(table.worksheet.name) && !sameName(table.worksheet.name, REGISTRY_SHEET))
        .map((table) => {
          const found = this.context.workbook.tables.getItemOrNullObject(table.name);
          return { name: table.name, found, header: found.getHeaderRowRange().load("values") };
        }),
    });
    let details = queueDetails(true);
    try {
      try {
        await this.context.sync();
      } catch (error) {
        // A sample too large for one response, or running off the sheet's last row: list without it.
        if (!isResponseTooLarge(error) && (error as { code?: unknown } | null)?.code !== "InvalidArgument") throw error;
        details = queueDetails(false);
        await this.context.sync();
      }
    } catch (error) {
      if (!isGoneDuringRead(error)) throw error;
      throw new ArDeskError("TABLE_NOT_FOUND", "A sheet was renamed or deleted while AR Desk was looking for tables, so nothing was read or written.", "Run AR Desk again: it will look at the workbook as it is now.");
    }
    const { found, plain, heads, sheetNames } = details;
    this.decideDateSystem(undefined, [
      ...found.flatMap((t) => (t.shown ? shownCells(t.shown, t.rows.count) : [])),
      ...plain.flatMap((p) => (p.shown && !p.used.isNullObject ? shownCells(p.shown, p.used.rowCount) : [])),
    ], true);
    const scoped = sheetNames.filter((n) => !n.sheet.isNullObject).flatMap((n) => n.names.items.map((item) => ({ name: item.name, sheet: n.name })));
    this.snapshot = { ...snap, names: [...snap.names, ...scoped] };
    this.samples = new Map(
      found.filter((t) => t.sample).map((t) => [t.name.toLowerCase(), { header: t.header.values as unknown[][], headerAddress: t.header.address, rowCount: t.rows.count, rows: (t.sample!.values as CellValue[][]).slice(0, t.rows.count) }]),
    );
    this.generatedHeads = new Map(heads.filter((h) => !h.found.isNullObject).map((h) => [h.name.toLowerCase(), ((h.header.values as unknown[][])[0] ?? []).map((v) => String(v ?? ""))]));
    const tables: TableInfo[] = found.map((t) => {
      const { row, column } = firstCell(t.header.address);
      return {
        name: t.name,
        sheet: t.where.name,
        headers: (t.header.values[0] ?? []).map((h) => String(h ?? "")),
        headerAddress: cellAddress(row, column),
        rowCount: t.rows.count,
        kind: "table" as const,
      };
    });
    for (const p of plain) {
      if (p.used.isNullObject) continue;
      const top = firstCell(p.used.address);
      const lastRow = top.row + p.used.rowCount - 1;
      const rows = (p.preview.values as CellValue[][]).slice(0, p.used.rowCount);
      const index = findHeaderRow(rows);
      if (index < 0) continue;
      const cells = rows[index];
      const left = cells.findIndex((c) => !isBlank(c));
      let right = cells.length;
      while (right > left + 1 && isBlank(cells[right - 1])) right--;
      const headerRow = top.row + index;
      const headerAddress = cellAddress(headerRow, top.column + left);
      tables.push({
        name: `${p.sheet}!${headerAddress}`,
        sheet: p.sheet,
        headers: cells.slice(left, right).map((c) => (c === null ? "" : String(c).trim())),
        headerAddress,
        rowCount: lastRow - headerRow,
        kind: "range",
      });
    }
    return tables;
  }

  /**
   * The table's header and data rows. No sync for a table listTables read whole with its sample;
   * otherwise the rest of the body in row chunks whose responses stay under the read budget
   * (Excel on the web refuses responses over 5 MB), sized from the rows already seen, one sync
   * each. Without a sample (plain ranges, tables AR Desk wrote) the first sync reads the header
   * and a first chunk sized from a generous guess per cell.
   */
  async readTable(info: TableInfo): Promise<TableData> {
    const sample = info.kind === "range" ? undefined : this.samples.get(info.name.toLowerCase());
    this.samples.delete(info.name.toLowerCase());
    if (sample) {
      const { row, column } = firstCell(sample.headerAddress);
      const table = () => this.context.workbook.tables.getItem(info.name);
      const chunkRange = (from: number, rows: number) => table().getDataBodyRange().getRow(from).getResizedRange(rows - 1, 0);
      const rows = await this.readChunks(info, [...sample.rows], sample.rowCount, chunkRange, () => table().worksheet.load("name"));
      return tableData(info, sample.header, sample.headerAddress, rows, { row: row + 1, column }, this.date1904);
    }
    const columns = Math.max(1, info.headers.length);
    const firstRows = Math.max(1, Math.min(Math.max(1, info.rowCount), readChunkRows(columns * BYTES_PER_CELL_GUESS, this.readBytes)));
    const wb = this.context.workbook;
    let header: Excel.Range;
    let topLeft: { row: number; column: number };
    let total: () => number;
    let chunkRange: (from: number, rows: number) => Excel.Range;
    let first: Excel.Range;
    // The sheet's name now: a table renamed away with its sheet is still found by its own name.
    let where: (() => Excel.Worksheet) | undefined;
    if (info.kind === "range") {
      const r = rangeOf(info);
      const sheet = wb.worksheets.getItem(r.sheet);
      header = sheet.getRange(`${cellAddress(r.headerRow, r.firstColumn)}:${cellAddress(r.headerRow, r.lastColumn)}`).load("values,address");
      const used = sheet.getUsedRangeOrNullObject(true).load("address,rowCount");
      topLeft = { row: r.headerRow + 1, column: r.firstColumn };
      chunkRange = (from, rows) => sheet.getRange(`${cellAddress(r.headerRow + 1 + from, r.firstColumn)}:${cellAddress(r.headerRow + from + rows, r.lastColumn)}`);
      first = chunkRange(0, firstRows).load("values");
      total = () => (used.isNullObject ? 0 : Math.max(0, firstCell(used.address).row + used.rowCount - 1 - r.headerRow));
    } else {
      const table = wb.tables.getItem(info.name);
      where = () => table.worksheet.load("name");
      header = table.getHeaderRowRange().load("values,address");
      const body = table.getDataBodyRange().load("address,rowCount");
      topLeft = { row: 0, column: 0 };
      chunkRange = (from, rows) => body.getRow(from).getResizedRange(rows - 1, 0);
      first = chunkRange(0, firstRows).load("values");
      total = () => body.rowCount;
      const bodyAddress = () => firstCell(body.address);
      Object.defineProperty(topLeft, "row", { get: () => bodyAddress().row });
      Object.defineProperty(topLeft, "column", { get: () => bodyAddress().column });
    }
    const sheetNow = where?.();
    try {
      await this.context.sync();
    } catch (error) {
      if (isGoneDuringRead(error)) throw tableGone(info);
      if (isResponseTooLarge(error) && firstRows > 1) return this.readTable({ ...info, rowCount: Math.floor(firstRows / 2) });
      throw error;
    }
    if (sheetNow && !sameName(sheetNow.name, info.sheet)) throw tableGone(info);
    const rowCount = total();
    const rows = await this.readChunks(info, (first.values as CellValue[][]).slice(0, rowCount), rowCount, chunkRange, where);
    return tableData(info, header.values as unknown[][], header.address, rows, topLeft, this.date1904);
  }

  /**
   * The rest of a table's body after `rows`, one sync per chunk (the only way to stay under the
   * response limit), each also checking that the table's sheet still has the name it was listed under.
   */
  private async readChunks(info: TableInfo, rows: CellValue[][], rowCount: number, chunkRange: (from: number, rows: number) => Excel.Range, where?: () => Excel.Worksheet): Promise<CellValue[][]> {
    const bytesPerRow = Math.max(1, ...rows.slice(0, 10_000).map(rowBytes));
    // Even chunks: as many as the remaining bytes need, no last sliver of a sync.
    const remaining = rowCount - rows.length;
    const chunks = Math.ceil((remaining * bytesPerRow) / this.readBytes);
    let size = Math.max(1, Math.ceil(remaining / Math.max(1, chunks)));
    while (rows.length < rowCount) {
      if (this.signal?.aborted) throw cancelled();
      const from = rows.length;
      const count = Math.min(size, rowCount - from);
      const chunk = chunkRange(from, count).load("values");
      const sheet = where?.();
      try {
        await this.context.sync();
      } catch (error) {
        if (isResponseTooLarge(error) && count > 1) {
          size = Math.max(1, Math.floor(count / 2));
          continue;
        }
        if (isGoneDuringRead(error)) throw tableGone(info);
        throw error;
      }
      if (sheet && !sameName(sheet.name, info.sheet)) throw tableGone(info);
      for (const row of chunk.values as CellValue[][]) rows.push(row);
    }
    return rows;
  }

  /**
   * The settings text in "_ardesk" column E. Uses the values listTables just read in this run
   * (no sync) once; otherwise reads them fresh, so a co-author's change is seen.
   */
  async readSettings(): Promise<string | null> {
    if (this.metaValues !== undefined) {
      const values = this.metaValues;
      this.metaValues = undefined;
      return values ? settingsTextFrom(values) : null;
    }
    const sheet = this.context.workbook.worksheets.getItemOrNullObject(REGISTRY_SHEET).load("name");
    const used = sheet.getUsedRangeOrNullObject(true).load("values,address");
    await this.context.sync();
    this.metaExists = !sheet.isNullObject;
    if (sheet.isNullObject || used.isNullObject) return null;
    const values = fromA1(used.values as unknown[][], used.address);
    return settingsTextFrom(values);
  }

  /** Writes the settings text into "_ardesk" E1.. (creating the very hidden sheet when absent), one sync. */
  async writeSettings(text: string): Promise<void> {
    if (this.metaExists === undefined) {
      const probe = this.context.workbook.worksheets.getItemOrNullObject(REGISTRY_SHEET).load("name");
      await this.context.sync();
      this.metaExists = !probe.isNullObject;
    }
    const sheet = this.metaExists ? this.context.workbook.worksheets.getItem(REGISTRY_SHEET) : this.queueRegistrySheet();
    const column = columnLetters(SETTINGS_COLUMN);
    const chunks = settingsChunks(text).map(literalText);
    sheet.getRange(`${column}2:${column}${MAX_ROWS}`).clear("Contents");
    sheet.getRange(`${column}1:${column}${chunks.length + 1}`).values = [[SETTINGS_HEADER], ...chunks.map((c) => [c])];
    await this.context.sync();
    this.metaExists = true;
    this.metaValues = undefined;
    if (this.snapshot && !this.snapshot.registryExists) {
      this.snapshot = { ...this.snapshot, registryExists: true, sheets: [...this.snapshot.sheets, { name: REGISTRY_SHEET, id: "", position: this.snapshot.sheets.length, visible: false }] };
    }
  }

  /**
   * Body rows of a table on one of AR Desk's own sheets (e.g. the aging history), or null. No sync
   * when this run's snapshot shows no such table; otherwise one, and the rows are kept for the rest
   * of the run until AR Desk rewrites that table. With a pick, that sync reads the headers only,
   * and the body follows in response-sized chunks only when a picked column is there.
   */
  async readGeneratedTable(name: string, pick?: (headers: readonly string[]) => readonly string[]): Promise<GeneratedTable | null> {
    const cached = this.generated.get(name.toLowerCase());
    if (cached) return project(cached, pick);
    const snap = this.snapshot ?? (this.snapshot = await this.readSnapshot());
    const table = snap.tables.find((t) => sameName(t.name, name));
    const sheet = table && snap.sheets.find((s) => sameName(s.name, table.sheet));
    if (!table || !sheet || !isGenerated(snap.registry, sheet.name, sheet.id, tablesOn(snap, sheet.name))) return null;
    const heads = pick && this.generatedHeads.get(name.toLowerCase());
    if (heads && !pick(heads).some((h) => heads.includes(h))) return { sheet: sheet.name, headers: [], rows: [], date1904: this.date1904 };
    const found = this.context.workbook.tables.getItem(table.name);
    const header = found.getHeaderRowRange().load("values,address");
    // With a pick, the body (possibly 100k rows) is read only when some picked column is there.
    const body = pick ? found.getDataBodyRange().load("rowCount") : found.getDataBodyRange().load("values");
    // A user's date column must come back looking like dates, so its number format is read too.
    // Read before any listing (marking a reminder sent), its dates as shown, and those at the top
    // of its sheet, tell the date system where Office.js does not (see exposesDateSystem).
    const probing = this.dateSystem === undefined;
    const firstRow = found.getDataBodyRange().getRow(0).load(probing ? "numberFormat,values,text" : "numberFormat");
    const top = probing ? found.worksheet.getRange(OWN_SHEET_TOP).load("values,text,numberFormat") : undefined;
    try {
      await this.context.sync();
    } catch (error) {
      if (isItemNotFound(error)) return null;
      throw error;
    }
    if (probing) this.decideDateSystem(undefined, [...shownCells(firstRow, 1), ...(top ? shownCells(top, Infinity) : [])], true);
    const headers = ((header.values as unknown[][])[0] ?? []).map((v) => String(v ?? ""));
    const columnFormats = ((firstRow.numberFormat as unknown[][])[0] ?? []).map((f) => (typeof f === "string" && f !== "General" ? f : null));
    if (pick) {
      const wanted = pick(headers);
      if (!wanted.some((h) => headers.includes(h))) return { sheet: sheet.name, headers: [], rows: [], date1904: this.date1904 };
      const data = await this.readTable({ name: table.name, sheet: sheet.name, headers, headerAddress: cellAddress(firstCell(header.address).row, firstCell(header.address).column), rowCount: body.rowCount, kind: "table" });
      return project({ sheet: sheet.name, headers, rows: data.rows.filter((row) => row.some((v) => !isBlank(v))), columnFormats, date1904: this.date1904 }, pick);
    }
    const rows = (body.values as CellValue[][]).filter((row) => row.some((v) => !isBlank(v)));
    const read: GeneratedTable = { sheet: sheet.name, headers, rows, columnFormats, date1904: this.date1904 };
    this.generated.set(name.toLowerCase(), read);
    return copyOf(read);
  }

  /** Activates the sheet and selects the cell, one sync. */
  async selectCell(sheet: string, cell: string): Promise<void> {
    const worksheet = this.context.workbook.worksheets.getItem(sheet);
    worksheet.activate();
    worksheet.getRange(cell).select();
    try {
      await this.context.sync();
    } catch (error) {
      if (isItemNotFound(error)) throw new ArDeskError("TABLE_NOT_FOUND", `The sheet "${sheet}" is no longer in the workbook.`, "Validate again to find the issues where they are now.");
      throw error;
    }
  }

  /**
   * Writes a sheet plan in chunks, one sync each. A sheet AR Desk replaces is written into a
   * hidden staging sheet and swapped in only in the last sync (old one deleted, staging renamed
   * and put back at the old position), so a cancel, a failure or a co-author's change part-way
   * leaves the previous sheet exactly as it was: the staging sheet is then deleted. A new sheet
   * is written hidden and shown in the last sync. Tables, formats and the registry go in that
   * last sync too, so a sheet costs one sync per chunk. Cells the user types into
   * (PlanBlock.preserve) are copied from the old sheet in the swap where Excel can (ExcelApi 1.9);
   * below that they are read in the first sync, so a one-chunk sheet with them costs one more.
   */
  async writeSheet(requested: SheetPlan, onProgress?: (progress: WriteProgress) => void): Promise<WriteResult> {
    const snap = this.snapshot ?? (await this.readSnapshot());
    this.snapshot = undefined; // until this write succeeds and the snapshot is brought up to date
    for (const t of requested.tables) {
      this.generated.delete(t.name.toLowerCase());
      this.generatedHeads.delete(t.name.toLowerCase());
    }
    // A user's sheet of the plan's name is never touched: the plan goes under another name.
    const name = generatedSheetName(requested, sheetsWithTables(snap), snap.registry);
    const plan = name === requested.name ? requested : { ...requested, name };
    const existing = snap.sheets.find((s) => sameName(s.name, plan.name));

    const layouts = plan.tables.map((t): TableLayout => {
      const { row, column } = parseCellAddress(t.at);
      return { headerRow: row, firstColumn: column, lastColumn: column + t.headers.length - 1, bodyRows: Math.max(1, t.rows.length), headers: t.headers };
    });
    const body: BodyRow[] = [];
    plan.tables.forEach((t, ti) =>
      t.rows.forEach((row, index) => {
        const values = t.headers.map((_, j) => excelInput(row[j] ?? null));
        body.push({ table: ti, index, values, bytes: encoder.encode(JSON.stringify(values)).length + 1 });
      }),
    );
    const chunks = this.chunk(body, blockBytes(plan));

    // Staging sheets left hidden by an interrupted run are ours (registered): deleted on the
    // way. One the user has unhid may hold what they typed since: it is left to them, as the
    // file adapters leave it.
    const hiddenSheet = (sheet: string) => snap.sheets.some((s) => sameName(s.name, sheet) && !s.visible);
    const leftovers = snap.registry.filter((e) => e.kind === STAGING_KIND && hiddenSheet(e.sheet));
    // Entries of sheets that went, or that are the user's now, are dropped as the registry is rewritten.
    const live = liveEntries(snap.registry, sheetsWithTables(snap));
    const kept = live.filter((e) => !sameName(e.sheet, plan.name) && e.kind !== STAGING_KIND);
    const before = live.filter((e) => e.kind !== STAGING_KIND);
    const staging = existing ? stagingName(plan.name, snap.sheets, leftovers) : plan.name;
    const write: StagedWrite = {
      plan,
      existing,
      staging,
      registryExists: snap.registryExists,
      before,
      kept,
      preserved: existing ? plan.blocks.filter((b) => b.preserve && b.values.length > 0) : [],
      copyPreserved: canCopyRanges(),
    };
    let done = 0;
    let finished: { id: string; tables: string[] } | undefined;

    // One sync per write chunk is the point of chunking (the only sync in a loop in AR Desk).
    while (!finished) {
      const [from, to] = chunks[0] ?? [0, 0];
      const first = write.sheet === undefined;
      // The cells a user typed are read in the first sync, so they cannot also be written in it.
      const last = chunks.length <= 1 && !(first && write.preserved.length > 0 && !write.copyPreserved);
      if (this.signal?.aborted) {
        if (!first) await this.discard(write);
        throw cancelled();
      }
      const wb = this.context.workbook;
      let sheet: Excel.Worksheet;
      let created: Excel.Worksheet | undefined;
      let reads: StagedReads = {};
      let tables: string[] = [];
      try {
        if (first) {
          sheet = created = this.queueStagingSheet(write, leftovers);
          reads = this.queuePreservedReads(write);
          this.queueBlocks(sheet, plan);
          plan.tables.forEach((t, i) => {
            const l = layouts[i];
            sheet.getRange(`${cellAddress(l.headerRow, l.firstColumn)}:${cellAddress(l.headerRow, l.lastColumn)}`).values = [t.headers.map(literalText)];
          });
        } else {
          sheet = wb.worksheets.getItem(write.sheetId as string);
        }
        wb.application.suspendApiCalculationUntilNextSync();
        if (chunks.length > 0) this.queueRows(sheet, layouts, body, from, to);
        if (last) {
          tables = this.queueSwap(sheet, write, layouts, snap);
        } else if (existing) {
          // Each sync also looks at the sheet being replaced: a co-author may rename or delete it.
          reads.old = wb.worksheets.getItemOrNullObject(existing.id).load("name");
        }
        await this.context.sync();
      } catch (error) {
        if (isPayloadTooLarge(error) && to - from > 1) {
          const mid = from + Math.floor((to - from) / 2);
          chunks.splice(0, 1, [from, mid], [mid, to]);
          continue;
        }
        // Even a failed first sync may have added the staging sheet: a batch is not a transaction.
        await this.discard(write);
        throw this.writeFailed(write, error);
      }
      if (created) {
        write.sheet = created;
        write.sheetId = created.id;
        write.keptCells = reads.preserved?.map((p) => ({ at: p.at, formulas: p.range.formulas as unknown[][] }));
      }
      if (reads.old && (reads.old.isNullObject || !sameName(reads.old.name, (existing as SheetSnapshot).name))) {
        await this.discard(write);
        throw sheetChanged(plan.name);
      }
      if (last) finished = { id: write.sheetId as string, tables };
      chunks.shift();
      done++;
      onProgress?.({ done, total: done + chunks.length + (finished ? 0 : Math.max(0, 1 - chunks.length)) });
    }

    const registry = withGenerated(kept, { sheet: plan.name, kind: plan.kind, id: finished.id, tables: finished.tables });
    if (write.registryWrittenWithoutId) {
      // The id of a sheet made in this very sync was not known when the registry was queued: the
      // correction rides on the next sync (or the one Excel.run makes at its end).
      this.queueRegistryValues(this.context.workbook.worksheets.getItem(REGISTRY_SHEET), registry, false);
    }
    this.snapshot = afterWrite(snap, plan, finished.tables, finished.id, existing, registry, leftovers);
    return { sheet: plan.name, replaced: existing !== undefined, renamedFrom: plan === requested ? undefined : requested.name };
  }

  // ---- reading ------------------------------------------------------------------------------

  /** The date system to read and write in: 1900 until decided. */
  private get date1904(): boolean {
    return this.dateSystem ?? false;
  }

  /**
   * Settles the run's date system (see exposesDateSystem): what Office.js told, else what the
   * shown cells tell; with `last` (table data is about to be returned) 1900 when neither does.
   * Once settled it stays, so every date of the run is read and written in the same system.
   */
  private decideDateSystem(told: boolean | undefined, shown: readonly ShownCell[], last: boolean): void {
    if (this.dateSystem !== undefined) return;
    const decided = told ?? workbookUses1904(shown) ?? (last ? false : undefined);
    if (decided === undefined) return;
    this.dateSystem = decided;
  }

  /** Queues the loads of sheets, tables and the registry; read them with snapshotOf after a sync. */
  private queueSnapshotLoads(): SnapshotLoads {
    const wb = this.context.workbook;
    const registrySheet = wb.worksheets.getItemOrNullObject(REGISTRY_SHEET);
    return {
      sheets: wb.worksheets.load("items/name,items/id,items/position,items/visibility"),
      tables: wb.tables.load("items/name,items/worksheet/name"),
      registrySheet,
      registryUsed: registrySheet.getUsedRangeOrNullObject(true).load("values,address"),
      names: wb.names.load("items/name"),
      // In the same sync: knowing the date system costs no round trip.
      dateSystem: exposesDateSystem(wb) ? (wb.load("use1904DateSystem") as unknown as { use1904DateSystem?: boolean }) : undefined,
    };
  }

  private async readSnapshot(): Promise<WorkbookSnapshot> {
    const loads = this.queueSnapshotLoads();
    await this.context.sync();
    const snap = snapshotOf(loads);
    this.decideDateSystem(snap.date1904, [], false);
    return snap;
  }

  // ---- writing ------------------------------------------------------------------------------

  /**
   * The first sync's setup: the registry (made when missing) lists the sheet being written, as
   * staging or as a new sheet, so an interrupted run leaves nothing taken for the user's input;
   * leftover staging sheets go; the sheet written into is added hidden.
   */
  private queueStagingSheet(write: StagedWrite, leftovers: RegistryEntry[]): Excel.Worksheet {
    const sheets = this.context.workbook.worksheets;
    const registry = write.registryExists ? sheets.getItem(REGISTRY_SHEET) : this.queueRegistrySheet();
    for (const e of leftovers) sheets.getItem(e.sheet).delete();
    const entry = write.existing ? { sheet: write.staging, kind: STAGING_KIND, id: "" } : { sheet: write.plan.name, kind: write.plan.kind, id: "" };
    this.queueRegistryValues(registry, [...(write.existing ? write.before : write.kept), entry], !write.registryExists);
    const sheet = sheets.add(write.staging);
    sheet.visibility = "Hidden";
    sheet.load("id");
    return sheet;
  }

  /** Loads what the user typed into the cells a replaced sheet keeps (read in the first sync). */
  private queuePreservedReads(write: StagedWrite): StagedReads {
    if (!write.existing || write.preserved.length === 0 || write.copyPreserved) return {};
    const old = this.context.workbook.worksheets.getItem(write.existing.id);
    return { preserved: write.preserved.map((b) => ({ at: blockRange(b), range: old.getRange(blockRange(b)).load("formulas") })) };
  }

  /**
   * The last sync of a sheet: the user's kept cells, formats and visuals on the staging sheet,
   * then the swap (only if the old sheet still has its name and id: a co-author's rename or
   * delete fails the sync before anything of theirs changes), then tables and the registry.
   * Tables come after the swap because the old sheet's tables hold their names until it goes.
   */
  private queueSwap(sheet: Excel.Worksheet, write: StagedWrite, layouts: TableLayout[], snap: WorkbookSnapshot): string[] {
    const { plan, existing } = write;
    const sheets = this.context.workbook.worksheets;
    for (const cells of write.keptCells ?? []) sheet.getRange(cells.at).formulas = cells.formulas as string[][];
    if (existing && write.copyPreserved) {
      // Copied inside Excel, just before the old sheet goes: no round trip to read them first.
      const old = sheets.getItem(existing.id);
      for (const block of write.preserved) sheet.getRange(blockRange(block)).copyFrom(old.getRange(blockRange(block)), "Formulas");
    }
    this.queueFormats(sheet, plan, layouts);
    queuePlanVisuals(sheet, plan, layouts);
    if (existing) {
      sheet.visibility = "Visible"; // before the delete: Excel refuses to delete the last visible sheet
      sheets.getItem(existing.name).load("id");
      sheets.getItem(existing.id).delete();
      sheet.name = plan.name;
      sheet.position = existing.position;
    }
    const tables = this.queueTables(sheet, plan, layouts, snap, existing !== undefined);
    // A new sheet shows only once complete: if anything above fails, it is still hidden and goes.
    if (!existing) sheet.visibility = "Visible";
    write.registryWrittenWithoutId = write.sheetId === undefined;
    // Our tables' names are recorded too: on a file, where there are no sheet ids, they are what
    // tells this sheet from a user's of the same name (see RegistryEntry.tables).
    write.tables = tables;
    this.queueRegistryValues(sheets.getItem(REGISTRY_SHEET), withGenerated(write.kept, { sheet: plan.name, kind: plan.kind, id: write.sheetId ?? "", tables }), false);
    return tables;
  }

  /**
   * Undoes a write that stopped part-way: deletes the staging (or new, still hidden) sheet and
   * puts the registry back. Two syncs, only on this path: one to see what is there, one to
   * delete it. Best effort; the error that brought us here is the one the user needs.
   */
  private async discard(write: StagedWrite): Promise<void> {
    try {
      const sheets = this.context.workbook.worksheets;
      const probe = sheets.getItemOrNullObject(write.sheetId ?? write.staging).load("name,visibility,id");
      const registry = sheets.getItemOrNullObject(REGISTRY_SHEET).load("name");
      await this.context.sync();
      // Past the swap (renamed, shown) the new sheet is the user's view now: it stays.
      const unswapped = !probe.isNullObject && (write.existing ? sameName(probe.name, write.staging) : probe.visibility !== "Visible");
      if (unswapped) sheets.getItem(probe.name).delete();
      // The registry goes back too; a sheet already swapped in is registered, so the next refresh replaces it.
      const entries = unswapped || probe.isNullObject ? write.before : withGenerated(write.kept, { sheet: write.plan.name, kind: write.plan.kind, id: probe.id, tables: write.tables });
      if (!registry.isNullObject) this.queueRegistryValues(sheets.getItem(REGISTRY_SHEET), entries, false);
      await this.context.sync();
    } catch {
      // Nothing more can be done from here; the caller reports the original problem.
    }
  }

  /** Row ranges [from, to) of `body` whose JSON stays within the chunk budget; at least one chunk. */
  private chunk(body: BodyRow[], firstExtra = 0): [number, number][] {
    const chunks: [number, number][] = [];
    let start = 0;
    // The first chunk also carries the blocks; every chunk leaves room for the last one's finishing.
    const reserve = Math.min(FINISH_RESERVE, Math.floor(this.chunkBytes / 16));
    let bytes = firstExtra + reserve;
    body.forEach((row, i) => {
      if (i > start && bytes + row.bytes > this.chunkBytes) {
        chunks.push([start, i]);
        start = i;
        bytes = reserve;
      }
      bytes += row.bytes;
    });
    if (body.length > start || chunks.length === 0) chunks.push([start, body.length]);
    return chunks;
  }

  private queueRegistrySheet(): Excel.Worksheet {
    const registry = this.context.workbook.worksheets.add(REGISTRY_SHEET);
    registry.visibility = "VeryHidden";
    return registry;
  }

  private queueRegistryValues(registry: Excel.Worksheet, entries: RegistryEntry[], fresh: boolean): void {
    const values = registryValues(entries).map((row) => row.map(literalText));
    // The registry's columns only: column E holds the settings, which a registry rewrite must keep.
    if (!fresh) registry.getRange(`A:${columnLetters(REGISTRY_COLUMNS)}`).clear("Contents");
    registry.getRange(`A1:${columnLetters(values[0].length)}${values.length}`).values = values;
  }

  private queueBlocks(sheet: Excel.Worksheet, plan: SheetPlan): void {
    for (const block of plan.blocks) {
      const rows = block.values.length;
      const columns = Math.max(1, ...block.values.map((r) => r.length));
      if (rows === 0) continue;
      const { row, column } = parseCellAddress(block.at);
      const values = block.values.map((r) => Array.from({ length: columns }, (_, j) => excelInput(r[j] ?? null)));
      sheet.getRange(`${cellAddress(row, column)}:${cellAddress(row + rows - 1, column + columns - 1)}`).values = values;
    }
  }

  /** Queues body rows [from, to): one range write per run of rows of the same table. */
  private queueRows(sheet: Excel.Worksheet, layouts: TableLayout[], body: BodyRow[], from: number, to: number): void {
    let start = from;
    while (start < to) {
      let end = start + 1;
      while (end < to && body[end].table === body[start].table) end++;
      const l = layouts[body[start].table];
      const top = l.headerRow + 1 + body[start].index;
      const bottom = l.headerRow + 1 + body[end - 1].index;
      sheet.getRange(`${cellAddress(top, l.firstColumn)}:${cellAddress(bottom, l.lastColumn)}`).values = body.slice(start, end).map((r) => r.values);
      start = end;
    }
  }

  /** Excel tables over the written ranges (never TableRowCollection.add), with totals rows. */
  private queueTables(sheet: Excel.Worksheet, plan: SheetPlan, layouts: TableLayout[], snap: WorkbookSnapshot, replaced: boolean): string[] {
    // Names that stay in the workbook: tables and defined names, but those of our replaced sheet,
    // deleted with it earlier in this batch. A table may not take a defined name's name (Excel
    // refuses it, and the whole write would stop).
    const gone = (sheet?: string) => replaced && sheet !== undefined && sameName(sheet, plan.name);
    const taken = [...snap.tables.filter((t) => !gone(t.sheet)), ...snap.names.filter((n) => !gone(n.sheet))].map((t) => t.name.toLowerCase());
    return plan.tables.map((t, i) => {
      const l = layouts[i];
      let name = t.name;
      for (let n = 2; taken.includes(name.toLowerCase()); n++) name = `${t.name}${n}`;
      taken.push(name.toLowerCase());
      const bottom = l.headerRow + l.bodyRows;
      const table = sheet.tables.add(`${cellAddress(l.headerRow, l.firstColumn)}:${cellAddress(bottom, l.lastColumn)}`, true);
      table.name = name;
      table.style = t.style;
      if (t.totals) {
        table.showTotals = true;
        const totals = t.totals;
        table.getTotalRowRange().values = [
          t.headers.map((header, j) => (totals[j] === "sum" ? `=SUBTOTAL(109,[${structuredName(header)}])` : totals[j] === "label" ? "Total" : "")),
        ];
      }
      return name;
    });
  }

  /** Number formats, title styles, column widths and frozen rows: after the values. */
  private queueFormats(sheet: Excel.Worksheet, plan: SheetPlan, layouts: TableLayout[]): void {
    for (const block of plan.blocks) {
      const rows = block.values.length;
      const columns = Math.max(1, ...block.values.map((r) => r.length));
      if (rows === 0 || (!block.numberFormat && !block.style)) continue;
      const { row, column } = parseCellAddress(block.at);
      const range = sheet.getRange(`${cellAddress(row, column)}:${cellAddress(row + rows - 1, column + columns - 1)}`);
      // A single value sets every cell of the range ("single input copy" in the Excel JS API).
      if (block.numberFormat) range.numberFormat = block.numberFormat as unknown as string[][];
      if (block.style) applyStyle(range, block.style);
    }
    plan.tables.forEach((t, i) => {
      const l = layouts[i];
      const last = l.headerRow + l.bodyRows + (t.totals ? 1 : 0);
      t.columnFormats.forEach((format, j) => {
        if (!format) return;
        const column = l.firstColumn + j;
        sheet.getRange(`${cellAddress(l.headerRow + 1, column)}:${cellAddress(last, column)}`).numberFormat = format as unknown as string[][];
      });
    });
    (plan.columnWidths ?? []).forEach((chars, j) => {
      const letters = columnLetters(j + 1);
      sheet.getRange(`${letters}:${letters}`).format.columnWidth = chars * POINTS_PER_CHAR;
    });
    if (plan.freezeRows) sheet.freezePanes.freezeRows(plan.freezeRows);
  }

  private writeFailed(write: StagedWrite, error: unknown): Error {
    if (error instanceof ArDeskError) return error;
    const { plan, existing } = write;
    const code = (error as { code?: unknown } | null)?.code;
    // The old sheet is reached by name and id in the swap: either gone means someone else changed it.
    if (existing && (code === "ItemNotFound" || code === "InvalidObjectPath")) return sheetChanged(plan.name);
    if (!existing && code === "ItemAlreadyExists") {
      return new ArDeskError("WRITE_FAILED", `Someone else made a sheet named "${plan.name}" while AR Desk was writing one; AR Desk stopped and left theirs alone.`, "Run the refresh again.");
    }
    return new ArDeskError(
      "WRITE_FAILED",
      `AR Desk could not finish writing the "${plan.name}" sheet: ${messageOf(error)}`,
      existing ? `The previous "${plan.name}" sheet and your invoice table were not changed. Refresh again.` : "Your invoice table was not changed. Refresh again.",
    );
  }
}

/**
 * The snapshot after writing a sheet, so the next sheet in the same Excel.run is decided without
 * another read sync. Only what AR Desk itself changed is updated; a co-author's rename or delete
 * of a sheet being replaced meanwhile is caught by the write's own syncs (see queueSwap).
 */
function afterWrite(snap: WorkbookSnapshot, plan: SheetPlan, tableNames: string[], id: string, existing: SheetSnapshot | undefined, registry: RegistryEntry[], deleted: RegistryEntry[]): WorkbookSnapshot {
  const sheets = snap.sheets.filter((s) => !sameName(s.name, plan.name) && !deleted.some((e) => sameName(e.sheet, s.name)));
  if (!snap.registryExists) sheets.push({ name: REGISTRY_SHEET, id: "", position: sheets.length, visible: false });
  sheets.push({ name: plan.name, id, position: existing ? existing.position : sheets.length, visible: true });
  const tables = snap.tables.filter((t) => !sameName(t.sheet, plan.name));
  for (const name of tableNames) tables.push({ name, sheet: plan.name });
  // A deleted sheet's own names went with it.
  const names = snap.names.filter((n) => n.sheet === undefined || (!sameName(n.sheet, plan.name) && !deleted.some((e) => sameName(e.sheet, n.sheet!))));
  return { sheets, registryExists: true, registry, tables, names, date1904: snap.date1904 };
}

/** Names of the tables on a sheet, as the snapshot saw them. */
function tablesOn(snap: WorkbookSnapshot, sheet: string): string[] {
  return snap.tables.filter((t) => sameName(t.sheet, sheet)).map((t) => t.name);
}

/** The snapshot's sheets with their tables, to tell ours from the user's (see isGenerated). */
function sheetsWithTables(snap: WorkbookSnapshot): (SheetSnapshot & { tables: string[] })[] {
  return snap.sheets.map((s) => ({ ...s, tables: tablesOn(snap, s.name) }));
}

interface SnapshotLoads {
  sheets: Excel.WorksheetCollection;
  tables: Excel.TableCollection;
  registrySheet: Excel.Worksheet;
  registryUsed: Excel.Range;
  /** The workbook-scoped defined names (each sheet's own are read with the listing's second sync). */
  names: Excel.NamedItemCollection;
  /** The workbook with use1904DateSystem loaded, where the library has it (not in its typings yet). */
  dateSystem?: { use1904DateSystem?: boolean };
}

/** The first `rows` rows of a synced range loaded with values, text and numberFormat, cell by cell. */
function shownCells(range: Excel.Range, rows: number): ShownCell[] {
  const values = (range.values as unknown[][]).slice(0, rows);
  return values.flatMap((line, i) => line.map((value, j) => ({ value, text: String(range.text[i]?.[j] ?? ""), format: String((range.numberFormat as unknown[][])[i]?.[j] ?? "") })));
}

/** The snapshot from loads that have been synced. */
function snapshotOf(loads: SnapshotLoads): WorkbookSnapshot {
  const noRegistry = loads.registrySheet.isNullObject;
  return {
    sheets: loads.sheets.items.map((s) => ({ name: s.name, id: s.id, position: s.position, visible: s.visibility === "Visible" })),
    registryExists: !noRegistry,
    registry: noRegistry || loads.registryUsed.isNullObject ? [] : parseRegistry(fromA1(loads.registryUsed.values as unknown[][], loads.registryUsed.address)),
    tables: loads.tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
    names: loads.names.items.map((n) => ({ name: n.name })),
    date1904: loads.dateSystem ? loads.dateSystem.use1904DateSystem === true : undefined,
  };
}

function applyStyle(range: Excel.Range, style: PlanStyle): void {
  const font = range.format.font;
  switch (style) {
    case "title":
      font.bold = true;
      font.size = 16;
      break;
    case "subtitle":
      font.bold = true;
      font.size = 12;
      break;
    case "label":
      font.bold = true;
      break;
    case "note":
      font.italic = true;
      break;
  }
}

function copyOf(table: GeneratedTable): GeneratedTable {
  return { sheet: table.sheet, headers: [...table.headers], rows: table.rows.map((row) => [...row]), columnFormats: table.columnFormats && [...table.columnFormats], date1904: table.date1904 };
}

/** Only the picked columns of a table read back, in the order picked (all of them without a pick). */
function project(table: GeneratedTable, pick?: (headers: readonly string[]) => readonly string[]): GeneratedTable {
  if (!pick) return copyOf(table);
  const indexes = pick(table.headers).map((h) => table.headers.indexOf(h)).filter((i) => i >= 0);
  return {
    sheet: table.sheet,
    headers: indexes.map((i) => table.headers[i]),
    rows: table.rows.map((row) => indexes.map((i) => row[i] ?? null)),
    columnFormats: table.columnFormats && indexes.map((i) => table.columnFormats?.[i] ?? null),
    date1904: table.date1904,
  };
}

