import { attribute, elementContent, escapeXml, startTags } from "./xml";

/*
 * styles.xml, read for one thing (which cell styles show numbers as dates) and extended for
 * AR Desk's own cells: fonts, fills, number formats and cell formats are appended after the
 * user's, whose indexes therefore never change. What AR Desk appended on an earlier refresh is
 * found again and reused, so refreshing a file many times does not grow its styles.
 */

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, plus the East Asian ones). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a number format code shows a date or time (quoted text, escapes and [colour] sections ignored). */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "").replace(/_.|\*./g, "");
  if (/^General$/i.test(bare.trim())) return false;
  return /[dmyhs]/i.test(bare.split(";")[0]);
}

/** For each cellXfs index, whether it formats numbers as dates. */
export function dateStyles(stylesXml: string | undefined): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const tag of startTags(elementContent(stylesXml, "numFmts") ?? "", "numFmt")) custom.set(Number(attribute(tag, "numFmtId")), attribute(tag, "formatCode") ?? "");
  return startTags(elementContent(stylesXml, "cellXfs") ?? "", "xf").map((tag) => {
    const id = Number(attribute(tag, "numFmtId") ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

/** How an AR Desk cell looks: font, fill and number format. */
export interface CellLook {
  font?: "title" | "subtitle" | "label" | "note";
  /** ARGB colour of a solid fill. */
  fill?: string;
  numberFormat?: string;
}

/** An empty styles part, for the rare file written without one. */
export const MINIMAL_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** The children of a collection element (`<fonts>`…), as their XML text, in order. */
function children(xml: string, collection: string, child: string): string[] {
  const content = elementContent(xml, collection);
  if (!content) return [];
  const items: string[] = [];
  const pattern = new RegExp(`<${child}(?=[\\s/>])[^>]*?(/>|>[\\s\\S]*?</${child}>)`, "g");
  for (const m of content.matchAll(pattern)) items.push(m[0]);
  return items;
}

/**
 * Collects the looks AR Desk's cells need and gives each its cellXfs index; `toXml` returns the
 * styles part with whatever is new appended.
 */
export class StyleBook {
  private readonly fonts: string[];
  private readonly fills: string[];
  private readonly xfs: string[];
  private readonly formats = new Map<string, number>();
  private readonly added = { fonts: [] as string[], fills: [] as string[], xfs: [] as string[], formats: [] as { id: number; code: string }[] };
  private nextFormatId: number;
  private readonly originalFormatCount: number;
  private readonly looks = new Map<string, number>();
  private readonly baseFont: { name: string; family: string };

  constructor(private readonly original: string) {
    this.fonts = children(original, "fonts", "font");
    this.fills = children(original, "fills", "fill");
    this.xfs = startTags(elementContent(original, "cellXfs") ?? "", "xf");
    let maxId = 163;
    const numFmts = startTags(elementContent(original, "numFmts") ?? "", "numFmt");
    this.originalFormatCount = numFmts.length;
    for (const tag of numFmts) {
      const id = Number(attribute(tag, "numFmtId"));
      this.formats.set(attribute(tag, "formatCode") ?? "", id);
      maxId = Math.max(maxId, id);
    }
    this.nextFormatId = maxId + 1;
    const first = this.fonts[0] ?? "";
    this.baseFont = { name: attribute(/<name [^>]*>/.exec(first)?.[0] ?? "", "val") ?? "Calibri", family: attribute(/<family [^>]*>/.exec(first)?.[0] ?? "", "val") ?? "2" };
  }

  /** The cellXfs index for a look (0, the workbook's default, for no look at all). */
  styleOf(look: CellLook): number {
    if (!look.font && !look.fill && !look.numberFormat) return 0;
    const key = `${look.font ?? ""}|${look.fill ?? ""}|${look.numberFormat ?? ""}`;
    const known = this.looks.get(key);
    if (known !== undefined) return known;
    const fontId = look.font ? this.indexOf(this.fonts, this.added.fonts, this.fontXml(look.font)) : 0;
    const fillId = look.fill ? this.indexOf(this.fills, this.added.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${look.fill}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const numFmtId = look.numberFormat ? this.formatId(look.numberFormat) : 0;
    const applies = `${look.numberFormat ? ' applyNumberFormat="1"' : ""}${look.font ? ' applyFont="1"' : ""}${look.fill ? ' applyFill="1"' : ""}`;
    const xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${applies}/>`;
    const index = this.indexOf(this.xfs, this.added.xfs, xf);
    this.looks.set(key, index);
    return index;
  }

  /** The styles part with the new fonts, fills, formats and cell formats appended; the original when nothing is new. */
  toXml(): string | undefined {
    const { fonts, fills, xfs, formats } = this.added;
    if (!fonts.length && !fills.length && !xfs.length && !formats.length) return undefined;
    let xml = this.original;
    if (formats.length) {
      const items = formats.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${escapeXml(f.code)}"/>`).join("");
      xml = /<numFmts[\s>]/.test(xml) ? appendTo(xml, "numFmts", items, this.originalFormatCount + formats.length) : xml.replace(/<fonts[\s>]/, (m) => `<numFmts count="${formats.length}">${items}</numFmts>${m}`);
    }
    if (fonts.length) xml = appendTo(xml, "fonts", fonts.join(""), this.fonts.length + fonts.length);
    if (fills.length) xml = appendTo(xml, "fills", fills.join(""), this.fills.length + fills.length);
    if (xfs.length) xml = appendTo(xml, "cellXfs", xfs.join(""), this.xfs.length + xfs.length);
    return xml;
  }

  private fontXml(font: NonNullable<CellLook["font"]>): string {
    const size = font === "title" ? 16 : font === "subtitle" ? 12 : 11;
    const face = font === "note" ? "<i/>" : "<b/>";
    return `<font>${face}<sz val="${size}"/><name val="${escapeXml(this.baseFont.name)}"/><family val="${escapeXml(this.baseFont.family)}"/></font>`;
  }

  private formatId(code: string): number {
    const known = this.formats.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.formats.set(code, id);
    this.added.formats.push({ id, code });
    return id;
  }

  private indexOf(existing: string[], added: string[], xml: string): number {
    const found = existing.indexOf(xml);
    if (found >= 0) return found;
    const fresh = added.indexOf(xml);
    if (fresh >= 0) return existing.length + fresh;
    added.push(xml);
    return existing.length + added.length - 1;
  }
}

/** The collection element with items appended before its end tag and its count updated. */
function appendTo(xml: string, collection: string, items: string, count: number): string {
  const open = new RegExp(`<${collection}(?=[\\s/>])[^>]*?(/?)>`).exec(xml);
  if (!open) return xml;
  const tag = open[0].replace(/\scount="\d*"/, "").replace(/\/?>$/, "");
  const start = `${tag} count="${count}">`;
  if (open[1] === "/") return xml.slice(0, open.index) + `${start}${items}</${collection}>` + xml.slice(open.index + open[0].length);
  const close = xml.indexOf(`</${collection}>`, open.index);
  return xml.slice(0, open.index) + start + xml.slice(open.index + open[0].length, close) + items + xml.slice(close);
}
