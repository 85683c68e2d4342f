import { cellAddress, cellSizedText, columnLetters, parseCellAddress, type PlanBlock, type PlanCell, type PlanFill, type PlanTable, type SheetPlan } from "../../workbook/sheetPlan";
import type { CellLook, StyleBook } from "./styles";
import { escapeCellText, escapeXml } from "./xml";

/*
 * A sheet plan as SpreadsheetML: the worksheet part and its table parts, written as text in one
 * pass over the rows (a 100,000-row detail table never exists as a cell tree). Text is always an
 * inline string, so nothing from the data can become a formula; formulas come only from PlanFormula.
 */

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Light fills that keep black text readable (Excel's "Good", "Neutral", "Bad" cell styles). */
export const FILL_COLOURS: Record<PlanFill, string> = { good: "FFC6EFCE", neutral: "FFFFEB9C", warning: "FFFFCC99", bad: "FFFFC7CE" };

/** A cell the user typed into a `preserve` block, carried over as it was stored (its own style included). */
export interface KeptCell {
  row: number;
  column: number;
  xml: string;
}

/** A table as written: its final name (unique in the workbook), id and part XML. */
export interface WrittenTable {
  name: string;
  id: number;
  xml: string;
  plan: PlanTable;
  /** Relationship id the sheet uses for it. */
  rid: string;
}

export interface RenderedSheet {
  /** The worksheet part in UTF-8 pieces, rendered as they are read (see sheetChunks). */
  chunks: Iterable<Buffer>;
  tables: WrittenTable[];
  /** Relationship id of the drawing, when the plan has charts. */
  drawingRid?: string;
}

export interface RenderContext {
  styles: StyleBook;
  /** A free table name for the one wanted (reserved as it is handed out). */
  tableName: (wanted: string) => string;
  /** A free table id for the table of this final name (reserved as it is handed out). */
  tableId: (name: string) => number;
  kept: readonly KeptCell[];
}

/** Column letters by column number, computed once: the writer names a million cells. */
const LETTERS: string[] = [];
export function cellRef(row: number, column: number): string {
  return (LETTERS[column] ??= columnLetters(column)) + row;
}

/** One cell's XML; null when the cell has neither value nor style. */
export function cellXml(ref: string, value: PlanCell, style: number, cached?: number): string | null {
  const s = style ? ` s="${style}"` : "";
  if (value === null || value === undefined) return style ? `<c r="${ref}"${s}/>` : null;
  if (typeof value === "string") return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeCellText(cellSizedText(value))}</t></is></c>`;
  if (typeof value === "number") return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : style ? `<c r="${ref}"${s}/>` : null;
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  const result = cached !== undefined && Number.isFinite(cached) ? `<v>${cached}</v>` : "";
  return `<c r="${ref}"${s}><f>${escapeXml(value.formula.replace(/^=/, ""))}</f>${result}</c>`;
}

const FONT_OF: Record<NonNullable<PlanBlock["style"]>, CellLook["font"]> = { title: "title", subtitle: "subtitle", label: "label", note: "note" };

/** Structured-reference escaping of a column name: ' [ ] # are written with a leading '. */
const structuredName = (header: string) => header.replace(/(['[\]#])/g, "'$1");

interface TableLayout {
  plan: PlanTable;
  name: string;
  top: number;
  left: number;
  /** Body rows as written: at least one, as Excel wants, even when the plan has none. */
  bodyRows: number;
  bottom: number;
  /** Per column, the style of body cells without a fill, and per fill. */
  bodyStyle: number[];
  fillStyle: Map<string, number>[];
  totals: (number | undefined)[];
}

function layoutOf(plan: PlanTable, name: string, styles: StyleBook): TableLayout {
  const { row: top, column: left } = parseCellAddress(plan.at);
  const bodyRows = Math.max(1, plan.rows.length);
  const bottom = top + bodyRows + (plan.totals ? 1 : 0);
  const bodyStyle = plan.headers.map((_, i) => styles.styleOf({ numberFormat: plan.columnFormats[i] ?? undefined }));
  const fillStyle = plan.headers.map(() => new Map<string, number>());
  for (const { column, fills } of plan.valueFills ?? []) {
    for (const [text, fill] of Object.entries(fills)) fillStyle[column]?.set(text, styles.styleOf({ numberFormat: plan.columnFormats[column] ?? undefined, fill: FILL_COLOURS[fill] }));
  }
  const totals = plan.headers.map((_, i) => {
    if (plan.totals?.[i] !== "sum") return undefined;
    const sum = plan.rows.reduce((acc, row) => acc + (typeof row[i] === "number" ? (row[i] as number) : 0), 0);
    return Math.round(sum * 1e6) / 1e6;
  });
  return { plan, name, top, left, bodyRows, bottom, bodyStyle, fillStyle, totals };
}

/** A body cell of a table, styled by its column (and by its text where the column has value fills). */
function bodyCell(table: TableLayout, row: number, c: number, value: PlanCell): string | null {
  const fills = table.fillStyle[c];
  const style = typeof value === "string" && fills.size ? (fills.get(value) ?? table.bodyStyle[c]) : table.bodyStyle[c];
  return cellXml(cellRef(row, table.left + c), value, style);
}

/** A body row of a table alone on its worksheet row, as one string (the common, hot case). */
function bodyRowXml(table: TableLayout, row: number): string {
  const values = table.plan.rows[row - table.top - 1];
  let xml = "";
  for (let c = 0; c < table.plan.headers.length; c++) xml += bodyCell(table, row, c, values?.[c] ?? null) ?? "";
  return xml;
}

/** The cells of one worksheet row of a table, in column order. */
function tableRowCells(table: TableLayout, row: number, out: Map<number, string | null>): void {
  const { plan, top, left } = table;
  const index = row - top;
  plan.headers.forEach((header, c) => {
    const column = left + c;
    const ref = cellRef(row, column);
    if (index === 0) out.set(column, cellXml(ref, header, 0));
    else if (index <= table.bodyRows) out.set(column, bodyCell(table, row, c, plan.rows[index - 1]?.[c] ?? null));
    else {
      const kind = plan.totals?.[c];
      if (kind === "label") out.set(column, cellXml(ref, "Total", table.bodyStyle[c]));
      else if (kind === "sum") out.set(column, cellXml(ref, { formula: `SUBTOTAL(109,${table.name}[${structuredName(header)}])` }, table.bodyStyle[c], table.totals[c]));
      else out.set(column, cellXml(ref, null, table.bodyStyle[c]));
    }
  });
}

function tableXml(table: TableLayout, id: number): string {
  const { plan, name, top, left, bottom } = table;
  const right = left + plan.headers.length - 1;
  const ref = `${cellAddress(top, left)}:${cellAddress(bottom, right)}`;
  const filterRef = `${cellAddress(top, left)}:${cellAddress(plan.totals ? bottom - 1 : bottom, right)}`;
  const columns = plan.headers
    .map((header, i) => {
      const totals = plan.totals?.[i] === "sum" ? ' totalsRowFunction="sum"' : plan.totals?.[i] === "label" ? ' totalsRowLabel="Total"' : "";
      return `<tableColumn id="${i + 1}" name="${escapeXml(header.replace(/\n/g, "_x000a_"))}"${totals}/>`;
    })
    .join("");
  // headerRowCount is the default, but ExcelJS reads its absence as "no header row" and writes 0 back.
  const totalsAttributes = plan.totals ? ' headerRowCount="1" totalsRowCount="1"' : ' headerRowCount="1" totalsRowShown="0"';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${MAIN_NS}" id="${id}" name="${escapeXml(name)}" displayName="${escapeXml(name)}" ref="${ref}"${totalsAttributes}><autoFilter ref="${filterRef}"/><tableColumns count="${plan.headers.length}">${columns}</tableColumns><tableStyleInfo name="${escapeXml(plan.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;
}

/** The worksheet XML and table parts of a plan. */
export function renderSheet(plan: SheetPlan, context: RenderContext): RenderedSheet {
  const { styles } = context;
  const blockCells = new Map<number, Map<number, string | null>>();
  const put = (row: number, column: number, xml: string | null) => {
    let cells = blockCells.get(row);
    if (!cells) blockCells.set(row, (cells = new Map()));
    cells.set(column, xml);
  };
  for (const block of plan.blocks) {
    const { row: top, column: left } = parseCellAddress(block.at);
    const style = styles.styleOf({ numberFormat: block.numberFormat, font: block.style ? FONT_OF[block.style] : undefined });
    block.values.forEach((values, r) => values.forEach((value, c) => put(top + r, left + c, cellXml(cellRef(top + r, left + c), value, style))));
  }
  // What the user typed into preserved cells goes over the plan's values there.
  for (const kept of context.kept) put(kept.row, kept.column, kept.xml);

  const layouts = plan.tables.map((table) => layoutOf(table, context.tableName(table.name), styles)).sort((a, b) => a.top - b.top);
  let lastRow = 0;
  let lastColumn = 1;
  for (const [row, cells] of blockCells) {
    lastRow = Math.max(lastRow, row);
    for (const column of cells.keys()) lastColumn = Math.max(lastColumn, column);
  }
  for (const t of layouts) {
    lastRow = Math.max(lastRow, t.bottom);
    lastColumn = Math.max(lastColumn, t.left + t.plan.headers.length - 1);
  }

  const tables = layouts.map((layout, i): WrittenTable => ({ name: layout.name, id: context.tableId(layout.name), xml: "", plan: layout.plan, rid: `rId${i + 1}` }));
  layouts.forEach((layout, i) => (tables[i].xml = tableXml(layout, tables[i].id)));
  const drawingRid = plan.charts?.length ? `rId${tables.length + 1}` : undefined;

  const freeze = plan.freezeRows ? `<pane ySplit="${plan.freezeRows}" topLeftCell="A${plan.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>` : "";
  const cols = plan.columnWidths?.length ? `<cols>${plan.columnWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>` : "";
  const scales = layouts
    .filter((t) => t.plan.colourScaleColumns?.length && t.plan.rows.length)
    .map((t, i) => {
      const first = cellAddress(t.top + 1, t.left + Math.min(...t.plan.colourScaleColumns!));
      const last = cellAddress(t.top + t.plan.rows.length, t.left + Math.max(...t.plan.colourScaleColumns!));
      return `<conditionalFormatting sqref="${first}:${last}"><cfRule type="colorScale" priority="${i + 1}"><colorScale><cfvo type="min"/><cfvo type="max"/><color rgb="FFFFFFFF"/><color rgb="FFF8696B"/></colorScale></cfRule></conditionalFormatting>`;
    })
    .join("");
  const dimension = lastRow ? `A1:${columnLetters(lastColumn)}${lastRow}` : "A1";
  const head = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
    `<dimension ref="${dimension}"/>`,
    `<sheetViews><sheetView workbookViewId="0">${freeze}</sheetView></sheetViews>`,
    `<sheetFormatPr defaultRowHeight="15"/>`,
    cols,
    `<sheetData>`,
  ];
  const tail = [
    `</sheetData>`,
    scales,
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`,
    drawingRid ? `<drawing r:id="${drawingRid}"/>` : "",
    tables.length ? `<tableParts count="${tables.length}">${tables.map((t) => `<tablePart r:id="${t.rid}"/>`).join("")}</tableParts>` : "",
    `</worksheet>`,
  ];
  return { chunks: sheetChunks(head.join(""), rowsXml(lastRow, blockCells, layouts), tail.join("")), tables, drawingRid };
}

/** The rows of the sheet as XML text, one <row> at a time, blocks and tables merged by column. */
function* rowsXml(lastRow: number, blockCells: Map<number, Map<number, string | null>>, layouts: TableLayout[]): Generator<string> {
  const cells = new Map<number, string | null>();
  for (let row = 1; row <= lastRow; row++) {
    const fromBlocks = blockCells.get(row);
    const tables = layouts.filter((t) => row >= t.top && row <= t.bottom);
    if (!fromBlocks && tables.length === 0) continue;
    if (!fromBlocks && tables.length === 1 && row > tables[0].top && row <= tables[0].top + tables[0].bodyRows) {
      const xml = bodyRowXml(tables[0], row);
      if (xml) yield `<row r="${row}">${xml}</row>`;
      continue;
    }
    cells.clear();
    if (fromBlocks) for (const [column, xml] of fromBlocks) cells.set(column, xml);
    for (const t of tables) tableRowCells(t, row, cells);
    const columns = [...cells.keys()];
    if (columns.length > 1) columns.sort((a, b) => a - b);
    let xml = "";
    for (const column of columns) xml += cells.get(column) ?? "";
    if (xml) yield `<row r="${row}">${xml}</row>`;
  }
}

/**
 * The worksheet part as UTF-8 pieces of about 64 K characters, made as they are consumed: a big
 * sheet is deflated while it is written and never exists whole, as text or as bytes.
 */
function* sheetChunks(head: string, rows: Iterable<string>, tail: string): Generator<Buffer> {
  let parts: string[] = [head];
  let length = head.length;
  for (const row of rows) {
    parts.push(row);
    length += row.length;
    if (length > 65_536) {
      yield Buffer.from(parts.join(""), "utf8");
      parts = [];
      length = 0;
    }
  }
  parts.push(tail);
  yield Buffer.from(parts.join(""), "utf8");
}

/** A plain sheet of values (the "_ardesk" registry), every cell text or a number. */
export function renderValues(values: readonly (readonly (PlanCell | Date)[])[]): string {
  const rows = values
    .map((row, r) => {
      const cells = row.map((value, c) => cellXml(cellAddress(r + 1, c + 1), value instanceof Date ? value.toISOString() : value, 0) ?? "").join("");
      return cells ? `<row r="${r + 1}">${cells}</row>` : "";
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>${rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}
