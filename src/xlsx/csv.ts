import ExcelJS from "exceljs";
import * as path from "path";

/**
 * Windows-1252's characters for bytes 0x80–0x9F (undefined bytes keep their code). Node's
 * TextDecoder without full ICU decodes "windows-1252" as Latin-1, which leaves control
 * characters there: the euro sign (0x80) among them.
 */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    text += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return text;
}

/** Decodes CSV bytes: UTF-8 (with or without a byte-order mark), else Windows-1252, as Excel saves it. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

/** Splits CSV text into rows of fields with the given delimiter (RFC 4180 quoting). */
export function splitCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * The delimiter of a CSV text: comma, semicolon (Excel in much of Europe) or tab, whichever splits
 * the first lines into the most fields, the same number on each line.
 */
export function sniffDelimiter(text: string): "," | ";" | "\t" {
  const sample = text.slice(0, 20_000);
  let best: "," | ";" | "\t" = ",";
  let bestScore = -1;
  for (const delimiter of [",", ";", "\t"] as const) {
    const rows = splitCsv(sample, delimiter).slice(0, 20).filter((r) => r.length > 1 || r[0] !== "");
    if (rows.length === 0) continue;
    const widths = rows.map((r) => r.length);
    const common = widths.sort((a, b) => widths.filter((w) => w === b).length - widths.filter((w) => w === a).length)[0];
    const consistent = widths.filter((w) => w === common).length / widths.length;
    const score = common > 1 ? common * consistent : 0;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** A worksheet name from a file name: Excel allows 31 characters and none of []:*?/\ . */
export function sheetNameFor(file: string): string {
  const name = path.parse(file).name.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 31);
  return name || "Invoices";
}

/**
 * A workbook holding the CSV's cells as text, on one sheet named after the file, so the same
 * adapter reads it as any plain range (every cell is text; types are read by the parsers).
 */
export function workbookFromCsv(bytes: Uint8Array, file: string): ExcelJS.Workbook {
  const { text } = decodeCsv(bytes);
  const rows = splitCsv(text, sniffDelimiter(text));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetNameFor(file));
  rows.forEach((row, i) => {
    const target = sheet.getRow(i + 1);
    row.forEach((value, c) => {
      if (value !== "") target.getCell(c + 1).value = value;
    });
  });
  return workbook;
}
