import { chartXml, drawingXml } from "../charts";
import type { CellValue } from "../../workbook/port";
import { REGISTRY_SHEET } from "../../workbook/registry";
import { parseCellAddress } from "../../workbook/sheetPlan";
import { CONTENT_TYPE, freePartName, parseRelationships, REL, relationshipsXml, relsPathOf, updateContentTypes, type Relationship } from "./parts";
import { scanCellsStreaming, type RawCell, type ScanRange } from "./sheetScanner";
import { dateStyles, MINIMAL_STYLES, StyleBook } from "./styles";
import { deflateData, inflateEntry, inflateEntryChunks, readDirectory, writeArchive, type DeflatedData, ZipFormatError, ZipUnsupportedError, type OutputPart, type ZipEntry } from "./zipArchive";
import { ArDeskError } from "../../core/errors";
import type { PendingChart } from "../xlsxPort";
import { renderValues, type KeptCell, type WrittenTable } from "./sheetWriter";
import { attribute, decodeCellText, decodeEntities, escapeXml, startTags, stringItemText } from "./xml";

/*
 * An .xlsx file as its zip of parts: read lazily (only the parts asked for are inflated) and saved
 * as a copy of the original archive in which AR Desk's sheets are new parts and everything else
 * is the user's bytes, untouched.
 */

/** A worksheet listed in workbook.xml. */
export interface SheetEntry {
  name: string;
  sheetId: number;
  rid: string;
  /** The worksheet part, e.g. xl/worksheets/sheet1.xml. */
  part: string;
  /** True for a sheet this session added (it has no <sheet> element in workbook.xml yet). */
  added: boolean;
  veryHidden?: boolean;
  /** Hidden or very hidden. */
  hidden?: boolean;
  /** Its place among workbook.xml's <sheet> elements (what localSheetId counts); none for an added sheet. */
  index?: number;
}

/** An Excel table as its part describes it. */
export interface TablePartInfo {
  part: string;
  name: string;
  id: number;
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRow: boolean;
  totalsRow: boolean;
  columns: string[];
}

/** A sheet written this session, kept until the file is saved. */
export interface NewSheetContent {
  /** The worksheet part, deflated as soon as it is written (a 100k-row sheet is 1/10 the size so). */
  deflated: DeflatedData;
  tables: WrittenTable[];
  drawingRid?: string;
  charts: PendingChart[];
  /** Cells the user typed into preserved blocks, carried into this content. */
  kept: KeptCell[];
}

const WORKBOOK_NS_STRIP = /<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g;

/** Part text with a namespace prefix on SpreadsheetML elements (`<x:row>`) removed, as a few generators write it. */
function withoutPrefix(xml: string): string {
  const root = /<([A-Za-z_][\w.-]*):(worksheet|workbook|sst|styleSheet|table)[\s>]/.exec(xml.slice(0, 2000));
  if (!root) return xml;
  const prefix = root[1];
  const stripped = xml.replace(WORKBOOK_NS_STRIP, (m, slash: string) => (m.slice(1 + slash.length, -1) === prefix ? `<${slash}` : m));
  // The unprefixed elements need the namespace as the default, as this text may be written back.
  const uri = new RegExp(`xmlns:${prefix}="([^"]*)"`).exec(xml)?.[1];
  return uri ? stripped.replace(new RegExp(`<(${root[2]})(?=[\\s>])(?![^>]*\\sxmlns=)`), `<$1 xmlns="${uri}"`) : stripped;
}

