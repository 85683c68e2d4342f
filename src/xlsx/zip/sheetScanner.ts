/*
 * A worksheet's <sheetData> read by a hand-written scanner rather than a DOM: a 100,000-row sheet
 * is some 40 MB of XML, and a tree of it would cost gigabytes. The scanner walks the text with
 * indexOf, hands each cell to a visitor and stops as soon as the rows asked for are behind it.
 */

/** One cell as stored: its type (`t`), style index (`s`), raw `<v>` text, formula and inline string. */
export interface RawCell {
  row: number;
  column: number;
  /** The `t` attribute: "s" shared string, "str" formula text, "inlineStr", "b", "e", "d", or "n"/absent for numbers. */
  type: string;
  style: number;
  /** The `<v>` text, undecoded; undefined when the cell has no value. */
  value: string | undefined;
  /** The formula text (decoded), when the cell has one of its own. */
  formula: string | undefined;
  /** The `<is>` element's content for inline strings. */
  inline: string | undefined;
}

export interface ScanRange {
  fromRow?: number;
  toRow?: number;
  fromColumn?: number;
  toColumn?: number;
}

/** The value of `name="…"` (or single-quoted) inside a short start tag. */
function tagAttribute(tag: string, name: string): string | undefined {
  let at = tag.indexOf(` ${name}=`);
  if (at < 0) return undefined;
  at += name.length + 2;
  const quote = tag[at];
  const end = tag.indexOf(quote, at + 1);
  return tag.slice(at + 1, end);
}

/** Cell types by the first letter of `t` (with its length where letters repeat). */
function typeOf(xml: string, from: number, to: number): string {
  const first = xml.charCodeAt(from);
  const length = to - from;
  if (first === 115) return length === 1 ? "s" : "str"; // s, str
  if (first === 110) return "n";
  if (first === 98) return "b";
  if (first === 101) return "e";
  if (first === 100) return "d";
  if (first === 105) return "inlineStr";
  return xml.slice(from, to);
}

const GT = 62;
const SLASH = 47;
const SPACE = 32;
const ROW_END = Buffer.from("</row>");

/**
 * Walks the cells of a worksheet's <sheetData> fed to it in pieces, each made of whole elements
 * (see scanCells and scanCellsStreaming), calling `visit` for each cell inside the range in
 * document order. The visitor returns false to stop. The cell object is reused between calls:
 * copy what you keep. Attributes and children are found by character codes, without slicing the
 * tag, as this loop runs once per cell (a million times on a 100,000-row table).
 */
export class CellScanner {
  /** True once the rows asked for are behind, the visitor stopped, or </sheetData> was seen. */
  done = false;
  private row = 0;
  private column = 0;
  private readonly cell: RawCell = { row: 0, column: 0, type: "", style: 0, value: undefined, formula: undefined, inline: undefined };
  private readonly fromRow: number;
  private readonly toRow: number;
  private readonly fromColumn: number;
  private readonly toColumn: number;

  constructor(
    private readonly visit: (cell: RawCell) => boolean | void,
    range: ScanRange = {},
  ) {
    this.fromRow = range.fromRow ?? 1;
    this.toRow = range.toRow ?? Infinity;
    this.fromColumn = range.fromColumn ?? 1;
    this.toColumn = range.toColumn ?? Infinity;
  }

