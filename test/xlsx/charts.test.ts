/**
 * Charts: ExcelJS writes none, so src/xlsx/charts.ts injects DrawingML parts into the saved file.
 * These tests open what the command line wrote as a zip and check the parts, the relationships and
 * the content types; then ExcelJS and LibreOffice (an independent reader) must still open it.
 */
import ExcelJS from "exceljs";
import { readFileSync } from "fs";
import JSZip from "jszip";
import * as path from "path";
import { runCli, tempDir } from "../support/cliRunner";
import { libreOfficeRoundTrip, recalculateWithLibreOffice } from "../support/libreoffice";

jest.setTimeout(300_000);

const AS_OF = "2026-11-23";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";

const text = async (zip: JSZip, part: string) => {
  const file = zip.file(part);
  if (!file) throw new Error(`No part ${part} in ${Object.keys(zip.files).join(", ")}`);
  return file.async("string");
};
const attr = (xml: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(xml)?.[1];
const relsOf = (xml: string) => [...xml.matchAll(/<Relationship [^>]*>/g)].map((m) => ({ id: attr(m[0], "Id"), type: attr(m[0], "Type"), target: attr(m[0], "Target") }));

/** The worksheet part of a sheet, found the way Excel does: workbook.xml → its relationships. */
async function sheetPart(zip: JSZip, sheet: string): Promise<string> {
  const workbook = await text(zip, "xl/workbook.xml");
  const element = [...workbook.matchAll(/<sheet [^>]*>/g)].map((m) => m[0]).find((s) => attr(s, "name") === sheet);
  if (!element) throw new Error(`No sheet ${sheet}`);
  const rid = attr(element, "r:id");
  const target = relsOf(await text(zip, "xl/_rels/workbook.xml.rels")).find((r) => r.id === rid)!.target!;
  return `xl/${target.replace(/^\/?xl\//, "")}`;
}

/** What a sheet's drawing holds: the drawing part and, per anchor, the chart part it shows. */
async function chartsOfSheet(zip: JSZip, sheet: string) {
  const part = await sheetPart(zip, sheet);
  const xml = await text(zip, part);
  const drawingRid = /<drawing r:id="([^"]+)"\s*\/>/.exec(xml)?.[1];
  if (!drawingRid) return { part, xml, drawing: undefined, charts: [] as string[] };
  const relsPath = part.replace(/worksheets\/(.*)$/, "worksheets/_rels/$1.rels");
  const rel = relsOf(await text(zip, relsPath)).find((r) => r.id === drawingRid)!;
  expect(rel.type).toBe(`${REL}/drawing`);
  const drawing = path.posix.normalize(path.posix.join(path.posix.dirname(part), rel.target!));
  const drawingXml = await text(zip, drawing);
  const drawingRels = relsOf(await text(zip, drawing.replace(/drawings\/(.*)$/, "drawings/_rels/$1.rels")));
  const charts = [...drawingXml.matchAll(/<c:chart [^>]*r:id="([^"]+)"/g)].map((m) => {
    const r = drawingRels.find((x) => x.id === m[1])!;
    expect(r.type).toBe(`${REL}/chart`);
    return path.posix.normalize(path.posix.join(path.posix.dirname(drawing), r.target!));
  });
  return { part, xml, drawing, drawingXml, charts };
}

let dir: string;
let output: string;
let customers: number;

beforeAll(async () => {
  dir = tempDir();
  expect((await runCli("sample", path.join(dir, "sample.xlsx"), "--as-of", AS_OF)).code).toBe(0);
  const refresh = await runCli("refresh", path.join(dir, "sample.xlsx"), "--as-of", AS_OF, "--json");
  expect(refresh.code).toBe(0);
  customers = JSON.parse(refresh.stdout).customers.length;
  output = path.join(dir, "sample.ar.xlsx");
});

