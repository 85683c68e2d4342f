import type JSZip from "jszip";
import { columnLetters, parseCellAddress } from "../workbook/sheetPlan";
import type { PendingChart } from "./xlsxPort";

/*
 * ExcelJS writes no charts, so stacked bar charts are added to the saved file as standard
 * DrawingML parts: a chart part, a drawing that anchors it over cells, and the relationships
 * and content types that tie them to the sheet. Excel and LibreOffice read them as native charts.
 */

const NS = {
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  drawingRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chartRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
};

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** An absolute reference to a range of a sheet: 'AR Aging'!$B$9:$B$18. */
const sheetRef = (sheet: string, from: string, to: string) => {
  const absolute = (cell: string) => cell.replace(/^([A-Z]+)(\d+)$/, (_m, column: string, row: string) => `$${column}$${row}`);
  return `'${sheet.replace(/'/g, "''")}'!${absolute(from)}:${absolute(to)}`;
};

/** The chart part of a pending chart: a stacked bar chart over its plan table's body. */
export function chartXml(pending: PendingChart): string {
  const { chart, table, sheet } = pending;
  const { row: top, column: left } = parseCellAddress(table.at);
  const rows = Math.max(1, Math.min(chart.maxRows, table.rows.length));
  const categoryColumn = columnLetters(left + chart.categoryColumn);
  const categories = sheetRef(sheet, `${categoryColumn}${top + 1}`, `${categoryColumn}${top + rows}`);
  const series = chart.seriesColumns
    .map((column, i) => {
      const letter = columnLetters(left + column);
      const name = sheetRef(sheet, `${letter}${top}`, `${letter}${top}`).replace(/:.*$/, "");
      return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${escapeXml(name)}</c:f></c:strRef></c:tx><c:invertIfNegative val="0"/><c:cat><c:strRef><c:f>${escapeXml(categories)}</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>${escapeXml(sheetRef(sheet, `${letter}${top + 1}`, `${letter}${top + rows}`))}</c:f></c:numRef></c:val></c:ser>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS.rel}"><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>${series}<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="500010"/><c:axId val="500020"/></c:barChart><c:catAx><c:axId val="500010"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx><c:valAx><c:axId val="500020"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500010"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;
}

/** A drawing part anchoring charts over cells (`rid`: the drawing's relationship to each chart). */
export function drawingXml(anchors: { from: { row: number; column: number }; to: { row: number; column: number }; rid: string; id: number; name: string }[]): string {
  const anchor = (a: (typeof anchors)[number]) =>
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${a.from.column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.from.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>${a.to.column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.to.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${a.id}" name="${escapeXml(a.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${a.rid}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS.rel}">${anchors.map(anchor).join("")}</xdr:wsDr>`;
}

const relationships = (items: { id: string; type: string; target: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items
    .map((i) => `<Relationship Id="${i.id}" Type="${i.type}" Target="${i.target}"/>`)
    .join("")}</Relationships>`;

/** The worksheet part of each sheet name, from the workbook part and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const targets = new Map([...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]*)"[^>]*r:id="([^"]+)"/g)) {
    const name = m[1].replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    parts.set(name, `xl/${targets.get(m[2])!.replace(/^\/?xl\//, "")}`);
  }
  return parts;
}

/** The saved workbook with the pending charts added as native chart parts. */
export async function addCharts(bytes: Buffer, charts: readonly PendingChart[]): Promise<Buffer> {
  // Loaded here, not with the module: the package writer uses this file's XML without JSZip.
  const { default: JSZipClass } = await import("jszip");
  const zip = await JSZipClass.loadAsync(bytes);
  const parts = await sheetParts(zip);
  let types = await zip.file("[Content_Types].xml")!.async("string");
  const bySheet = new Map<string, PendingChart[]>();
  for (const chart of charts) bySheet.set(chart.sheet, [...(bySheet.get(chart.sheet) ?? []), chart]);
  let chartNumber = 0;
  let drawingNumber = 0;
  for (const [sheet, list] of bySheet) {
    const part = parts.get(sheet);
    if (!part) continue;
    drawingNumber++;
    const anchors = list.map((pending, i) => {
      chartNumber++;
      zip.file(`xl/charts/chart${chartNumber}.xml`, chartXml(pending));
      types = types.replace("</Types>", `<Override PartName="/xl/charts/chart${chartNumber}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`);
      const from = parseCellAddress(pending.chart.at);
      return { from, to: { row: from.row + pending.chart.heightRows, column: from.column + pending.chart.widthColumns }, rid: `rId${i + 1}`, id: i + 2, name: pending.chart.title, chart: chartNumber };
    });
    zip.file(`xl/drawings/drawing${drawingNumber}.xml`, drawingXml(anchors));
    zip.file(`xl/drawings/_rels/drawing${drawingNumber}.xml.rels`, relationships(anchors.map((a) => ({ id: a.rid, type: NS.chartRel, target: `../charts/chart${a.chart}.xml` }))));
    types = types.replace("</Types>", `<Override PartName="/xl/drawings/drawing${drawingNumber}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`);

    const relsPath = part.replace(/worksheets\/(.*)$/, "worksheets/_rels/$1.rels");
    const existingRels = zip.file(relsPath) ? await zip.file(relsPath)!.async("string") : relationships([]);
    const drawingRid = "rIdArDeskDrawing";
    zip.file(relsPath, existingRels.replace("</Relationships>", `<Relationship Id="${drawingRid}" Type="${NS.drawingRel}" Target="../drawings/drawing${drawingNumber}.xml"/></Relationships>`));
    let sheetXml = await zip.file(part)!.async("string");
    // <drawing> must come before these elements in a worksheet (ECMA-376 element order).
    const before = ["<legacyDrawing", "<legacyDrawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"].find((tag) => sheetXml.includes(tag))!;
    sheetXml = sheetXml.replace(before, `<drawing r:id="${drawingRid}"/>${before}`);
    zip.file(part, sheetXml);
  }
  zip.file("[Content_Types].xml", types);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