  /** Scans a piece of sheetData content made of whole <row> elements (and the closing tag, if it is the last). */
  feed(xml: string): void {
    if (this.done) return;
    const { fromRow, toRow, fromColumn, toColumn, cell } = this;
    let { row, column } = this;
    let at = 0;
    const stop = () => {
      this.done = true;
    };
    for (;;) {
      const lt = xml.indexOf("<", at);
      if (lt < 0) break;
      const c1 = xml.charCodeAt(lt + 1);
      const c2 = xml.charCodeAt(lt + 2);
      if (c1 === 114 && c2 === 111 && xml.charCodeAt(lt + 3) === 119) {
        // <row …>
        const tagEnd = xml.indexOf(">", lt);
        const r = tagAttribute(xml.slice(lt, tagEnd), "r");
        row = r ? Number(r) : row + 1;
        column = 0;
        if (row > toRow) return stop();
        at = tagEnd + 1;
        continue;
      }
      if (c1 === 99 && (c2 === SPACE || c2 === GT || c2 === SLASH)) {
        const tagEnd = xml.indexOf(">", lt);
        // Attributes: r (reference), s (style), t (type); others are passed over.
        let refColumn = 0;
        let refRow = 0;
        let style = 0;
        let type = "n";
        let p = lt + 2;
        while (p < tagEnd) {
          const ch = xml.charCodeAt(p);
          if (ch <= SPACE || ch === SLASH) {
            p++;
            continue;
          }
          const eq = xml.indexOf("=", p);
          if (eq < 0 || eq > tagEnd) break;
          const name = eq - p === 1 ? ch : 0;
          const quote = xml.charCodeAt(eq + 1);
          const valueStart = eq + 2;
          const valueEnd = xml.indexOf(quote === 39 ? "'" : '"', valueStart);
          if (name === 114) {
            for (let i = valueStart; i < valueEnd; i++) {
              const code = xml.charCodeAt(i);
              if (code >= 65 && code <= 90) refColumn = refColumn * 26 + (code - 64);
              else if (code >= 97 && code <= 122) refColumn = refColumn * 26 + (code - 96);
              else if (code >= 48 && code <= 57) refRow = refRow * 10 + (code - 48);
            }
          } else if (name === 115) {
            for (let i = valueStart; i < valueEnd; i++) style = style * 10 + (xml.charCodeAt(i) - 48);
          } else if (name === 116) type = typeOf(xml, valueStart, valueEnd);
          p = valueEnd + 1;
        }
        const selfClosing = xml.charCodeAt(tagEnd - 1) === SLASH;
        const close = selfClosing ? tagEnd : xml.indexOf("</c>", tagEnd);
        if (close < 0) return stop();
        at = selfClosing ? tagEnd + 1 : close + 4;
        if (refColumn) {
          column = refColumn;
          if (refRow) row = refRow;
        } else column++;
        if (row > toRow) return stop();
        if (row < fromRow || column < fromColumn || column > toColumn) continue;
        let value: string | undefined;
        let formula: string | undefined;
        let inline: string | undefined;
        // Children: <v>, <f>, <is>. Every '<' found before `close` is inside this cell.
        let q = tagEnd + 1;
        while (q < close) {
          const open = xml.indexOf("<", q);
          if (open >= close) break;
          const n1 = xml.charCodeAt(open + 1);
          const n2 = xml.charCodeAt(open + 2);
          const gt = n2 === GT ? open + 2 : xml.indexOf(">", open);
          if (xml.charCodeAt(gt - 1) === SLASH) {
            q = gt + 1;
            continue;
          }
          if (n1 === 118 && (n2 === GT || n2 === SPACE)) {
            const end = xml.indexOf("</v>", gt);
            value = xml.slice(gt + 1, end);
            q = end + 4;
          } else if (n1 === 102 && (n2 === GT || n2 === SPACE)) {
            const end = xml.indexOf("</f>", gt);
            formula = xml.slice(gt + 1, end) || undefined;
            q = end + 4;
          } else if (n1 === 105 && n2 === 115) {
            const end = xml.indexOf("</is>", gt);
            inline = xml.slice(gt + 1, end);
            q = end + 5;
          } else q = gt + 1;
        }
        cell.row = row;
        cell.column = column;
        cell.type = type;
        cell.style = style;
        cell.value = value;
        cell.formula = formula;
        cell.inline = type === "inlineStr" ? inline : undefined;
        if (this.visit(cell) === false) return stop();
        continue;
      }
      if (c1 === SLASH && xml.startsWith("/sheetData", lt + 1)) return stop();
      at = lt + 1;
    }
    this.row = row;
    this.column = column;
  }
}

/** Where the cells start: just after the <sheetData> start tag, or -1 when there are none. */
function sheetDataStart(xml: string): number {
  const start = xml.indexOf("<sheetData");
  if (start < 0) return -1;
  const end = xml.indexOf(">", start);
  return xml.charCodeAt(end - 1) === SLASH ? -1 : end + 1;
}

/** Calls `visit` for each cell of a whole worksheet XML inside the range (see CellScanner). */
export function scanCells(xml: string, visit: (cell: RawCell) => boolean | void, range: ScanRange = {}): void {
  const start = sheetDataStart(xml);
  if (start >= 0) new CellScanner(visit, range).feed(start ? xml.slice(start) : xml);
}

/**
 * The same, for a worksheet arriving as decompressed chunks: each chunk is scanned up to its last
 * complete row, so a 40 MB sheet is never held whole, as bytes or as text. Returns when the range
 * is behind (the rest of the part is not even decompressed).
 */
export async function scanCellsStreaming(chunks: AsyncIterable<Buffer>, visit: (cell: RawCell) => boolean | void, range: ScanRange = {}): Promise<void> {
  const scanner = new CellScanner(visit, range);
  // Bytes are cut after the last "</row>" of what has arrived (ASCII, so never inside a UTF-8
  // character) and decoded in one piece: flat strings keep the scanner's indexOf fast.
  let pending: Buffer = Buffer.alloc(0);
  let started = false;
  // A few generators write the main namespace with a prefix (<x:row>); those pieces lose it first.
  let unprefix = (text: string) => text;
  let rowEnd = ROW_END;
  const feed = (text: string) => scanner.feed(unprefix(text));
  for await (const chunk of chunks) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    if (!started) {
      const prefix = /<([A-Za-z_][\w.-]*):worksheet[\s>]/.exec(pending.toString("latin1"))?.[1];
      if (prefix) {
        const tags = new RegExp(`<(/?)${prefix}:`, "g");
        unprefix = (text) => text.replace(tags, "<$1");
        rowEnd = Buffer.from(`</${prefix}:row>`);
      }
      // latin1 maps bytes to characters one to one, so the head converts back to the same bytes.
      const head = unprefix(pending.toString("latin1"));
      pending = Buffer.from(head, "latin1");
      const start = sheetDataStart(head);
      if (start < 0) {
        // No cells yet: either <sheetData> is further on, or the sheet has none (<sheetData/>).
        if (/<sheetData[^>]*\/>/.test(head)) return;
        continue;
      }
      started = true;
      pending = pending.subarray(start);
    }
    const end = pending.lastIndexOf(rowEnd);
    if (end < 0) continue;
    feed(pending.toString("utf8", 0, end + rowEnd.length));
    pending = pending.subarray(end + rowEnd.length);
    if (scanner.done) return;
  }
  if (started) feed(pending.toString("utf8"));
}
