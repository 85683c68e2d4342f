/**
 * The .xlsx package adapter (src/xlsx/zip): what it reads from cells as stored by Excel, and what
 * it leaves of the user's file when it writes AR Desk's sheets: every part it does not own, byte
 * for byte; nothing of a replaced sheet; the cells a user typed into preserved blocks.
 * An independent reader (JSZip, ExcelJS) checks the files it writes.
 */
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "fs";
import JSZip from "jszip";
import * as path from "path";
import { ArDeskError } from "../../src/core/errors";
import { dayFromIso } from "../../src/core/parse/dates";
import { refreshAging } from "../../src/workbook/refreshAging";
import type { SheetPlan } from "../../src/workbook/sheetPlan";
import { openWorkbook } from "../../src/xlsx/files";
import { PackageWorkbookPort } from "../../src/xlsx/zip/packagePort";
import { XlsxPackage } from "../../src/xlsx/zip/xlsxPackage";
import { readDirectory } from "../../src/xlsx/zip/zipArchive";
import { runCli, tempDir } from "../support/cliRunner";

jest.setTimeout(120_000);

const AS_OF = "2026-03-31";
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const HEADERS = ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount"];
const ROWS = [
  ["A-1", "Acme", d("2026-01-01"), d("2026-02-15"), 10],
  ["B-1", "Beta", d("2026-02-01"), d("2026-04-15"), 20.5],
];

/** A user's workbook: the invoice table, a sheet of notes, and a sheet of theirs named "AR Aging". */
async function userBook(file: string, configure?: (workbook: ExcelJS.Workbook) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Ledger").addTable({ name: "Invoices", ref: "A1", headerRow: true, columns: HEADERS.map((name) => ({ name })), rows: ROWS });
  const notes = workbook.addWorksheet("Notes");
  notes.getCell("A1").value = "Call Acme on Monday";
  notes.getCell("B2").value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
  workbook.addWorksheet("AR Aging").getCell("A1").value = "my own aging notes";
  configure?.(workbook);
  await workbook.xlsx.writeFile(file);
}

/** The stored (compressed) bytes of every part, by name, as they sit in the archive. */
function storedParts(file: string): Map<string, Buffer> {
  const bytes = readFileSync(file);
  const parts = new Map<string, Buffer>();
  for (const [name, entry] of readDirectory(bytes)) {
    const nameLength = bytes.readUInt16LE(entry.localOffset + 26);
    const extraLength = bytes.readUInt16LE(entry.localOffset + 28);
    const start = entry.localOffset + 30 + nameLength + extraLength;
    parts.set(name, bytes.subarray(start, start + entry.compressedSize));
  }
  return parts;
}

const attr = (xml: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1];

