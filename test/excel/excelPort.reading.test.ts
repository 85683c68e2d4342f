/**
 * The Office.js adapter's reading side against the fake Excel host (test/support/fakeExcel, a
 * stand-in for Excel written for tests): plain-range discovery, settings, selection, large reads.
 */
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { ExcelWorkbookPort } from "../../src/excel/excelPort";
import { describeTableInExcel, runRefreshInExcel, runValidateInExcel, saveMappingInExcel, selectCellInExcel } from "../../src/excel/runRefresh";
import { REGISTRY_SHEET, SETTINGS_HEADER } from "../../src/workbook/registry";
import { SETTINGS_CHUNK } from "../../src/workbook/settings";
import type { TableInfo } from "../../src/workbook/port";
import { createFakeExcel, FIVE_MB, installFakeOffice, type FakeExcel, type InstalledOffice, type RequestContext } from "../support/fakeExcel";

const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);
const AS_OF = dayFromIso("2026-03-31")!;
const HEADERS = ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount"];

let fake: FakeExcel;
let office: InstalledOffice;

function install(options: Parameters<typeof createFakeExcel>[0] = {}): FakeExcel {
  fake = createFakeExcel(options);
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
  return fake;
}

afterEach(() => office?.uninstall());

const withPort = <T>(f: (port: ExcelWorkbookPort) => Promise<T>) =>
  fake.Excel.run((context: RequestContext) => f(new ExcelWorkbookPort(context as unknown as Excel.RequestContext)));

/** An ERP export: title rows above the header row, starting in column B, no Excel table. */
function seedExport(): void {
  install();
  fake.addSheet("Notes", [["Nothing to see"]]);
  fake.addSheet(
    "Export",
    [
      ["Receivables export", null, null, null, null],
      ["Printed 2026-03-31", null, null, null, null],
      [null, null, null, null, null],
      [" Invoice # ", "Customer", "Invoice Date", "Due Date", "Amount"],
      ["INV-1", "Acme", serial("2025-09-01"), serial("2026-03-16"), 200],
      ["INV-2", "Beta", serial("2025-09-01"), serial("2026-01-30"), "n/a"],
      ["INV-3", "Gamma", serial("2025-09-01"), serial("2026-04-15"), 50],
    ],
    "B2",
  );
}

describe("a header row in a plain range (no Excel table)", () => {
  it("is found under the title rows and refreshed through runRefreshInExcel", async () => {
    seedExport();
    const result = await runRefreshInExcel({ asOf: AS_OF });
    expect(result.source).toEqual({ table: "Export!B5", sheet: "Export" });
    expect(result.invoicesRead).toBe(3);
    expect(result.skipped).toEqual([expect.objectContaining({ sheet: "Export", cell: "F7" })]);
    expect(result.report.grandTotal).toBe(25000);
    // The read part stays at 3 syncs: sheets + registry, header previews, the body.
    expect(fake.stats.syncs.findIndex((s) => s.suspendedCalculation)).toBe(3);
  });

  it("is listed with kind range, trimmed headers and the rows down to the used range's end", async () => {
    seedExport();
    const tables = await withPort((port) => port.listTables());
    expect(tables).toEqual([{ name: "Export!B5", sheet: "Export", headers: HEADERS, headerAddress: "B5", rowCount: 3, kind: "range" }]);
    const data = await withPort((port) => port.readTable(tables[0]));
    expect(data).toMatchObject({ firstDataRow: 6, firstColumn: 2, rowCount: 3 });
    expect(data.rows.map((r) => r[0])).toEqual(["INV-1", "INV-2", "INV-3"]);
  });

  it("passes over AR Desk's own sheets: a second refresh still finds only the user's table", async () => {
    seedExport();
    await runRefreshInExcel({ asOf: AS_OF });
    const result = await runRefreshInExcel({ asOf: AS_OF });
    expect(result.source.table).toBe("Export!B5");
    const choice = await describeTableInExcel();
    expect(choice.candidates.map((t) => t.name)).toEqual(["Export!B5"]);
  });
});

