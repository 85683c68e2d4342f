/**
 * fakeExcel: a FAKE Excel host, a stand-in for Excel written for tests. It is NOT Excel.
 *
 * An in-memory implementation of the part of the Excel JavaScript API (the `Excel` namespace:
 * `Excel.run`, RequestContext, Workbook, Worksheet(s), Range, Table(s), TableColumn(s)) that
 * src/excel uses, enforcing Excel's rules: properties must be loaded and synced before they are
 * read (PropertyNotLoaded), writes apply only on `context.sync()`, each sync is counted and its
 * request measured, a request over 5 MB is rejected (RequestPayloadSizeLimitExceeded) and
 * applies nothing, "=" text becomes a formula and "'" text is literal. See README.md.
 *
 * Runs under jest (node) and in a browser: no Node APIs (byte sizes use TextEncoder).
 */
import { formatRect, parseRect, splitSheet, type Rect } from "./address";
import { FakeErrorCodes, FakeOfficeError } from "./errors";
import { emptyStats, RequestContext, type FakeStats, type HostFeatures, type HostLimits, type Host } from "./proxies";
import type { CellValueRule, ColorScaleCriteria } from "./visuals";
import { bodyRect, headerRect, tableRect, totalsRect, WorkbookState, type CellState, type Scalar, type SheetState, type TableState } from "./state";

export { FakeErrorCodes, FakeOfficeError } from "./errors";
export type { FakeStats, HostFeatures, SyncRecord } from "./proxies";
export { RequestContext } from "./proxies";

export const FIVE_MB = 5 * 1024 * 1024;

export interface FakeTableInfo {
  name: string;
  sheet: string;
  /** Whole table (header, body, totals), e.g. "B3:F10". */
  address: string;
  headerAddress: string;
  bodyAddress: string;
  totalsAddress: string | null;
  headers: string[];
  rowCount: number;
  showTotals: boolean;
  style: string;
}

export interface FakeSheetInfo {
  name: string;
  id: string;
  position: number;
  visibility: "Visible" | "Hidden" | "VeryHidden";
}

export interface FakeCell {
  /** The value a read of `values` returns (formulas evaluated where the fake can). */
  value: Scalar;
  formula: string | null;
  /** True when the text was written with the apostrophe text prefix. */
  textPrefix: boolean;
  numberFormat: string;
  /** What Excel shows (Range.text): the value under its number format, in the workbook's date system. */
  text: string;
  bold: boolean;
  italic: boolean;
  fontSize: number;
}

/** A conditional format as the test API reports it (see visuals.ts). */
export interface FakeConditionalFormatInfo {
  type: string;
  /** Cells it applies to, e.g. "B12:G20". */
  address: string;
  /** 0 is the top priority. */
  priority: number;
  colorScale?: ColorScaleCriteria;
  cellValue?: { rule: CellValueRule | null; fill: string | null; fontColor: string | null };
}

export interface FakeChartInfo {
  name: string;
  type: string;
  title: string;
  /** Top-left and bottom-right cells covered ("H12", "O29"), null until setPosition. */
  from: string | null;
  to: string | null;
  /** Sheet-qualified addresses, as Excel shows them in a series formula; null where unset. */
  series: { name: string; values: string | null; categories: string | null }[];
  legendPosition: string;
  categoryAxisReversed: boolean;
}

export interface FakeExcelNamespace {
  run<T>(batch: (context: RequestContext) => Promise<T>): Promise<T>;
  run<T>(object: unknown, batch: (context: RequestContext) => Promise<T>): Promise<T>;
  RequestContext: new () => RequestContext;
  ErrorCodes: typeof FakeErrorCodes;
  SheetVisibility: { visible: "Visible"; hidden: "Hidden"; veryHidden: "VeryHidden" };
  ClearApplyTo: { all: "All"; formats: "Formats"; contents: "Contents" };
}