/** Worksheet part of a sheet name, the way Excel finds it. */
async function sheetPart(zip: JSZip, sheet: string): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const element = [...workbook.matchAll(/<sheet [^>]*>/g)].map((m) => m[0]).find((s) => attr(s, "name") === sheet)!;
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rel = [...rels.matchAll(/<Relationship [^>]*>/g)].map((m) => m[0]).find((r) => attr(r, "Id") === attr(element, "r:id"))!;
  return path.posix.join("xl", attr(rel, "Target")!.replace(/^\/?xl\//, ""));
}

/**
 * Every relationship target exists, every part but the package's own is the target of some
 * relationship, and every content-type override names a part that exists.
 */
async function expectNoOrphans(zip: JSZip): Promise<void> {
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const targets = new Set<string>();
  for (const relsName of names.filter((n) => n.endsWith(".rels"))) {
    const source = relsName.replace(/(^|\/)_rels\/([^/]+)\.rels$/, "$1$2");
    const base = relsName === "_rels/.rels" ? "" : path.posix.dirname(source);
    for (const m of (await zip.file(relsName)!.async("string")).matchAll(/<Relationship [^>]*>/g)) {
      if (attr(m[0], "TargetMode") === "External") continue;
      const target = attr(m[0], "Target")!;
      const resolved = target.startsWith("/") ? target.slice(1) : path.posix.normalize(path.posix.join(base, target));
      expect({ from: relsName, target: resolved, exists: names.includes(resolved) }).toEqual({ from: relsName, target: resolved, exists: true });
      targets.add(resolved);
    }
  }
  for (const name of names) {
    if (name === "[Content_Types].xml" || name.endsWith(".rels")) continue;
    expect({ part: name, referenced: targets.has(name) }).toEqual({ part: name, referenced: true });
  }
  const types = await zip.file("[Content_Types].xml")!.async("string");
  for (const m of types.matchAll(/<Override [^>]*>/g)) {
    const part = attr(m[0], "PartName")!.slice(1);
    expect({ override: part, exists: names.includes(part) }).toEqual({ override: part, exists: true });
  }
}

describe("writing AR Desk's sheets into a copy of the user's file", () => {
  let dir: string;
  let book: string;
  let once: string;
  let twice: string;

  beforeAll(async () => {
    dir = tempDir();
    book = path.join(dir, "book.xlsx");
    once = path.join(dir, "once.xlsx");
    twice = path.join(dir, "twice.xlsx");
    await userBook(book);
    const first = await runCli("refresh", book, "--as-of", AS_OF, "--out", once);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const second = await runCli("refresh", once, "--as-of", AS_OF, "--out", twice);
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
  });

  it("carries every part of the user's it does not have to change over byte for byte", () => {
    const before = storedParts(book);
    const after = storedParts(once);
    // The package parts that list sheets, relationships and styles necessarily change.
    const changed = new Set(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]);
    const carried = [...before.keys()].filter((name) => !changed.has(name));
    expect(carried).toEqual(expect.arrayContaining(["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/tables/table1.xml", "xl/sharedStrings.xml", "xl/theme/theme1.xml", "docProps/core.xml"]));
    for (const name of carried) expect({ name, same: after.get(name)?.equals(before.get(name)!) }).toEqual({ name, same: true });
  });

  it("appends its styles after the user's, whose indexes stay as they were", async () => {
    const styles = async (file: string) => (await JSZip.loadAsync(readFileSync(file))).file("xl/styles.xml")!.async("string");
    const xfs = (xml: string) => [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)![1].matchAll(/<xf [^>]*?\/?>/g)].map((m) => m[0]);
    const original = xfs(await styles(book));
    const written = xfs(await styles(once));
    expect(written.slice(0, original.length)).toEqual(original);
    expect(written.length).toBeGreaterThan(original.length);
    // A second refresh finds its own styles again instead of adding them once more.
    expect(xfs(await styles(twice))).toEqual(written);
  });

  it("never writes over a user's sheet named like one of its own, and writes its own under 'AR Aging (2)'", async () => {
    const zip = await JSZip.loadAsync(readFileSync(twice));
    const userPart = await sheetPart(zip, "AR Aging");
    expect(userPart).toBe("xl/worksheets/sheet3.xml");
    expect(storedParts(twice).get(userPart)!.equals(storedParts(book).get(userPart)!)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(twice);
    expect(workbook.getWorksheet("AR Aging")!.getCell("A1").value).toBe("my own aging notes");
    expect(workbook.getWorksheet("AR Aging (2)")!.getCell("A1").value).toBe("AR Aging");
    expect(workbook.getWorksheet("Notes")!.getCell("A1").value).toBe("Call Acme on Monday");
  });

  it("replaces its own sheets on a second refresh without leaving any of their old parts behind", async () => {
    const first = await JSZip.loadAsync(readFileSync(once));
    const second = await JSZip.loadAsync(readFileSync(twice));
    await expectNoOrphans(first);
    await expectNoOrphans(second);
    const list = (zip: JSZip, folder: string) => Object.keys(zip.files).filter((n) => n.startsWith(folder) && !zip.files[n].dir && !n.includes("_rels")).sort();
    for (const folder of ["xl/worksheets/", "xl/tables/", "xl/drawings/", "xl/charts/"]) expect(list(second, folder)).toEqual(list(first, folder));
    const sheetsOf = async (zip: JSZip) => [...(await zip.file("xl/workbook.xml")!.async("string")).matchAll(/<sheet [^>]*>/g)].map((m) => attr(m[0], "name")!);
    const sheets = await sheetsOf(second);
    // The user's sheets first as they were, ours after them in the order written, the registry last;
    // a replaced sheet keeps its place.
    expect(sheets.slice(0, 3)).toEqual(["Ledger", "Notes", "AR Aging"]);
    expect(sheets.slice(3, -1).sort()).toEqual(["AR Aging (2)", "AR Data Issues", "AR Invoice Detail", "AR Risk"]);
    expect(sheets[sheets.length - 1]).toBe("_ardesk");
    expect(await sheetsOf(first)).toEqual(sheets);
    // Table names and ids stay unique in the workbook.
    const tables = await Promise.all(list(second, "xl/tables/").map(async (n) => /<table [^>]*>/.exec(await second.file(n)!.async("string"))![0]));
    expect(new Set(tables.map((t) => attr(t, "id"))).size).toBe(tables.length);
    expect(new Set(tables.map((t) => attr(t, "name")!.toLowerCase())).size).toBe(tables.length);
  });

  it("freezes the header rows its plans ask for (LibreOffice without a window cannot show this)", async () => {
    const zip = await JSZip.loadAsync(readFileSync(twice));
    const detail = await zip.file(await sheetPart(zip, "AR Invoice Detail"))!.async("string");
    expect(detail).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
  });

  it("drops the defined names scoped to a replaced sheet and keeps the user's", async () => {
    const zip = await JSZip.loadAsync(readFileSync(once));
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    const index = [...workbookXml.matchAll(/<sheet [^>]*>/g)].findIndex((m) => attr(m[0], "name") === "AR Risk");
    const names = `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="${index}">'AR Risk'!$A$1:$D$9</definedName><definedName name="MyLedger">Ledger!$A$1:$E$3</definedName></definedNames>`;
    zip.file("xl/workbook.xml", workbookXml.replace("</sheets>", `</sheets>${names}`));
    const edited = path.join(dir, "named.xlsx");
    writeFileSync(edited, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    expect((await runCli("refresh", edited, "--as-of", AS_OF, "--out", edited)).code).toBe(0);
    const after = await (await JSZip.loadAsync(readFileSync(edited))).file("xl/workbook.xml")!.async("string");
    expect(after).not.toContain("_xlnm.Print_Area");
    expect(after).toContain('<definedName name="MyLedger">Ledger!$A$1:$E$3</definedName>');
  });
});

describe("refreshing a file AR Desk already refreshed", () => {
  /** Every sheet's values as ExcelJS reads them back, in tab order. */
  async function values(bytes: Buffer): Promise<Record<string, unknown[][]>> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheets: Record<string, unknown[][]> = {};
    workbook.eachSheet((sheet) => {
      const rows: unknown[][] = [];
      sheet.eachRow({ includeEmpty: true }, (row) => rows.push(JSON.parse(JSON.stringify(row.values))));
      sheets[sheet.name] = rows;
    });
    return sheets;
  }

  it("gives the same workbook as refreshing once", async () => {
    const file = path.join(tempDir(), "book.xlsx");
    await userBook(file);
    const options = { asOf: dayFromIso(AS_OF)!, now: new Date("2026-03-31T09:00:00Z") };
    const first = XlsxPackage.open(readFileSync(file));
    await refreshAging(new PackageWorkbookPort(first), options);
    const once = first.save();
    const second = XlsxPackage.open(once);
    await refreshAging(new PackageWorkbookPort(second), options);
    const twice = second.save();
    const [a, b] = [await values(once), await values(twice)];
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(Object.keys(a)).toEqual(expect.arrayContaining(["Ledger", "AR Aging (2)", "AR Invoice Detail", "AR Risk", "AR Data Issues", "_ardesk"]));
    for (const name of Object.keys(a)) expect({ sheet: name, rows: b[name] }).toEqual({ sheet: name, rows: a[name] });
  });
});

