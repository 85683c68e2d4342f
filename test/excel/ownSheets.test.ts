/**
 * A workbook last refreshed on the command line, opened in Excel (the fake host, a stand-in for
 * Excel written for tests): its registry has no sheet ids, only the names of the tables AR Desk
 * wrote on each sheet. A sheet the user made under one of our names after deleting ours is left
 * alone, and our own sheets are still recognised and replaced.
 */
import ExcelJS from "exceljs";
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { runRefreshInExcel } from "../../src/excel/runRefresh";
import { refreshAging } from "../../src/workbook/refreshAging";
import { parseRegistry, REGISTRY_SHEET } from "../../src/workbook/registry";
import { ExcelJsWorkbookPort } from "../../src/xlsx/xlsxPort";
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice } from "../support/fakeExcel";

const AS_OF = dayFromIso("2026-03-31")!;
const NOW = new Date("2026-03-31T09:00:00Z");
const HEADERS = ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount"];
const ROWS: [string, string, string, string, number][] = [
  ["A-1", "Acme", "2026-01-01", "2026-02-01", 10],
  ["B-1", "Beta", "2026-01-15", "2026-03-01", 20],
];
const MINE = "my own aging, not AR Desk's";

let fake: FakeExcel;
let office: InstalledOffice;

/** The "_ardesk" values a refresh on a file leaves (the command line's registry: no sheet ids). */
async function registryFromAFile(): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
  workbook.addWorksheet("Data").addTable({ name: "Invoices", ref: "A1", headerRow: true, columns: HEADERS.map((name) => ({ name })), rows: ROWS.map(([i, c, a, b, n]) => [i, c, d(a), d(b), n]) });
  await refreshAging(new ExcelJsWorkbookPort(workbook), { asOf: AS_OF, now: NOW });
  const rows: unknown[][] = [];
  workbook.getWorksheet(REGISTRY_SHEET)!.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1).map((v) => v ?? "")));
  return rows;
}

beforeEach(async () => {
  fake = createFakeExcel();
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
  const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);
  fake.addTable("Data", "Invoices", "A1", [HEADERS, ...ROWS.map(([i, c, a, b, n]) => [i, c, serial(a), serial(b), n])]);
  const registry = await registryFromAFile();
  expect(parseRegistry(registry).find((e) => e.sheet === "AR Aging")).toEqual(expect.objectContaining({ id: "", tables: expect.arrayContaining(["ARKeyFigures"]) }));
  fake.addSheet(REGISTRY_SHEET, registry);
  fake.setVisibility(REGISTRY_SHEET, "VeryHidden");
});
afterEach(() => office.uninstall());

test("a user's sheet under our name, made after ours was deleted on the file, is left alone in Excel", async () => {
  fake.addSheet("AR Aging", [[MINE]]);
  const result = await runRefreshInExcel({ asOf: AS_OF, now: NOW });
  expect(fake.getSheetValues("AR Aging")).toEqual([[MINE]]);
  expect(fake.getSheetValues("AR Aging (2)")[0][0]).toBe("AR Aging");
  expect(JSON.stringify(result)).toContain("AR Aging (2)");
  // Excel records the sheet's id and its tables, for itself and for the command line.
  const entry = parseRegistry(fake.getSheetValues(REGISTRY_SHEET)).find((e) => e.kind === "aging")!;
  expect(entry.sheet).toBe("AR Aging (2)");
  expect(entry.id).toBe(fake.listSheets().find((s) => s.name === "AR Aging (2)")!.id);
  expect(entry.tables).toEqual(expect.arrayContaining(fake.listTables().filter((t) => t.sheet === "AR Aging (2)").map((t) => t.name)));
});

test("our own sheet with our tables on it is still ours in Excel: replaced, no '(2)'", async () => {
  fake.addTable("AR Aging", "ARKeyFigures", "A10", [["Figure", "Value"], ["Total", 30]]);
  await runRefreshInExcel({ asOf: AS_OF, now: NOW });
  expect(fake.listSheets().map((s) => s.name)).not.toContain("AR Aging (2)");
  expect(fake.getSheetValues("AR Aging")[0][0]).toBe("AR Aging");
});
