/**
 * A write in Excel stages a replacement in a hidden sheet registered as "staging" and swaps it
 * in at its last sync; when that run dies (Excel closed, connection lost), the hidden sheet stays
 * in the workbook. Excel's next write deletes it; the file adapters do the same, and keep the
 * rest of the workbook consistent (sheet-scoped names and tab indexes renumbered, no parts left).
 */
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "fs";
import JSZip from "jszip";
import * as path from "path";
import { dayFromIso } from "../../src/core/parse/dates";
import { refreshAging } from "../../src/workbook/refreshAging";
import { parseRegistry, REGISTRY_SHEET } from "../../src/workbook/registry";
import { ExcelJsWorkbookPort } from "../../src/xlsx/xlsxPort";
import { runCli, tempDir } from "../support/cliRunner";
import { addSmallLedger } from "../support/ledgerWorkbook";
import { recalculateWithLibreOffice } from "../support/libreoffice";

jest.setTimeout(240_000);

const attr = (xml: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1];

function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** Adds a sheet that an interrupted write in Excel left: registered as staging, hidden (or not), half written. */
function leaveStaging(workbook: ExcelJS.Workbook, name: string, state: "hidden" | "visible", position?: number): void {
  const sheet = workbook.addWorksheet(name, { state });
  sheet.getCell("A1").value = "AR Aging";
  sheet.getCell("A2").value = "half written";
  if (position !== undefined) {
    const ordered = workbook.worksheets.filter((s) => s !== sheet);
    ordered.splice(position, 0, sheet);
    ordered.forEach((s, i) => ((s as unknown as { orderNo: number }).orderNo = i));
  }
  const registry = workbook.getWorksheet(REGISTRY_SHEET)!;
  registry.getRow(registry.rowCount + 1).values = [name, "staging", "{00000000-0001-0000-0009-000000000000}", ""];
}

test("a refresh on a file deletes the hidden staging sheet an interrupted write in Excel left, and renumbers what counts sheets", async () => {
  const dir = tempDir();
  const book = path.join(dir, "book.xlsx");
  const once = path.join(dir, "once.xlsx");
  const left = path.join(dir, "left.xlsx");
  const twice = path.join(dir, "twice.xlsx");
  const first = new ExcelJS.Workbook();
  addSmallLedger(first);
  first.addWorksheet("Notes").getCell("A1").value = "call Acme";
  await first.xlsx.writeFile(book);
  expect((await runCli("refresh", book, "--as-of", "2026-03-31", "--out", once)).code).toBe(0);

  // Excel died while replacing AR Aging: its staging sheet sits between Ledger and Notes.
  const crashed = new ExcelJS.Workbook();
  await crashed.xlsx.readFile(once);
  leaveStaging(crashed, "AR Aging (new)", "hidden", 1);
  leaveStaging(crashed, "AR Risk (new)", "visible");
  await crashed.xlsx.writeFile(left);
  // A name scoped to Notes and the active tab, both counted in sheets, Notes after the leftover.
  const zip = await JSZip.loadAsync(readFileSync(left));
  let workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  const sheetNames = [...workbookXml.matchAll(/<sheet [^>]*>/g)].map((m) => attr(m[0], "name"));
  expect(sheetNames.slice(0, 3)).toEqual(["Ledger", "AR Aging (new)", "Notes"]);
  const names = `<definedNames><definedName name="CallList" localSheetId="2">Notes!$A$1</definedName><definedName name="Half" localSheetId="1">'AR Aging (new)'!$A$2</definedName></definedNames>`;
  workbookXml = workbookXml.replace(/<definedNames>[\s\S]*?<\/definedNames>/, "").replace("</sheets>", `</sheets>${names}`);
  workbookXml = workbookXml.replace(/<bookViews>[\s\S]*?<\/bookViews>/, "").replace("<sheets>", `<bookViews><workbookView activeTab="2"/></bookViews><sheets>`);
  zip.file("xl/workbook.xml", workbookXml);
  writeFileSync(left, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));

  expect((await runCli("refresh", left, "--as-of", "2026-04-30", "--out", twice)).code).toBe(0);
  const out = await JSZip.loadAsync(readFileSync(twice));
  const xml = await out.file("xl/workbook.xml")!.async("string");
  const sheets = [...xml.matchAll(/<sheet [^>]*>/g)].map((m) => attr(m[0], "name"));
  expect(sheets).not.toContain("AR Aging (new)");
  expect(sheets).toContain("AR Risk (new)"); // visible: not a leftover of ours, whatever the registry says
  expect(sheets[1]).toBe("Notes");
  expect(xml).toContain(`<definedName name="CallList" localSheetId="1">Notes!$A$1</definedName>`);
  expect(xml).not.toContain(`name="Half"`);
  expect(attr(/<workbookView\b[^>]*>/.exec(xml)![0], "activeTab")).toBe("1");

  // Nothing of the staging sheet is left: every part is listed and every listed part is there.
  const files = Object.keys(out.files).filter((f) => !out.files[f].dir);
  const types = await out.file("[Content_Types].xml")!.async("string");
  for (const m of types.matchAll(/PartName="\/([^"]+)"/g)) expect(files).toContain(m[1]);
  const rels = await out.file("xl/_rels/workbook.xml.rels")!.async("string");
  const worksheetTargets = [...rels.matchAll(/<Relationship [^>]*>/g)].map((m) => m[0]).filter((r) => r.includes("/worksheet\"")).map((r) => path.posix.join("xl", attr(r, "Target")!.replace(/^\/?xl\//, "")));
  expect(worksheetTargets).toHaveLength(sheets.length);
  for (const target of worksheetTargets) expect(files).toContain(target);
  expect(files.filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f))).toHaveLength(sheets.length);

  const reread = new ExcelJS.Workbook();
  await reread.xlsx.readFile(twice);
  expect(reread.getWorksheet("Notes")!.getCell("A1").value).toBe("call Acme");
  const registry = parseRegistry(rowsOf(reread.getWorksheet(REGISTRY_SHEET)!));
  expect(registry.map((e) => e.sheet)).not.toContain("AR Aging (new)");
  expect(registry.find((e) => e.kind === "aging")?.sheet).toBe("AR Aging");
  // An independent engine opens it with the sheets where they should be.
  const calc = recalculateWithLibreOffice(twice);
  expect(calc.get("Notes")?.[0]?.[0]).toBe("call Acme");
  expect([...calc.keys()]).not.toContain("AR Aging (new)");
  expect(calc.get("AR Aging")?.[0]?.[0]).toBe("AR Aging");
});

test("the ExcelJS adapter deletes a hidden staging leftover too", async () => {
  const workbook = new ExcelJS.Workbook();
  addSmallLedger(workbook);
  const port = new ExcelJsWorkbookPort(workbook);
  const asOf = dayFromIso("2026-03-31")!;
  await refreshAging(port, { asOf, now: new Date("2026-03-31T09:00:00Z") });
  leaveStaging(workbook, "AR Aging (new)", "hidden");
  leaveStaging(workbook, "AR Risk (new)", "visible");

  await refreshAging(new ExcelJsWorkbookPort(workbook), { asOf, now: new Date("2026-03-31T09:00:00Z") });
  expect(workbook.getWorksheet("AR Aging (new)")).toBeUndefined();
  expect(workbook.getWorksheet("AR Risk (new)")?.getCell("A2").value).toBe("half written");
  const registry = parseRegistry(rowsOf(workbook.getWorksheet(REGISTRY_SHEET)!));
  expect(registry.map((e) => e.sheet)).not.toContain("AR Aging (new)");
});