export interface FakeExcel {
  /** Namespace-like object to use as `Excel` (install with installFakeOffice). */
  readonly Excel: FakeExcelNamespace;
  readonly OfficeExtension: { Error: typeof FakeOfficeError; ErrorCodes: typeof FakeErrorCodes };
  /** Live statistics: syncs, request sizes, calculation suspension. */
  readonly stats: FakeStats;
  readonly limits: HostLimits;
  resetStats(): void;
  /** Adds a sheet holding `values` (stored literally: no formula or number parsing) from `at`. */
  addSheet(name: string, values?: readonly (readonly unknown[])[], at?: string): void;
  /** Adds a table on a sheet (created when missing); values include the header row. */
  addTable(sheet: string, name: string, address: string, valuesWithHeader: readonly (readonly unknown[])[], options?: { showTotals?: boolean; style?: string }): void;
  /** Adds a defined name as a user would: scoped to the workbook, or to `sheet` when given. */
  addName(name: string, formula: string, sheet?: string): void;
  /** Defined names, workbook-scoped ones with sheet null. */
  listNames(): { name: string; formula: string; sheet: string | null }[];
  /**
   * Runs `hook` just before each later sync's batch is applied (sync numbers count from 1, as in
   * stats.syncCount): a co-author's edit landing between two round trips. null removes it.
   */
  beforeSync(hook: ((sync: number) => void) | null): void;
  /** Renames a sheet as a user (or co-author) would; its tables and cells stay. */
  renameSheet(sheet: string, newName: string): void;
  /** Deletes a sheet (and its tables) as a user would. */
  deleteSheet(sheet: string): void;
  /** Formats cells as a user would (one format for the whole range, e.g. "B2:C9", "dd/mm/yyyy"). */
  setNumberFormat(sheet: string, address: string, format: string): void;
  /** Sets a sheet's visibility (e.g. to seed a VeryHidden sheet). */
  setVisibility(sheet: string, visibility: "Visible" | "Hidden" | "VeryHidden"): void;
  /** Values from A1 to the used range's bottom-right corner: `values[row - 1][column - 1]`. */
  getSheetValues(sheet: string): Scalar[][];
  /** Same grid; the formula text where a cell has one, else null. */
  getFormulas(sheet: string): (string | null)[][];
  /** Same grid; "General" where no format was set. */
  getNumberFormats(sheet: string): string[][];
  getCell(sheet: string, address: string): FakeCell;
  /** Column width in points (Excel's default is 48). */
  getColumnWidth(sheet: string, column: number): number;
  getFreezeRows(sheet: string): number;
  getTable(name: string): FakeTableInfo | undefined;
  listTables(): FakeTableInfo[];
  /** Conditional formats on a sheet, highest priority first. */
  getConditionalFormats(sheet: string): FakeConditionalFormatInfo[];
  getCharts(sheet: string): FakeChartInfo[];
  listSheets(): FakeSheetInfo[];
  readonly activeSheet: string | null;
  /** The selected range ("Sheet!A1:B2" style parts), or null when nothing was selected. */
  readonly selection: { sheet: string; address: string } | null;
  /** @internal the workbook model, for advanced tests. */
  readonly state: WorkbookState;
}

export interface FakeExcelOptions extends Partial<HostLimits>, Partial<HostFeatures> {
  /** The workbook uses the 1904 date system (default false); readable through Office.js only with `use1904DateSystem`. */
  date1904?: boolean;
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const host: Host = {
    state: new WorkbookState(),
    stats: emptyStats(),
    limits: { requestLimitBytes: options.requestLimitBytes ?? FIVE_MB, responseLimitBytes: options.responseLimitBytes ?? Infinity },
    features: { use1904DateSystem: options.use1904DateSystem ?? false },
  };
  host.state.date1904 = options.date1904 ?? false;
  const state = () => host.state;

  async function run<T>(a: unknown, b?: (context: RequestContext) => Promise<T>): Promise<T> {
    const batch = (typeof a === "function" ? a : b) as ((context: RequestContext) => Promise<T>) | undefined;
    if (typeof batch !== "function") throw new FakeOfficeError(FakeErrorCodes.invalidArgument, "Excel.run needs a batch function.");
    host.stats.runCount++;
    const context = new RequestContext(host);
    try {
      const result = await batch(context);
      // Like Office.js, commands still queued when the batch returns are sent in a last sync.
      if (context._ops.length) await context.sync();
      return result;
    } finally {
      context._closed = true;
    }
  }

  const Excel: FakeExcelNamespace = {
    run: run as FakeExcelNamespace["run"],
    RequestContext: function FakeRequestContext() {
      return new RequestContext(host);
    } as unknown as new () => RequestContext,
    ErrorCodes: FakeErrorCodes,
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents" },
  };