describe("settings in the _ardesk sheet", () => {
  it("round-trip through writeSettings and readSettings, in chunks, with a header in E1", async () => {
    install();
    fake.addTable("Data", "Invoices", "A1", [HEADERS, ["INV-1", "Acme", serial("2025-09-01"), serial("2026-03-16"), 200]]);
    const text = `{"mappings":{},"note":"${"x".repeat(SETTINGS_CHUNK + 10)}-"}`;
    await withPort((port) => port.writeSettings(text));
    expect(fake.listSheets().find((s) => s.name === REGISTRY_SHEET)?.visibility).toBe("VeryHidden");
    expect(fake.getCell(REGISTRY_SHEET, "E1").value).toBe(SETTINGS_HEADER);
    await expect(withPort((port) => port.readSettings())).resolves.toBe(text);
    // Shorter settings clear the leftover pieces below.
    await withPort((port) => port.writeSettings('{"mappings":{}}'));
    expect(fake.getCell(REGISTRY_SHEET, "E3").value).toBe("");
    await expect(withPort((port) => port.readSettings())).resolves.toBe('{"mappings":{}}');
  });

  it("survive a refresh that rewrites the registry (columns A:C only)", async () => {
    install();
    fake.addTable("Data", "Invoices", "A1", [HEADERS, ["INV-1", "Acme", serial("2025-09-01"), serial("2026-03-16"), 200]]);
    await runRefreshInExcel({ asOf: AS_OF });
    const text = '{"mappings":{},"dateOrder":"mdy"}';
    await withPort((port) => port.writeSettings(text));
    await runRefreshInExcel({ asOf: AS_OF });
    await runRefreshInExcel({ asOf: AS_OF });
    await expect(withPort((port) => port.readSettings())).resolves.toBe(text);
    expect(fake.getSheetValues(REGISTRY_SHEET).slice(1).map((row) => row[0])).toContain("AR Aging");
  });

  it("are read from listTables' first sync when it just ran (no extra sync), fresh otherwise", async () => {
    install();
    fake.addTable("Data", "Invoices", "A1", [HEADERS, ["INV-1", "Acme", serial("2025-09-01"), serial("2026-03-16"), 200]]);
    await withPort((port) => port.writeSettings('{"mappings":{}}'));
    fake.resetStats();
    await withPort(async (port) => {
      await port.listTables();
      const before = fake.stats.syncCount;
      await expect(port.readSettings()).resolves.toBe('{"mappings":{}}');
      expect(fake.stats.syncCount).toBe(before);
      // A co-author's change in between is seen by the next read.
      await expect(port.readSettings()).resolves.toBe('{"mappings":{}}');
      expect(fake.stats.syncCount).toBe(before + 1);
    });
  });

  it("hold the column mapping saved from the pane, which every run then uses", async () => {
    install();
    fake.addTable("Data", "Invoices", "A1", [
      ["Ref", "Client", "Invoice #", "Customer", "Due Date", "Amount"],
      ["R-1", "Acme", "X", "Wrong", serial("2026-03-16"), 200],
    ]);
    const before = await describeTableInExcel();
    expect(before.columns.find((c) => c.field === "customer")?.header).not.toBe("Customer");
    await saveMappingInExcel(before.table as TableInfo, { invoice: 2, customer: 3, dueDate: 4, amount: 5 });
    const after = await describeTableInExcel();
    expect(after.columns.find((c) => c.field === "customer")?.header).toBe("Customer");
    const result = await runRefreshInExcel({ asOf: AS_OF });
    expect(result.report.customers.map((c) => c.customer)).toEqual(["Wrong"]);
  });
});

describe("selecting the cell an issue points at", () => {
  it("activates the sheet and selects the cell, in one sync", async () => {
    install();
    fake.addSheet("Notes", [["x"]]);
    fake.addTable("Data", "Invoices", "A1", [HEADERS, ["INV-1", "Acme", serial("2025-09-01"), serial("2026-03-16"), 200]]);
    fake.resetStats();
    await selectCellInExcel("Data", "D2");
    expect(fake.selection).toEqual({ sheet: "Data", address: "D2" });
    expect(fake.activeSheet).toBe("Data");
    expect(fake.stats.syncCount).toBe(1);
  });

  it("says so when the sheet is gone", async () => {
    install();
    fake.addSheet("Notes", [["x"]]);
    await expect(selectCellInExcel("Gone", "A1")).rejects.toMatchObject({ message: 'The sheet "Gone" is no longer in the workbook.' });
  });
});

