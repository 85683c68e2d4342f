/*
 * The small amount of XML handling the package needs: attributes of one start tag, entity and
 * OOXML `_xHHHH_` decoding, and escaping on the way out. The parts AR Desk reads are machine
 * written (Excel, LibreOffice, ExcelJS, openpyxl), so a tag-level scanner is enough and fast.
 */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Text of an XML attribute or element with its entities decoded. */
export function decodeEntities(text: string): string {
  if (text.indexOf("&") < 0) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, entity: string) => {
    if (entity[0] !== "#") return ENTITIES[entity];
    return String.fromCodePoint(entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });
}

/**
 * Cell text as Excel means it: entities decoded, then the `_xHHHH_` escapes Excel uses for
 * characters XML cannot carry (`_x000D_` is a carriage return; `_x005F_` a literal underscore).
 */
export function decodeCellText(text: string): string {
  const decoded = decodeEntities(text);
  if (decoded.indexOf("_x") < 0) return decoded;
  return decoded.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Escapes text for an attribute or element. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === "&" ? "&amp;" : ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : "&quot;"));
}

/**
 * Cell text as XML element content: a literal `_xHHHH_` is protected and characters XML 1.0 cannot
 * hold (control characters) are written as Excel writes them, so any text survives the round trip.
 */
export function escapeCellText(text: string): string {
  if (!/[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x/.test(text)) return text;
  const protectedText = text.indexOf("_x") < 0 ? text : text.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
  const safe = protectedText.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeXml(safe);
}

/** The value of attribute `name` in a start tag, decoded, or undefined. Matches `r:id` by its local name too when asked for ":id". */
export function attribute(tag: string, name: string): string | undefined {
  const pattern = name.startsWith(":") ? new RegExp(`\\s[\\w.-]+${name}\\s*=\\s*("([^"]*)"|'([^']*)')`) : new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`);
  const match = pattern.exec(tag);
  if (!match) return undefined;
  return decodeEntities(match[2] ?? match[3]);
}

/** Every start (or empty-element) tag of an element name, e.g. all `<sheet .../>` in workbook.xml. */
export function startTags(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<(?:\\w+:)?${element}(?=[\\s/>])[^>]*>`, "g"))].map((m) => m[0]);
}

/** The content of the first `<element>…</element>` (with any namespace prefix), or undefined. */
export function elementContent(xml: string, element: string): string | undefined {
  const open = new RegExp(`<((?:\\w+:)?${element})(?=[\\s/>])[^>]*?(/?)>`).exec(xml);
  if (!open) return undefined;
  if (open[2] === "/") return "";
  const start = open.index + open[0].length;
  const end = xml.indexOf(`</${open[1]}>`, start);
  return end < 0 ? undefined : xml.slice(start, end);
}

/** The text of a string item (`<si>` or `<is>`): every run's `<t>` joined, phonetic guides (`<rPh>`) left out. */
export function stringItemText(xml: string): string {
  const body = xml.indexOf("<rPh") >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "") : xml;
  let text = "";
  let at = 0;
  for (;;) {
    const open = body.indexOf("<t", at);
    if (open < 0) break;
    const after = body.charCodeAt(open + 2);
    // Only <t> and <t …>, not <tabColor> or the like.
    if (after !== 62 && after !== 32 && after !== 47) {
      at = open + 2;
      continue;
    }
    const close = body.indexOf(">", open);
    if (body.charCodeAt(close - 1) === 47) {
      at = close + 1;
      continue;
    }
    const end = body.indexOf("</t>", close);
    if (end < 0) break;
    text += body.slice(close + 1, end);
    at = end + 4;
  }
  return decodeCellText(text);
}