  const sheet = (name: string): SheetState => {
    const s = state().findSheet(name);
    if (!s) throw new Error(`fakeExcel: no sheet named "${name}"`);
    return s;
  };
  const grid = <T>(name: string, pick: (s: SheetState, r: number, c: number) => T): T[][] => {
    const s = sheet(name);
    const used = s.usedRect(false);
    if (!used) return [];
    const out: T[][] = [];
    for (let r = 1; r <= used.r2; r++) {
      const line: T[] = [];
      for (let c = 1; c <= used.c2; c++) line.push(pick(s, r, c));
      out.push(line);
    }
    return out;
  };
  const tableInfo = (t: TableState): FakeTableInfo => {
    const totals = totalsRect(t);
    return {
      name: t.name,
      sheet: t.sheet.name,
      address: formatRect(tableRect(t)),
      headerAddress: formatRect(headerRect(t)),
      bodyAddress: formatRect(bodyRect(t)),
      totalsAddress: totals ? formatRect(totals) : null,
      headers: state().tableHeaders(t),
      rowCount: t.bodyRows,
      showTotals: t.showTotals,
      style: t.style,
    };
  };
  const at = (address: string): Rect => {
    const rect = parseRect(splitSheet(address).local);
    if (!rect) throw new Error(`fakeExcel: not an address: ${address}`);
    return rect;
  };

  return {
    Excel,
    OfficeExtension: { Error: FakeOfficeError, ErrorCodes: FakeErrorCodes },
    get stats() {
      return host.stats;
    },
    limits: host.limits,
    resetStats() {
      host.stats = emptyStats();
    },
    addSheet(name, values = [], address = "A1") {
      const s = state().findSheet(name) ?? state().addSheet(name);
      state().seed(s, at(address), values);
    },
    addTable(sheetName, name, address, valuesWithHeader, opts = {}) {
      const s = state().findSheet(sheetName) ?? state().addSheet(sheetName);
      const start = at(address);
      const rows = valuesWithHeader.length;
      // A loop, not Math.max(...rows): a million-row seed would overflow the call stack.
      const cols = valuesWithHeader.reduce((most, r) => Math.max(most, r.length), 0);
      state().seed(s, start, valuesWithHeader);
      const table = state().addTable(s, { r1: start.r1, c1: start.c1, r2: start.r1 + rows - 1, c2: start.c1 + cols - 1 }, true);
      state().checkTableName(name, table);
      table.name = name;
      if (opts.style) table.style = opts.style;
      if (opts.showTotals) state().setShowTotals(table, true);
    },
    addName(name, formula, sheetName) {
      state().addName(name, formula, sheetName === undefined ? null : sheet(sheetName));
    },
    listNames: () => state().names.map((n) => ({ name: n.name, formula: n.formula, sheet: n.sheet?.name ?? null })),
    beforeSync(hook) {
      host.beforeSync = hook ?? undefined;
    },
    renameSheet(name, newName) {
      state().renameSheet(sheet(name), newName);
    },
    deleteSheet(name) {
      state().deleteSheet(sheet(name));
    },
    setNumberFormat(name, address, format) {
      state().writeNumberFormats(sheet(name), at(address), format);
    },
    setVisibility(name, visibility) {
      state().setVisibility(sheet(name), visibility);
    },
    getSheetValues: (name) => grid(name, (s, r, c) => state().valueOf(s, r, c)),
    getFormulas: (name) => grid(name, (s, r, c) => s.get(r, c)?.formula ?? null),
    getNumberFormats: (name) => grid(name, (s, r, c) => s.get(r, c)?.numberFormat ?? "General"),
    getCell(name, address) {
      const s = sheet(name);
      const { r1, c1 } = at(address);
      const cell: CellState | undefined = s.get(r1, c1);
      return {
        value: state().valueOf(s, r1, c1),
        formula: cell?.formula ?? null,
        textPrefix: cell?.prefixed ?? false,
        numberFormat: cell?.numberFormat ?? "General",
        text: state().textsOf(s, { r1, c1, r2: r1, c2: c1 })[0][0],
        bold: cell?.bold ?? false,
        italic: cell?.italic ?? false,
        fontSize: cell?.fontSize ?? 11,
      };
    },
    getColumnWidth: (name, column) => sheet(name).columnWidths.get(column) ?? 48,
    getFreezeRows: (name) => sheet(name).freezeRows,
    getTable(name) {
      const t = state().findTable(name);
      return t ? tableInfo(t) : undefined;
    },
    listTables: () => state().tables.map(tableInfo),
    getConditionalFormats: (name) =>
      sheet(name).conditionalFormats.map((cf, priority) => ({
        type: cf.type,
        address: formatRect(cf.rect),
        priority,
        ...(cf.colorScale ? { colorScale: JSON.parse(JSON.stringify(cf.colorScale)) as ColorScaleCriteria } : {}),
        ...(cf.cellValue ? { cellValue: { rule: cf.cellValue.rule ? { ...cf.cellValue.rule } : null, fill: cf.cellValue.fillColor, fontColor: cf.cellValue.fontColor } } : {}),
      })),
    getCharts: (name) =>
      sheet(name).charts.map((c) => {
        const where = (r: { sheet: SheetState; rect: Rect } | null) => (r ? state().addressOf(r.sheet, r.rect) : null);
        return {
          name: c.name,
          type: c.type,
          title: c.title,
          from: c.position ? formatRect(c.position.start) : null,
          to: c.position?.end ? formatRect(c.position.end) : null,
          series: c.series.map((s) => ({ name: s.name, values: where(s.values), categories: where(s.categories) })),
          legendPosition: c.legendPosition,
          categoryAxisReversed: c.categoryAxisReversed,
        };
      }),
    listSheets: () => state().sheets.map((s, position) => ({ name: s.name, id: s.id, position, visibility: s.visibility })),
    get activeSheet() {
      return state().activeSheet?.name ?? null;
    },
    get selection() {
      const sel = state().selection;
      return sel ? { sheet: sel.sheet.name, address: formatRect(sel.rect) } : null;
    },
    get state() {
      return host.state;
    },
  };
}