describe("a preserved block", () => {
  const plan = (value: string): SheetPlan => ({
    name: "AR Check",
    kind: "check",
    blocks: [
      { at: "A1", values: [[value]] },
      { at: "B2", values: [[null, null]], preserve: true, numberFormat: "#,##0.00" },
    ],
    tables: [],
  });

  it("keeps what the user typed there when AR Desk replaces its sheet, and only there", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    await userBook(book);
    const pkg = XlsxPackage.open(readFileSync(book));
    await new PackageWorkbookPort(pkg).writeSheet(plan("first"));
    const written = path.join(dir, "written.xlsx");
    writeFileSync(written, pkg.save());

    // The user types a balance and a formula into the preserved cells, and over the title.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(written);
    const sheet = workbook.getWorksheet("AR Check")!;
    sheet.getCell("B2").value = 1234.5;
    sheet.getCell("C2").value = { formula: "B2*2", result: 2469 } as ExcelJS.CellFormulaValue;
    sheet.getCell("A1").value = "typed over the title";
    await workbook.xlsx.writeFile(written);

    const again = XlsxPackage.open(readFileSync(written));
    const result = await new PackageWorkbookPort(again).writeSheet(plan("second"));
    expect(result).toEqual({ sheet: "AR Check", replaced: true, renamedFrom: undefined });
    const out = path.join(dir, "out.xlsx");
    writeFileSync(out, again.save());
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.readFile(out);
    const check = reread.getWorksheet("AR Check")!;
    expect(check.getCell("A1").value).toBe("second");
    expect(check.getCell("B2").value).toBe(1234.5);
    expect(check.getCell("C2").value).toEqual({ formula: "B2*2", result: 2469 });
  });
});

