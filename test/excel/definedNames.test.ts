/**
 * A table AR Desk adds in Excel never takes the name of one of the workbook's defined names (the
 * fake host, a stand-in for Excel written for tests, refuses it as Excel does): it takes the next
 * free name instead, as the .xlsx adapter does, and finding that out costs no extra sync.
 */
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { runRefreshInExcel } from "../../src/excel/runRefresh";
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice } from "../support/fakeExcel";

const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);
const AS_OF = dayFromIso("2026-03-31")!;
const NOW = new Date("2026-03-31T09:00:00Z");

let office: InstalledOffice | undefined;
afterEach(() => office?.uninstall());

function workbook(): FakeExcel {
  const fake = createFakeExcel();
  office?.uninstall();
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
  fake.addSheet("Notes", [["rate", 0.2], ["limit", 5000]]);
  fake.addTable("Data", "Invoices", "A1", [
    ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount"],
    ["A-1", "Acme", serial("2026-01-01"), serial("2026-02-01"), 100],
    ["B-1", "Beta", serial("2026-01-15"), serial("2026-03-01"), 250],
  ]);
  return fake;
}

test("tables step aside for a workbook-scoped and a sheet-scoped defined name, with no extra sync", async () => {
  const plain = workbook();
  await runRefreshInExcel({ asOf: AS_OF, now: NOW });
  const syncs = plain.stats.syncCount;

  const fake = workbook();
  fake.addName("ARAging", "=Notes!$B$1");
  fake.addName("arrisk", "=Notes!$B$2", "Notes");
  await runRefreshInExcel({ asOf: AS_OF, now: NOW });
  const names = fake.listTables().map((t) => t.name);
  expect(names).toEqual(expect.arrayContaining(["ARAging2", "ARRisk2", "ARInvoiceDetail", "Invoices"]));
  expect(names.map((n) => n.toLowerCase())).not.toEqual(expect.arrayContaining(["araging"]));
  expect(names.map((n) => n.toLowerCase())).not.toEqual(expect.arrayContaining(["arrisk"]));
  expect(fake.listNames().map((n) => n.name)).toEqual(["ARAging", "arrisk"]);
  expect(fake.stats.syncCount).toBe(syncs);

  // A second refresh keeps those names (and still steps aside).
  await runRefreshInExcel({ asOf: AS_OF, now: NOW });
  expect(fake.listTables().map((t) => t.name).sort()).toEqual([...names].sort());
});

test("a name scoped to AR Desk's own sheet goes with the sheet it replaces, so the table keeps its name", async () => {
  const fake = workbook();
  await runRefreshInExcel({ asOf: AS_OF, now: NOW });
  fake.addName("ARRiskTop", "=0", "AR Risk");
  fake.addName("ARRisk_Print", "=0", "AR Risk");
  await runRefreshInExcel({ asOf: AS_OF, now: NOW });
  expect(fake.getTable("ARRisk")?.sheet).toBe("AR Risk");
});
