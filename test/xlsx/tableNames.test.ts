/** A table AR Desk adds never takes a name the workbook already uses for a defined name. */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { readFileSync } from "fs";
import * as path from "path";
import { dayFromIso } from "../../src/core/parse/dates";
import { refreshAging } from "../../src/workbook/refreshAging";
import { ExcelJsWorkbookPort } from "../../src/xlsx/xlsxPort";
import { runCli, tempDir } from "../support/cliRunner";
import { addSmallLedger } from "../support/ledgerWorkbook";

test("the aging table steps aside for a user's defined name ARAging", async () => {
  const dir = tempDir();
  const book = path.join(dir, "book.xlsx");
  const workbook = new ExcelJS.Workbook();
  const sheet = addSmallLedger(workbook);
  sheet.getCell("H1").value = 5;
  workbook.definedNames.add("Ledger!$H$1", "ARAging");
  await workbook.xlsx.writeFile(book);

  expect((await runCli("refresh", book, "--as-of", "2026-03-31")).code).toBe(0);
  const zip = await JSZip.loadAsync(readFileSync(path.join(dir, "book.ar.xlsx")));
  const tables = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/tables\/.+\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")));
  const names = tables.map((xml) => /\sname="([^"]+)"/.exec(xml)![1].toLowerCase());
  expect(names).toContain("invoices");
  expect(names).not.toContain("araging");
  expect(names.some((n) => n.startsWith("araging"))).toBe(true);
  expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(/<definedName name="ARAging">Ledger!\$H\$1<\/definedName>/);
});

test("the ExcelJS adapter steps aside for a defined name too", async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = addSmallLedger(workbook);
  sheet.getCell("H1").value = 5;
  workbook.definedNames.add("Ledger!$H$1", "ARRisk");
  await refreshAging(new ExcelJsWorkbookPort(workbook), { asOf: dayFromIso("2026-03-31")!, now: new Date("2026-03-31T09:00:00Z") });
  const names = workbook.worksheets.flatMap((s) => Object.keys((s as unknown as { tables: Record<string, unknown> }).tables).map((n) => n.toLowerCase()));
  expect(names).toContain("invoices");
  expect(names).not.toContain("arrisk");
  expect(names).toContain("arrisk2");
});