describe("reading cells as Excel stores them", () => {
  it("gives dates as dates in both the 1900 and the 1904 date systems", async () => {
    for (const date1904 of [false, true]) {
      const file = path.join(tempDir(), "dates.xlsx");
      await userBook(file, (workbook) => (workbook.properties.date1904 = date1904));
      const { workbook } = await openWorkbook(file);
      expect(workbook).toBeInstanceOf(XlsxPackage);
      const port = new PackageWorkbookPort(workbook as XlsxPackage);
      const [table] = await port.listTables();
      const data = await port.readTable(table);
      expect(data.date1904).toBe(date1904);
      expect(data.rows).toEqual(ROWS);
    }
  });

  it("reads shared strings with rich text and phonetic runs, inline strings, escapes, errors, booleans and formulas' cached values", async () => {
    const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Customer</x:t></x:is></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c><x:c r="D1" t="s"><x:v>2</x:v></x:c><x:c r="E1" t="str"><x:f>"Amo"&amp;"unt"</x:f><x:v>Amount</x:v></x:c><x:c r="F1" t="inlineStr"><x:is><x:t>Paid</x:t></x:is></x:c></x:row>
<x:row r="2"><x:c r="A2" t="s"><x:v>3</x:v></x:c><x:c r="B2" t="inlineStr"><x:is><x:r><x:t>Acme </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>&amp; Co_x000D_</x:t></x:r></x:is></x:c><x:c r="C2" s="1"><x:v>46023</x:v></x:c><x:c r="D2" s="2"><x:v>46068</x:v></x:c><x:c r="E2"><x:f>5*2</x:f><x:v>10</x:v></x:c><x:c r="F2" t="b"><x:v>1</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3" t="s"><x:v>4</x:v></x:c><x:c r="B3" t="inlineStr"><x:is><x:t xml:space="preserve"> Beta </x:t></x:is></x:c><x:c r="C3" t="d"><x:v>2026-02-01T00:00:00</x:v></x:c><x:c r="D3" t="e"><x:v>#N/A</x:v></x:c><x:c r="E3"><x:v>1E-2</x:v></x:c><x:c r="F3" t="b"><x:v>0</x:v></x:c></x:row>
</x:sheetData></x:worksheet>`;
    const strings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5"><si><t>Invoice</t></si><si><r><t>Invoice</t></r><r><rPr><i/></rPr><t xml:space="preserve"> date</t></r></si><si><t>Due date</t><rPh sb="0" eb="1"><t>ignored</t></rPh></si><si><t>INV&lt;1&gt;</t></si><si><t>x_x005F_x0041_y</t></si></sst>`;
    const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment horizontal="left"/></xf></cellXfs></styleSheet>`;
    const zip = new JSZip();
    zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/s.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/strings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`);
    zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`);
    zip.file("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="Export &amp; more" sheetId="7" rel:id="a"/></x:sheets></x:workbook>`);
    zip.file("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="a" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/s.xml"/><Relationship Id="b" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/><Relationship Id="c" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`);
    zip.file("xl/worksheets/s.xml", sheet);
    zip.file("xl/strings.xml", strings);
    zip.file("xl/styles.xml", styles);
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const pkg = XlsxPackage.open(bytes);
    const port = new PackageWorkbookPort(pkg);
    const [table] = await port.listTables();
    expect(table).toMatchObject({ sheet: "Export & more", headers: ["Invoice", "Customer", "Invoice date", "Due date", "Amount", "Paid"], headerAddress: "A1", rowCount: 2, kind: "range" });
    const data = await port.readTable(table);
    expect(data.date1904).toBe(false);
    expect(data.rows).toEqual([
      ["INV<1>", "Acme & Co\r", d("2026-01-01"), d("2026-02-15"), 10, true],
      ["x_x0041_y", " Beta ", d("2026-02-01"), "#N/A", 0.01, false],
    ]);

    // Written back, the prefixed workbook part keeps its namespace (now as the default) and lists our sheet.
    await port.writeSheet({ name: "AR Check", kind: "check", blocks: [{ at: "A1", values: [["ok"]] }], tables: [] });
    const saved = await JSZip.loadAsync(pkg.save());
    const savedWorkbook = await saved.file("xl/workbook.xml")!.async("string");
    expect(/<workbook [^>]*>/.exec(savedWorkbook)![0]).toContain(' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');
    expect([...savedWorkbook.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1])).toEqual(["Export &amp; more", "AR Check", "_ardesk"]);
    expect(savedWorkbook).toContain('xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"');

    // The same workbook saved as Strict Open XML (other namespaces throughout) is refused by name.
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    zip.file("xl/workbook.xml", workbookXml.replace("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"));
    const strict = path.join(tempDir(), "strict.xlsx");
    writeFileSync(strict, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const run = await runCli("refresh", strict);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`ar-desk: ${strict} is saved as a Strict Open XML spreadsheet, which AR Desk cannot read. Open it in Excel and save it as an Excel Workbook (.xlsx).`);
  });

  it("says which file and part is damaged instead of failing with a stack trace", async () => {
    const file = path.join(tempDir(), "book.xlsx");
    await userBook(file);
    const bytes = readFileSync(file);
    const entry = readDirectory(bytes).get("xl/worksheets/sheet1.xml")!;
    const start = entry.localOffset + 30 + bytes.readUInt16LE(entry.localOffset + 26) + bytes.readUInt16LE(entry.localOffset + 28);
    bytes.fill(0xff, start, start + entry.compressedSize);
    writeFileSync(file, bytes);
    const { workbook } = await openWorkbook(file);
    const port = new PackageWorkbookPort(workbook as XlsxPackage);
    const error = await port.readTable((await port.listTables())[0]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArDeskError);
    expect((error as ArDeskError).message).toBe(`${file} looks like a workbook but its part xl/worksheets/sheet1.xml cannot be read: it may be damaged.`);
  });
});