describe("the stacked bar chart of the aging", () => {
  it("is a chart part with a stacked horizontal bar chart, one series per bucket", async () => {
    const zip = await JSZip.loadAsync(readFileSync(output));
    const chart = await text(zip, "xl/charts/chart1.xml");
    expect(attr(/<c:barDir [^>]*>/.exec(chart)![0], "val")).toBe("bar");
    expect(attr(/<c:grouping [^>]*>/.exec(chart)![0], "val")).toBe("stacked");
    expect(attr(/<c:overlap [^>]*>/.exec(chart)![0], "val")).toBe("100");
    expect(chart).toContain("Aging by customer (USD)");
    expect([...chart.matchAll(/<c:ser>.*?<\/c:ser>/g)]).toHaveLength(6);
    // Every series reads the AR Aging sheet.
    for (const f of chart.matchAll(/<c:f>([^<]*)<\/c:f>/g)) expect(f[1]).toMatch(/^'AR Aging'!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?$/);
    // Well-formed enough for the XML parsers: no unescaped ampersands.
    expect(chart).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  // Each series and the categories point at the aging table's own rows, not at row 1.
  it("feeds each series from the aging table: header row 31 names it, body rows 32… hold the values", async () => {
    const zip = await JSZip.loadAsync(readFileSync(output));
    const chart = await text(zip, "xl/charts/chart1.xml");
    const series = [...chart.matchAll(/<c:ser>.*?<\/c:ser>/g)].map((m) => m[0]);
    const rows = Math.min(10, customers);
    expect(series[0]).toContain(`<c:tx><c:strRef><c:f>'AR Aging'!$B$31</c:f>`);
    expect(series[0]).toContain(`<c:cat><c:strRef><c:f>'AR Aging'!$A$32:$A$${31 + rows}</c:f>`);
    expect(series[0]).toContain(`<c:val><c:numRef><c:f>'AR Aging'!$B$32:$B$${31 + rows}</c:f>`);
    expect(series[5]).toContain(`<c:val><c:numRef><c:f>'AR Aging'!$G$32:$G$${31 + rows}</c:f>`);
  });

  it("is anchored by a drawing that the AR Aging sheet references, with the relationships and content types right", async () => {
    const zip = await JSZip.loadAsync(readFileSync(output));
    const found = await chartsOfSheet(zip, "AR Aging");
    expect(found.drawing).toBe("xl/drawings/drawing1.xml");
    expect(found.charts).toEqual(["xl/charts/chart1.xml"]);
    // <drawing> comes before <tableParts> (ECMA-376 order), once.
    expect(found.xml.match(/<drawing /g)).toHaveLength(1);
    expect(found.xml.indexOf("<drawing ")).toBeLessThan(found.xml.indexOf("<tableParts"));
    // The anchor sits at N31 (0-based column 13, row 30), 8 columns by 18 rows.
    expect(found.drawingXml).toContain("<xdr:from><xdr:col>13</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>30</xdr:row>");
    expect(found.drawingXml).toContain("<xdr:to><xdr:col>21</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>48</xdr:row>");
    const types = await text(zip, "[Content_Types].xml");
    expect(types).toContain(`<Override PartName="/xl/charts/chart1.xml" ContentType="${CHART_TYPE}"/>`);
    expect(types).toContain(`<Override PartName="/xl/drawings/drawing1.xml" ContentType="${DRAWING_TYPE}"/>`);
    // Each part is declared once.
    expect(types.match(/PartName="\/xl\/charts\/chart1.xml"/g)).toHaveLength(1);
    // The other sheets have no drawing.
    for (const sheet of ["AR Invoice Detail", "AR Data Issues", "Invoices"]) expect((await chartsOfSheet(zip, sheet)).drawing).toBeUndefined();
  });

  it("leaves a file ExcelJS still opens, with the aging intact", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const sheet = workbook.getWorksheet("AR Aging")!;
    expect(sheet).toBeDefined();
    expect(sheet.getCell("A1").value).toBe("AR Aging");
    expect(sheet.getCell("A31").value).toBe("Customer");
    expect(workbook.getWorksheet("AR Invoice Detail")).toBeDefined();
  });

  it("survives a second refresh of the output: still one chart, parts not duplicated", async () => {
    const again = await runCli("refresh", output, "--as-of", AS_OF, "--out", output);
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(output));
    expect(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toEqual(["xl/charts/chart1.xml"]);
    const found = await chartsOfSheet(zip, "AR Aging");
    expect(found.charts).toEqual(["xl/charts/chart1.xml"]);
    expect(found.xml.match(/<drawing /g)).toHaveLength(1);
    const types = await text(zip, "[Content_Types].xml");
    expect(types.match(/PartName="\/xl\/charts\/chart1.xml"/g)).toHaveLength(1);
    expect(types.match(/PartName="\/xl\/drawings\/drawing1.xml"/g)).toHaveLength(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    expect(workbook.getWorksheet("AR Aging")).toBeDefined();
  });

  it("draws one chart per currency in the same drawing", async () => {
    const file = path.join(dir, "two.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Ledger").addTable({
      name: "Invoices",
      ref: "A1",
      headerRow: true,
      columns: ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Currency"].map((name) => ({ name })),
      rows: [
        ["E-1", "Acme & Söhne <GmbH>", new Date("2026-09-01T00:00:00Z"), new Date("2026-10-01T00:00:00Z"), 1000.5, "EUR"],
        ["J-1", "Kabuto KK", new Date("2026-10-01T00:00:00Z"), new Date("2026-10-31T00:00:00Z"), 150000, "JPY"],
      ],
    });
    await workbook.xlsx.writeFile(file);
    const refresh = await runCli("refresh", file, "--as-of", AS_OF);
    expect(refresh.stderr).toBe("");
    const zip = await JSZip.loadAsync(readFileSync(path.join(dir, "two.ar.xlsx")));
    const found = await chartsOfSheet(zip, "AR Aging");
    expect(found.charts).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml"]);
    expect(found.drawingXml!.match(/<xdr:twoCellAnchor/g)).toHaveLength(2);
    // Distinct drawing object ids.
    expect(new Set([...found.drawingXml!.matchAll(/<xdr:cNvPr id="(\d+)"/g)].map((m) => m[1])).size).toBe(2);
    const titles = await Promise.all(found.charts.map(async (c) => /<a:t>([^<]*)<\/a:t>/.exec(await text(zip, c))![1]));
    expect(titles).toEqual(["Aging by customer (JPY)", "Aging by customer (EUR)"]);
    const types = await text(zip, "[Content_Types].xml");
    for (const c of found.charts) expect(types).toContain(`<Override PartName="/${c}" ContentType="${CHART_TYPE}"/>`);
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(readFileSync(path.join(dir, "two.ar.xlsx")) as unknown as ArrayBuffer);
    expect(reread.getWorksheet("AR Aging")).toBeDefined();
  });
});

describe("LibreOffice reads the charted workbook", () => {
  it("converts it without error and reads the aging sheet", () => {
    const sheets = recalculateWithLibreOffice(output);
    const rows = sheets.get("AR Aging");
    expect(rows).toBeDefined();
    expect(rows!.some((row) => row[0] === "Customer")).toBe(true);
  });

  it("keeps the chart as a native stacked bar chart when it saves the file again", async () => {
    const zip = await JSZip.loadAsync(libreOfficeRoundTrip(output));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(1);
    const chart = await text(zip, charts[0]);
    expect(chart).toMatch(/<c:barDir val="bar"\/>/);
    expect(chart).toMatch(/<c:grouping val="stacked"\/>/);
    expect(chart).toContain("Aging by customer (USD)");
    expect(chart).toMatch(/<c:f>(&apos;|')AR Aging(&apos;|')!\$B\$\d+:\$B\$\d+<\/c:f>/);
  });
});