/** An Excel serial day number as the JavaScript Date (UTC midnight) ExcelJS gives for it. */
export function dateFromSerial(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

function rangeOf(ref: string): { top: number; left: number; bottom: number; right: number } {
  const [from, to] = ref.split(":");
  const a = parseCellAddress(from);
  const b = to ? parseCellAddress(to) : a;
  return { top: a.row, left: a.column, bottom: b.row, right: b.column };
}

export class XlsxPackage {
  readonly entries: Map<string, ZipEntry>;
  readonly workbookPart: string;
  readonly sheets: SheetEntry[];
  readonly date1904: boolean;
  private readonly texts = new Map<string, string>();
  private workbookRels: Relationship[];
  private sharedStringList?: string[];
  private dateStyleList?: boolean[];
  private readonly tableCache = new Map<string, TablePartInfo[]>();
  private relsCache = new Map<string, Relationship[]>();
  private styleBook?: StyleBook;
  /** Content of sheets written this session, by worksheet part. */
  readonly written = new Map<string, NewSheetContent>();
  /** The "_ardesk" sheet's values as AR Desk last set them this session (written on save), once read. */
  meta?: CellValue[][];
  private metaDirty = false;
  /** Worksheet parts whose old content (and the parts only it used) is replaced. */
  private readonly replaced = new Set<string>();
  /** Original sheets removed from the workbook this session. */
  private readonly deleted: SheetEntry[] = [];

  private constructor(
    readonly bytes: Buffer,
    /** The file, named in messages. */
    private readonly label: string,
  ) {
    this.entries = readDirectory(bytes);
    const rootRels = parseRelationships(this.text("_rels/.rels"), "");
    const office = rootRels.find((r) => r.type === REL.officeDocument);
    this.workbookPart = office?.target ?? "xl/workbook.xml";
    const workbook = this.text(this.workbookPart);
    if (!workbook) throw new ZipFormatError("no workbook part");
    if (workbook.includes("http://purl.oclc.org/ooxml/spreadsheetml/main")) {
      throw new ArDeskError("NOT_A_WORKBOOK", `${label} is saved as a Strict Open XML spreadsheet, which AR Desk cannot read.`, "Open it in Excel and save it as an Excel Workbook (.xlsx).");
    }
    this.workbookRels = parseRelationships(this.text(relsPathOf(this.workbookPart)), this.workbookPart);
    const workbookPr = startTags(workbook, "workbookPr")[0];
    const flag = workbookPr && attribute(workbookPr, "date1904");
    this.date1904 = flag === "1" || flag === "true";
    this.sheets = startTags(workbook, "sheet").map((tag, index) => {
      const rid = attribute(tag, ":id") ?? "";
      const rel = this.workbookRels.find((r) => r.id === rid);
      const state = attribute(tag, "state");
      return { name: attribute(tag, "name") ?? "", sheetId: Number(attribute(tag, "sheetId") ?? 0), rid, part: rel?.target ?? "", added: false, veryHidden: state === "veryHidden", hidden: state === "hidden" || state === "veryHidden", index };
    });
  }

  /** Reads the package's directory and workbook part; throws ZipFormatError on damage. */
  static open(bytes: Buffer, label = "The workbook"): XlsxPackage {
    return new XlsxPackage(bytes, label);
  }

  /** A part's text (UTF-8), or undefined when there is no such part. Small parts are cached. */
  text(part: string): string | undefined {
    const cached = this.texts.get(part);
    if (cached !== undefined) return cached;
    const entry = this.entries.get(part);
    if (!entry) return undefined;
    let data: Buffer;
    try {
      data = inflateEntry(this.bytes, entry);
    } catch (error) {
      if (!(error instanceof ZipFormatError || error instanceof ZipUnsupportedError)) throw error;
      throw this.damaged(part);
    }
    const text = withoutPrefix(data.toString("utf8"));
    if (text.length < 4_000_000) this.texts.set(part, text);
    return text;
  }

  /** The relationships of a part. */
  rels(part: string): Relationship[] {
    let rels = this.relsCache.get(part);
    if (!rels) this.relsCache.set(part, (rels = parseRelationships(this.text(relsPathOf(part)), part)));
    return rels;
  }

  sheet(name: string): SheetEntry | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** The Excel tables of an original sheet (none for a sheet written this session). */
  async tablesOf(sheet: SheetEntry): Promise<TablePartInfo[]> {
    if (sheet.added || this.replaced.has(sheet.part)) return [];
    const cached = this.tableCache.get(sheet.part);
    if (cached) return cached;
    const tables: TablePartInfo[] = [];
    for (const r of this.rels(sheet.part)) {
      if (r.type !== REL.table || r.external) continue;
      const xml = this.text(r.target);
      const tag = xml && startTags(xml, "table")[0];
      if (!tag) continue;
      const range = rangeOf(attribute(tag, "ref") ?? "A1");
      const totalsRow = Number(attribute(tag, "totalsRowCount") ?? 0) > 0;
      const columns = startTags(xml, "tableColumn").map((c) => decodeCellText(attribute(c, "name") ?? ""));
      // ExcelJS writes headerRowCount="0" for a table whose header row it did not see; the first
      // row spelling the column names is a header row whatever the attribute says.
      const headerRow = attribute(tag, "headerRowCount") !== "0" || (await this.readRange(sheet, range.top, range.left, range.top, range.right))[0].every((v, i) => String(v ?? "") === columns[i]);
      tables.push({ part: r.target, name: attribute(tag, "displayName") ?? attribute(tag, "name") ?? "", id: Number(attribute(tag, "id") ?? 0), ...range, headerRow, totalsRow, columns });
    }
    this.tableCache.set(sheet.part, tables);
    return tables;
  }

  /** Shared strings, in index order, as plain text (rich text runs joined). */
  sharedStrings(): string[] {
    if (this.sharedStringList) return this.sharedStringList;
    const rel = this.workbookRels.find((r) => r.type === REL.sharedStrings);
    const xml = (rel && this.text(rel.target)) ?? "";
    this.texts.delete(rel?.target ?? "");
    const list: string[] = [];
    let at = 0;
    for (;;) {
      const open = xml.indexOf("<si", at);
      if (open < 0) break;
      const close = xml.indexOf(">", open);
      if (xml.charCodeAt(close - 1) === 47) {
        list.push("");
        at = close + 1;
        continue;
      }
      const end = xml.indexOf("</si>", close);
      if (end < 0) break;
      const body = xml.slice(close + 1, end);
      // The common case, one plain <t>, without the general run walker.
      const simple = /^<t(?: xml:space="preserve")?>([^<]*)<\/t>$/.exec(body);
      list.push(simple ? decodeCellText(simple[1]) : stringItemText(body));
      at = end + 5;
    }
    return (this.sharedStringList = list);
  }

  private dateStyles(): boolean[] {
    if (!this.dateStyleList) this.dateStyleList = dateStyles(this.stylesXml());
    return this.dateStyleList;
  }

  private stylesPart(): string | undefined {
    return this.workbookRels.find((r) => r.type === REL.styles)?.target;
  }

  private stylesXml(): string | undefined {
    const part = this.stylesPart();
    return part ? this.text(part) : undefined;
  }

  /** The styles AR Desk's cells use, appended to the user's. */
  styles(): StyleBook {
    if (!this.styleBook) this.styleBook = new StyleBook(this.stylesXml() ?? MINIMAL_STYLES);
    return this.styleBook;
  }

  /** A stored cell as the value a reader sees: shared strings looked up, dates (by their format) as Date, errors as their text. */
  valueOf(cell: RawCell): CellValue {
    const { value } = cell;
    switch (cell.type) {
      case "s":
        return value === undefined ? null : (this.sharedStrings()[Number(value)] ?? null);
      case "inlineStr":
        return cell.inline !== undefined ? stringItemText(cell.inline) : value !== undefined ? decodeCellText(value) : null;
      case "str":
        return value === undefined ? null : decodeCellText(value);
      case "b":
        return value === undefined ? null : value === "1" || value === "true";
      case "e":
        return value === undefined ? null : decodeEntities(value);
      case "d": {
        if (value === undefined) return null;
        const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) || !value.includes("T") ? value : `${value}Z`);
        return Number.isNaN(date.getTime()) ? decodeEntities(value) : date;
      }
      default: {
        if (value === undefined || value === "") return null;
        const number = Number(value);
        if (Number.isNaN(number)) return decodeEntities(value);
        return this.dateStyles()[cell.style] ? dateFromSerial(number, this.date1904) : number;
      }
    }
  }

  /** Values of a rectangle of an original sheet: `rows[i][j]` is row `top + i`, column `left + j`. */
  async readRange(sheet: SheetEntry, top: number, left: number, bottom: number, right: number): Promise<CellValue[][]> {
    const rows: CellValue[][] = [];
    for (let r = top; r <= bottom; r++) rows.push(new Array<CellValue>(right - left + 1).fill(null));
    if (bottom < top || right < left) return rows;
    await this.scan(sheet, (cell) => {
      rows[cell.row - top][cell.column - left] = this.valueOf(cell);
    }, { fromRow: top, toRow: bottom, fromColumn: left, toColumn: right });
    return rows;
  }

  /** Visits the cells of an original sheet, decompressing it chunk by chunk (see scanCellsStreaming). */
  async scan(sheet: SheetEntry, visit: (cell: RawCell) => boolean | void, range?: ScanRange): Promise<void> {
    const entry = this.entries.get(sheet.part);
    if (!entry || sheet.added) return;
    try {
      await scanCellsStreaming(inflateEntryChunks(this.bytes, entry), visit, range);
    } catch (error) {
      if (error instanceof ArDeskError || !(error instanceof ZipFormatError || error instanceof ZipUnsupportedError || (error as NodeJS.ErrnoException).code?.startsWith("Z_"))) throw error;
      throw this.damaged(sheet.part);
    }
  }

  private damaged(part: string): ArDeskError {
    return new ArDeskError("NOT_A_WORKBOOK", `${this.label} looks like a workbook but its part ${part} cannot be read: it may be damaged.`, "Open it in Excel and save it again as .xlsx.");
  }

  // ---- writing ----------------------------------------------------------------------------

  /** Every table name in the workbook that stays (lower case), for picking free names. */
  async tableNames(except?: SheetEntry): Promise<Set<string>> {
    // A table may not share its name with a defined name either (Excel repairs the file if it does).
    const names = new Set<string>([...(this.text(this.workbookPart) ?? "").matchAll(/<(?:\w+:)?definedName\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1].toLowerCase()));
    for (const sheet of this.sheets) {
      if (sheet === except) continue;
      for (const t of await this.tablesOf(sheet)) names.add(t.name.toLowerCase());
      for (const t of this.written.get(sheet.part)?.tables ?? []) names.add(t.name.toLowerCase());
    }
    return names;
  }

  /**
   * Every table part of the package, wherever it lives: each part whose content type is a table's
   * ([Content_Types].xml) and each target of a table relationship. Generators other than Excel put
   * them outside xl/tables/, and an id is unique across all of them.
   */
  private tableParts(): Set<string> {
    const parts = new Set<string>();
    const types = this.text("[Content_Types].xml") ?? "";
    const extensions = new Set<string>();
    for (const tag of startTags(types, "Default")) if (attribute(tag, "ContentType") === CONTENT_TYPE.table) extensions.add((attribute(tag, "Extension") ?? "").toLowerCase());
    const overridden = new Map<string, string>();
    for (const tag of startTags(types, "Override")) overridden.set((attribute(tag, "PartName") ?? "").replace(/^\//, ""), attribute(tag, "ContentType") ?? "");
    for (const name of this.entries.keys()) {
      const type = overridden.get(name);
      if (type === CONTENT_TYPE.table || (type === undefined && extensions.has(name.slice(name.lastIndexOf(".") + 1).toLowerCase()))) parts.add(name);
    }
    for (const name of this.entries.keys()) {
      if (!name.endsWith(".rels")) continue;
      for (const r of this.rels(name.replace(/(^|\/)_rels\/([^/]+)\.rels$/, "$1$2"))) if (r.type === REL.table && !r.external && this.entries.has(r.target)) parts.add(r.target);
    }
    return parts;
  }

  private tableIdOf(part: string): number {
    const tag = startTags(this.text(part) ?? "", "table")[0];
    return Number((tag && attribute(tag, "id")) ?? 0) || 0;
  }

  /**
   * Table ids in use by tables that stay: every table part but those of `except` and of the sheets
   * already replaced this session, and the tables written this session (but `except`'s).
   */
  tableIds(except?: SheetEntry): Set<number> {
    const leaving = new Set<string>();
    for (const part of [...this.replaced, ...(except && !except.added ? [except.part] : [])]) {
      for (const r of this.rels(part)) if (r.type === REL.table) leaving.add(r.target);
    }
    const ids = new Set<number>();
    for (const part of this.tableParts()) if (!leaving.has(part)) ids.add(this.tableIdOf(part));
    for (const [part, content] of this.written) if (part !== except?.part) for (const t of content.tables) ids.add(t.id);
    return ids;
  }

  /** The highest table id the package has ever held (those being replaced too), so a fresh id never meets an old one. */
  maxTableId(): number {
    let max = 0;
    for (const part of this.tableParts()) max = Math.max(max, this.tableIdOf(part));
    for (const content of this.written.values()) for (const t of content.tables) max = Math.max(max, t.id);
    return max;
  }

  /** A new worksheet entry (added to the tab order at the end). */
  addSheet(name: string, veryHidden = false): SheetEntry {
    const taken = (part: string) => this.entries.has(part) || this.sheets.some((s) => s.part === part);
    const part = freePartName(taken, "xl/worksheets/sheet", ".xml");
    const rids = new Set(this.workbookRels.map((r) => r.id));
    const rid = freePartName((id) => rids.has(id), "rId", "");
    this.workbookRels.push({ id: rid, type: REL.worksheet, target: part, external: false });
    const sheet: SheetEntry = { name, sheetId: Math.max(0, ...this.sheets.map((s) => s.sheetId)) + 1, rid, part, added: true, veryHidden };
    this.sheets.push(sheet);
    return sheet;
  }

  /**
   * Takes an original sheet out of the workbook: on save its <sheet> element, relationship, part
   * and the parts only it used go, and the sheet-scoped names and tab indexes that count sheets
   * are renumbered.
   */
  removeSheet(sheet: SheetEntry): void {
    if (sheet.added || sheet.index === undefined) throw new Error(`removeSheet: "${sheet.name}" is not an original sheet`);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.written.delete(sheet.part);
    this.deleted.push(sheet);
    this.workbookRels = this.workbookRels.filter((r) => r.id !== sheet.rid);
  }

  /** Sets the "_ardesk" values to write on save. */
  setMeta(grid: CellValue[][]): void {
    this.meta = grid;
    this.metaDirty = true;
  }

  /** Sets a sheet's new content; an original sheet's old content and the parts only it used go. */
  setContent(sheet: SheetEntry, content: NewSheetContent): void {
    if (!sheet.added) this.replaced.add(sheet.part);
    this.written.set(sheet.part, content);
  }

  /** The parts that belonged only to the replaced sheets (their rels, tables, drawings, charts, comments…). */
  private partsOfReplaced(): Set<string> {
    const referencedBy = new Map<string, Set<string>>();
    for (const name of this.entries.keys()) {
      if (!name.endsWith(".rels")) continue;
      const source = name.replace(/(^|\/)_rels\/([^/]+)\.rels$/, "$1$2");
      for (const r of this.rels(source)) if (!r.external) (referencedBy.get(r.target) ?? referencedBy.set(r.target, new Set()).get(r.target)!).add(source);
    }
    const removed = new Set<string>();
    const visit = (part: string) => {
      const rels = relsPathOf(part);
      if (this.entries.has(rels)) removed.add(rels);
      for (const r of this.rels(part)) {
        if (r.external || removed.has(r.target) || !this.entries.has(r.target)) continue;
        const users = [...(referencedBy.get(r.target) ?? [])].filter((u) => u !== part && !removed.has(u) && !this.replaced.has(u));
        if (users.length) continue;
        removed.add(r.target);
        visit(r.target);
      }
    };
    for (const part of this.replaced) visit(part);
    for (const sheet of this.deleted) {
      removed.add(sheet.part);
      visit(sheet.part);
    }
    return removed;
  }

  /** The workbook as a new archive: the user's parts as they were, AR Desk's sheets new. */
  save(): Buffer {
    if (this.meta && this.metaDirty) {
      const sheet = this.sheet(REGISTRY_SHEET) ?? this.addSheet(REGISTRY_SHEET, true);
      this.setContent(sheet, { deflated: deflateData(Buffer.from(renderValues(this.meta), "utf8")), tables: [], charts: [], kept: [] });
      this.metaDirty = false;
    }
    const removed = this.partsOfReplaced();
    const parts = new Map<string, DeflatedData>();
    const put = (part: string, xml: string) => parts.set(part, deflateData(Buffer.from(xml, "utf8")));
    const types: { part: string; type: string }[] = [];
    const taken = (name: string) => (this.entries.has(name) && !removed.has(name)) || parts.has(name);
    const removedIndexes = new Set<number>();
    this.sheets.forEach((sheet) => {
      const content = this.written.get(sheet.part);
      if (!content) return;
      if (this.replaced.has(sheet.part) && sheet.index !== undefined) removedIndexes.add(sheet.index);
      parts.set(sheet.part, content.deflated);
      if (sheet.added) types.push({ part: sheet.part, type: CONTENT_TYPE.worksheet });
      const rels: Relationship[] = [];
      for (const table of content.tables) {
        const part = freePartName(taken, "xl/tables/table", ".xml");
        put(part, table.xml);
        types.push({ part, type: CONTENT_TYPE.table });
        rels.push({ id: table.rid, type: REL.table, target: part, external: false });
      }
      if (content.drawingRid && content.charts.length) {
        const drawing = freePartName(taken, "xl/drawings/drawing", ".xml");
        const chartRels: Relationship[] = [];
        const anchors = content.charts.map((pending, i) => {
          const chart = freePartName(taken, "xl/charts/chart", ".xml");
          put(chart, chartXml(pending));
          types.push({ part: chart, type: CONTENT_TYPE.chart });
          chartRels.push({ id: `rId${i + 1}`, type: REL.chart, target: chart, external: false });
          const from = parseCellAddress(pending.chart.at);
          return { from, to: { row: from.row + pending.chart.heightRows, column: from.column + pending.chart.widthColumns }, rid: `rId${i + 1}`, id: i + 2, name: pending.chart.title };
        });
        put(drawing, drawingXml(anchors));
        put(relsPathOf(drawing), relationshipsXml(drawing, chartRels));
        types.push({ part: drawing, type: CONTENT_TYPE.drawing });
        rels.push({ id: content.drawingRid, type: REL.drawing, target: drawing, external: false });
      }
      if (rels.length) put(relsPathOf(sheet.part), relationshipsXml(sheet.part, rels));
    });

    // Excel's calculation chain lists formula cells by sheet; a replaced sheet's entries would be
    // stale, and Excel rebuilds the chain when it is missing.
    const calcChain = this.workbookRels.find((r) => r.type === REL.calcChain);
    if (calcChain && (removedIndexes.size || this.deleted.length)) {
      removed.add(calcChain.target);
      this.workbookRels = this.workbookRels.filter((r) => r !== calcChain);
    }
    let stylesPart = this.stylesPart();
    const styles = this.styleBook?.toXml();
    if (styles) {
      if (!stylesPart) {
        stylesPart = freePartName(taken, "xl/styles", ".xml");
        const rids = new Set(this.workbookRels.map((r) => r.id));
        this.workbookRels.push({ id: freePartName((id) => rids.has(id), "rId", ""), type: REL.styles, target: stylesPart, external: false });
        types.push({ part: stylesPart, type: CONTENT_TYPE.styles });
      }
      put(stylesPart, styles);
    }
    put(this.workbookPart, this.workbookXml(removedIndexes));
    put(relsPathOf(this.workbookPart), relationshipsXml(this.workbookPart, this.workbookRels));
    put("[Content_Types].xml", updateContentTypes(this.text("[Content_Types].xml") ?? "", removed, types));

    const output: OutputPart[] = [];
    for (const [name, entry] of this.entries) {
      if (removed.has(name) && !parts.has(name)) continue;
      const deflated = parts.get(name);
      output.push(deflated ? { name, deflated } : { name, original: entry });
      parts.delete(name);
    }
    for (const [name, deflated] of parts) output.push({ name, deflated });
    return writeArchive(this.bytes, output);
  }

  /** workbook.xml with the new sheets listed, the replaced sheets' own defined names gone and a full recalculation asked for. */
  private workbookXml(removedIndexes: ReadonlySet<number>): string {
    let xml = this.text(this.workbookPart)!;
    const added = this.sheets
      .filter((s) => s.added)
      .map((s) => `<sheet name="${escapeXml(s.name)}" sheetId="${s.sheetId}"${s.veryHidden ? ' state="veryHidden"' : ""} r:id="${s.rid}"/>`)
      .join("");
    if (added) {
      const prefix = /<(\w+:)?sheets[\s>]/.exec(xml)?.[1] ?? "";
      xml = xml.includes(`</${prefix}sheets>`) ? xml.replace(`</${prefix}sheets>`, `${added}</${prefix}sheets>`) : xml.replace(/<(\w+:)?sheets\s*\/>/, `<sheets>${added}</sheets>`);
      // r: must be bound for the new elements; workbook.xml always declares the relationships namespace, but not always as r.
      if (!/xmlns:r="/.test(xml)) xml = xml.replace(/<((?:\w+:)?workbook)(\s)/, `<$1 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"$2`);
    }
    if (removedIndexes.size || this.deleted.length) {
      const gone = new Set(this.deleted.map((s) => s.index!));
      // localSheetId counts <sheet> elements: a removed sheet's names go, later sheets' names move up.
      const shift = (index: number) => index - [...gone].filter((g) => g < index).length;
      xml = xml.replace(/<definedName\b[^>]*?(\/>|>[\s\S]*?<\/definedName>)/g, (element) => {
        const tag = element.slice(0, element.indexOf(">") + 1);
        const scope = attribute(tag, "localSheetId");
        if (scope === undefined) return element;
        if (removedIndexes.has(Number(scope)) || gone.has(Number(scope))) return "";
        return gone.size ? element.replace(tag, tag.replace(/\slocalSheetId="\d+"/, ` localSheetId="${shift(Number(scope))}"`)) : element;
      });
      xml = xml.replace(/<definedNames>\s*<\/definedNames>/, "");
      for (const sheet of this.deleted) {
        const rid = sheet.rid.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        xml = xml.replace(new RegExp(`<(?:\\w+:)?sheet\\b[^>]*\\s[\\w.-]+:id="${rid}"[^>]*?/>`), "");
      }
      if (gone.size) {
        // The tab shown first and the active tab are indexes too; a removed sheet was hidden, so neither pointed at it.
        xml = xml.replace(/<(?:\w+:)?workbookView\b[^>]*>/g, (tag) =>
          tag.replace(/\s(activeTab|firstSheet)="(\d+)"/g, (_m, attr: string, value: string) => ` ${attr}="${shift(Number(value))}"`),
        );
      }
    }
    const calcPr = /<calcPr\b[^>]*?\/?>/.exec(xml);
    if (calcPr) {
      const tag = calcPr[0].replace(/\sfullCalcOnLoad="[^"]*"/, "").replace(/(\/?>)$/, ' fullCalcOnLoad="1"$1');
      xml = xml.replace(calcPr[0], tag);
    } else {
      const before = ["<oleSize", "<customWorkbookViews", "<pivotCaches", "<smartTagPr", "<smartTagTypes", "<webPublishing", "<fileRecoveryPr", "<webPublishObjects", "<extLst", "</workbook>"].find((t) => xml.includes(t));
      if (before) xml = xml.replace(before, `<calcPr fullCalcOnLoad="1"/>${before}`);
    }
    return xml;
  }
}