export interface InstalledOffice {
  /** Functions registered with Office.actions.associate (ribbon commands), by id. */
  actions: Map<string, (...args: unknown[]) => unknown>;
  /** Removes the globals again. */
  uninstall(): void;
}

/**
 * Installs the fake as `Excel`, `OfficeExtension` and a minimal `Office` on a global object
 * (globalThis in jest, window in a browser), so task pane and ribbon code run against it.
 * Office.onReady resolves { host: "Excel", platform: "PC" }.
 */
export function installFakeOffice(globalObj: Record<string, unknown>, fake: FakeExcel, options: { maxExcelApi?: string } = {}): InstalledOffice {
  const actions = new Map<string, (...args: unknown[]) => unknown>();
  const maxExcelApi = options.maxExcelApi ?? "1.7";
  const info = { host: "Excel", platform: "PC" };
  const before = { Excel: globalObj.Excel, Office: globalObj.Office, OfficeExtension: globalObj.OfficeExtension };
  const versionAtMost = (a: string, b: string) => {
    const [a1, a2 = 0] = a.split(".").map(Number);
    const [b1, b2 = 0] = b.split(".").map(Number);
    return a1 < b1 || (a1 === b1 && a2 <= b2);
  };
  const Office = {
    HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
    onReady(callback?: (i: typeof info) => void): Promise<typeof info> {
      if (callback) setTimeout(() => callback(info), 0);
      return Promise.resolve(info);
    },
    initialize: undefined as unknown,
    context: {
      host: "Excel",
      platform: "PC",
      document: { url: "fake://workbook.xlsx", mode: "ReadWrite" },
      displayLanguage: "en-US",
      requirements: {
        isSetSupported: (name: string, version = "1.1") => name.toLowerCase() === "excelapi" && versionAtMost(String(version), maxExcelApi),
      },
      officeTheme: undefined,
    },
    actions: {
      associate(id: string, fn: (...args: unknown[]) => unknown) {
        actions.set(id, fn);
      },
    },
  };
  globalObj.Excel = fake.Excel;
  globalObj.OfficeExtension = fake.OfficeExtension;
  globalObj.Office = Office;
  return {
    actions,
    uninstall() {
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete globalObj[k];
        else globalObj[k] = v;
      }
    },
  };
}