describe("validate in Excel", () => {
  it("writes the issues sheet and reports findings with their cells", async () => {
    install();
    fake.addTable("Data", "Invoices", "A1", [
      HEADERS,
      ["INV-1", "Acme", serial("2025-09-01"), serial("2026-03-16"), 200],
      ["INV-1", "Beta", serial("2025-09-01"), "someday", 100],
    ]);
    const report = await runValidateInExcel({ asOf: AS_OF });
    expect(report.issues.some((i) => i.rule === "duplicate-invoice" && i.sheet === "Data" && i.cell === "A3")).toBe(true);
    expect(report.issues.some((i) => i.cell === "D3")).toBe(true);
    expect(report.quality.score).toBeLessThan(100);
    expect(fake.listSheets().map((s) => s.name)).toContain("AR Data Issues");
  });
});

describe("reading a large table under Excel on the web's 5 MB response limit", () => {
  const rows = (n: number, customers = n) =>
    Array.from({ length: n }, (_, i) => [
      `INV-${i}`,
      `Customer ${String(i % customers).padStart(6, "0")} — Long Trading Company Name With Many Words`,
      serial("2025-09-01"),
      serial("2026-01-01") + (i % 120),
      100 + (i % 97) + 0.01 * (i % 100),
    ]);

  it("reads the body in chunks whose responses stay under 5 MB", async () => {
    install({ responseLimitBytes: FIVE_MB });
    fake.addTable("Data", "Invoices", "A1", [HEADERS, ...rows(80_000)]);
    const tables = await withPort((port) => port.listTables());
    fake.resetStats();
    const data = await withPort((port) => port.readTable(tables[0]));
    expect(data.rows).toHaveLength(80_000);
    expect(data.rows[79_999][0]).toBe("INV-79999");
    expect(fake.stats.rejectedSyncs).toBe(0);
    expect(fake.stats.largestResponseBytes).toBeLessThan(FIVE_MB);
    expect(fake.stats.syncCount).toBeGreaterThan(1);
    console.log(`read 80,000 rows: ${fake.stats.syncCount} syncs, largest response ${fake.stats.largestResponseBytes} B`);
  }, 120_000);

  it("reads a plain range in chunks too", async () => {
    install({ responseLimitBytes: FIVE_MB });
    fake.addSheet("Export", [["AR export"], [], HEADERS, ...rows(60_000)]);
    const tables = await withPort((port) => port.listTables());
    expect(tables[0]).toMatchObject({ kind: "range", rowCount: 60_000 });
    const data = await withPort((port) => port.readTable(tables[0]));
    expect(data.rows).toHaveLength(60_000);
    expect(data.firstDataRow).toBe(4);
    expect(fake.stats.largestResponseBytes).toBeLessThan(FIVE_MB);
  }, 120_000);

  it("refreshes 100,000 invoices in one listing sync plus one per read or write chunk and one to end", async () => {
    install({ responseLimitBytes: FIVE_MB });
    fake.addTable("Data", "Invoices", "A1", [HEADERS, ...rows(100_000, 500)]);
    await runRefreshInExcel({ asOf: AS_OF });
    const { stats } = fake;
    const reads = stats.syncs.findIndex((s) => s.suspendedCalculation);
    const readChunks = reads - 2; // listTables takes 2, the body the rest
    const writeChunks = stats.suspendedCalculationSyncs;
    expect(stats.syncCount).toBe(2 + readChunks + writeChunks + 1);
    expect(stats.rejectedSyncs).toBe(0);
    expect(stats.largestResponseBytes).toBeLessThan(FIVE_MB);
    expect(stats.largestRequestBytes).toBeLessThan(FIVE_MB);
    console.log(`refresh of 100,000 invoices: ${stats.syncCount} syncs = 2 (list) + ${readChunks} read chunks + ${writeChunks} write chunks + 1 (last sheet's id); largest response ${stats.largestResponseBytes} B, largest request ${stats.largestRequestBytes} B`);
  }, 300_000);
});
