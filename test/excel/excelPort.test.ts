/**
 * The Office.js adapter against the fake Excel host (test/support/fakeExcel, a stand-in for
 * Excel written for tests): a whole refresh through runRefreshInExcel, as the task pane runs it.
 */
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { ExcelWorkbookPort, excelInput, literalText } from "../../src/excel/excelPort";
import { runRefreshInExcel } from "../../src/excel/runRefresh";
import { REGISTRY_SHEET } from "../../src/workbook/registry";
import { DATE_FORMAT, moneyFormat, type SheetPlan } from "../../src/workbook/sheetPlan";
import { createFakeExcel, FIVE_MB, installFakeOffice, type FakeExcel, type InstalledOffice, type RequestContext } from "../support/fakeExcel";

const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);
const AS_OF = dayFromIso("2026-03-31")!;
const HEADERS = ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount"];
const MONEY = moneyFormat(2);
/** The tables on AR Aging, as the registry lists them. */
const agingTables = (): string => fake.listTables().filter((t) => t.sheet === "AR Aging").map((t) => t.name).join(",");
/** Sheets the last refresh wrote (AR Aging, its detail, issues, …): those in the registry. */
const sheetsWritten = (): number => fake.getSheetValues(REGISTRY_SHEET).slice(1).filter((r) => r[0]).length;
/**
 * Syncs of a refresh: 2 to list and read (tables + registry; header rows with the first rows of
 * each table, a small table whole) plus one per further read chunk of a large body, then one per
 * write chunk (each sheet's tables, formats and swap ride in its last chunk), and one at the end
 * that records the last sheet's id.
 */
const expectedSyncs = (chunks: number, readChunks = 0) => 2 + readChunks + chunks + 1;
/** Syncs before the first write: the read part of a refresh. */
const readSyncs = (f: FakeExcel) => f.stats.syncs.findIndex((s) => s.suspendedCalculation);

/** Seven invoices whose aging as of 2026-03-31 is worked out by hand below. */
const INVOICES: (string | number)[][] = [
  ["INV-1", "Acme", serial("2025-09-01"), serial("2026-04-15"), 100.1], // not yet due → Current
  ["INV-2", "Acme", serial("2025-09-01"), serial("2026-03-16"), 200.2], // 15 days → 1–30
  ["INV-3", "Beta", serial("2025-09-01"), serial("2026-01-30"), 300.3], // 60 days → 31–60
  ["INV-4", "Beta", serial("2025-09-01"), serial("2025-12-01"), 50.05], // 120 days → 91–120
  ["INV-5", "Gamma", serial("2025-09-01"), serial("2025-10-01"), 1000], // 181 days → 120+
  ["INV-6", '=HYPERLINK("x")', serial("2025-09-01"), serial("2026-03-01"), 10.01], // 30 days → 1–30
  ["INV-7", "+1", serial("2025-09-01"), serial("2026-01-15"), 20.02], // 75 days → 61–90
];

/** Customer, Current, 1–30, 31–60, 61–90, 91–120, 120+, Total; most overdue first. */
const EXPECTED_ROWS = [
  ["Gamma", 0, 0, 0, 0, 0, 1000, 1000],
  ["Beta", 0, 0, 300.3, 0, 50.05, 0, 350.35],
  ["Acme", 100.1, 200.2, 0, 0, 0, 0, 300.3],
  ["+1", 0, 0, 0, 20.02, 0, 0, 20.02],
  ['=HYPERLINK("x")', 0, 10.01, 0, 0, 0, 0, 10.01],
];
const EXPECTED_TOTALS = ["Total", 100.1, 210.21, 300.3, 20.02, 50.05, 1000, 1680.68];

let fake: FakeExcel;
let office: InstalledOffice;

function seed(rows: (string | number)[][] = INVOICES): void {
  fake = createFakeExcel();
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
  fake.addSheet("Notes", [["My notes"]]);
  fake.addTable("Data", "Invoices", "A1", [HEADERS, ...rows]);
}

afterEach(() => office?.uninstall());

/** 1-based worksheet row of the ARAging table's header. */
const agingTop = (): number => Number(/\d+/.exec(fake.getTable("ARAging")!.address)![0]);
/** The ARAging table's first eight columns (customer, buckets, total): header, body, totals. */
const agingTable = (): (string | number | boolean)[][] =>
  fake
    .getSheetValues("AR Aging")
    .slice(agingTop() - 1, agingTop() + EXPECTED_ROWS.length + 1)
    .map((row) => row.slice(0, 8));

describe("runRefreshInExcel on the fake Excel host", () => {
  beforeEach(() => seed());

  it("writes the AR Aging sheet with the right amounts and totals to the cent", async () => {
    const result = await runRefreshInExcel({ asOf: AS_OF });
    expect(result.sheet).toBe("AR Aging");
    expect(result.invoicesRead).toBe(7);
    expect(result.report.grandTotal).toBe(168068);

    const values = fake.getSheetValues("AR Aging");
    expect(values[0][0]).toBe("AR Aging");
    expect(values[1].slice(0, 2)).toEqual(["As of", serial("2026-03-31")]);
    expect(values.find((r) => r[0] === "Source")?.[1]).toBe("Table Invoices on sheet Data");
    const [header, ...rest] = agingTable();
    expect(header).toEqual(["Customer", "Current", "1–30", "31–60", "61–90", "91–120", "120+", "Total"]);
    expect(rest.slice(0, EXPECTED_ROWS.length)).toEqual(EXPECTED_ROWS);
    expect(rest[EXPECTED_ROWS.length]).toEqual(EXPECTED_TOTALS);
  });

  it("creates a real Excel table with a totals row of SUBTOTAL formulas", async () => {
    await runRefreshInExcel({ asOf: AS_OF });
    const top = agingTop();
    expect(fake.getTable("ARAging")).toMatchObject({
      sheet: "AR Aging",
      bodyAddress: expect.stringMatching(new RegExp(`^A${top + 1}:[A-Z]+${top + 5}$`)),
      totalsAddress: expect.stringMatching(new RegExp(`^A${top + 6}:`)),
      showTotals: true,
      style: "TableStyleMedium2",
    });
    const totals = fake.getFormulas("AR Aging")[top + 5].slice(0, 8);
    expect(totals).toEqual([null, "=SUBTOTAL(109,[Current])", "=SUBTOTAL(109,[1–30])", "=SUBTOTAL(109,[31–60])", "=SUBTOTAL(109,[61–90])", "=SUBTOTAL(109,[91–120])", "=SUBTOTAL(109,[120+])", "=SUBTOTAL(109,[Total])"]);
    expect(fake.stats.tableRowAddCalls).toBe(0);
  });

  it("sets number formats, the title style, column widths and frozen rows", async () => {
    await runRefreshInExcel({ asOf: AS_OF });
    const top = agingTop();
    expect(fake.getCell("AR Aging", "B2").numberFormat).toBe(DATE_FORMAT);
    for (const address of [`B${top + 1}`, `H${top + 5}`, `E${top + 3}`, `B${top + 6}`, `H${top + 6}`]) expect(fake.getCell("AR Aging", address).numberFormat).toBe(MONEY);
    expect(fake.getCell("AR Aging", `A${top + 1}`).numberFormat).toBe("General");
    expect(fake.getCell("AR Aging", "A1")).toMatchObject({ bold: true, fontSize: 16 });
    expect(fake.getCell("AR Aging", "A2").bold).toBe(true);
    expect(fake.getColumnWidth("AR Aging", 1)).toBeGreaterThan(48);
    expect(fake.getFreezeRows("AR Aging")).toBeGreaterThanOrEqual(0);
  });

  it("writes customer names that look like formulas as literal text", async () => {
    await runRefreshInExcel({ asOf: AS_OF });
    const top = agingTop();
    const formulas = fake.getFormulas("AR Aging");
    // No formula in the table's body: only the totals row (and the tie-out block below) has formulas.
    expect(formulas.slice(top, top + 5).every((row) => row.every((f) => f === null))).toBe(true);
    expect(fake.getCell("AR Aging", `A${top + 4}`)).toMatchObject({ value: "+1", formula: null });
    expect(fake.getCell("AR Aging", `A${top + 5}`)).toMatchObject({ value: '=HYPERLINK("x")', formula: null });
  });

  it("lists and reads a small table in 2 syncs, writes one sync per sheet and one to end; each request under 5 MB", async () => {
    await runRefreshInExcel({ asOf: AS_OF });
    const { stats } = fake;
    const chunks = stats.suspendedCalculationSyncs;
    expect(chunks).toBe(sheetsWritten()); // one chunk per sheet for a small table
    expect(readSyncs(fake)).toBe(2);
    expect(stats.syncCount).toBe(expectedSyncs(chunks)); // 2 to read + one per sheet + the last sheet's id
    // Calculation is suspended in every sync that writes a sheet; the last one only fixes the registry.
    expect(stats.syncs.slice(2, -1).every((s) => s.suspendedCalculation)).toBe(true);
    const end = stats.syncs[stats.syncs.length - 1];
    expect(end.suspendedCalculation).toBe(false);
    expect(end.requestBytes).toBeLessThan(2000);
    expect(stats.runCount).toBe(1);
    expect(stats.rejectedSyncs).toBe(0);
    expect(stats.largestRequestBytes).toBeLessThan(FIVE_MB);
  });

  it("never changes the user's invoice table", async () => {
    const values = fake.getSheetValues("Data");
    const formulas = fake.getFormulas("Data");
    const formats = fake.getNumberFormats("Data");
    const table = fake.getTable("Invoices");
    await runRefreshInExcel({ asOf: AS_OF });
    await runRefreshInExcel({ asOf: AS_OF });
    expect(fake.getSheetValues("Data")).toEqual(values);
    expect(fake.getFormulas("Data")).toEqual(formulas);
    expect(fake.getNumberFormats("Data")).toEqual(formats);
    expect(fake.getTable("Invoices")).toEqual(table);
  });

  it("registers the sheet in a very hidden _ardesk sheet with its worksheet id", async () => {
    await runRefreshInExcel({ asOf: AS_OF });
    const sheets = fake.listSheets();
    const registry = sheets.find((s) => s.name === REGISTRY_SHEET)!;
    const aging = sheets.find((s) => s.name === "AR Aging")!;
    expect(registry.visibility).toBe("VeryHidden");
    expect(fake.getSheetValues(REGISTRY_SHEET).find((row) => row[0] === "AR Aging")).toEqual(["AR Aging", "aging", aging.id, agingTables()]);
  });

  it("replaces its own sheet on a second refresh, in place, with the same values", async () => {
    await runRefreshInExcel({ asOf: AS_OF });
    const first = fake.getSheetValues("AR Aging");
    const position = fake.listSheets().findIndex((s) => s.name === "AR Aging");
    fake.resetStats();
    await runRefreshInExcel({ asOf: AS_OF });
    expect(fake.getSheetValues("AR Aging")).toEqual(first);
    expect(fake.listSheets().findIndex((s) => s.name === "AR Aging")).toBe(position);
    expect(fake.listSheets().filter((s) => s.name.startsWith("AR Aging"))).toHaveLength(1);
    // No "ARAging2": the replaced sheet's table went with it, so the name is free again.
    expect(fake.listTables().filter((t) => /^ARAging/.test(t.name)).map((t) => t.name)).toEqual(["ARAging"]);
    expect(fake.stats.syncCount).toBe(expectedSyncs(fake.stats.suspendedCalculationSyncs));
    const aging = fake.listSheets().find((s) => s.name === "AR Aging")!;
    expect(fake.getSheetValues(REGISTRY_SHEET).slice(1).filter((r) => r[0] === "AR Aging")).toEqual([["AR Aging", "aging", aging.id, agingTables()]]);
    expect(fake.getSheetValues(REGISTRY_SHEET).slice(1).filter((r) => r[0])).toHaveLength(sheetsWritten());
  });

  it("reports replaced: true from writeSheet when it replaced its own sheet", async () => {
    const plan: SheetPlan = { name: "AR Aging", kind: "aging", blocks: [{ at: "A1", values: [["x"]] }], tables: [] };
    const write = () => fake.Excel.run((context: RequestContext) => new ExcelWorkbookPort(context as unknown as Excel.RequestContext).writeSheet(plan));
    await expect(write()).resolves.toEqual({ sheet: "AR Aging", replaced: false });
    await expect(write()).resolves.toEqual({ sheet: "AR Aging", replaced: true });
  });
});

describe("a sheet the user made", () => {
  it("leaves the user's AR Aging sheet alone, writes AR Aging (2) and says so, and keeps that name on the next refresh", async () => {
    seed();
    fake.addSheet("AR Aging", [["my own numbers", 42]]);
    const before = fake.getSheetValues("AR Aging");
    const result = await runRefreshInExcel({ asOf: AS_OF });
    expect(result.sheet).toBe("AR Aging (2)");
    expect(result.warnings).toContain('The sheet "AR Aging" is not AR Desk\'s, so it was left as it is; AR Desk wrote "AR Aging (2)" instead.');
    expect(fake.getSheetValues("AR Aging")).toEqual(before);
    await runRefreshInExcel({ asOf: AS_OF });
    expect(fake.getSheetValues("AR Aging")).toEqual(before);
    expect(fake.listSheets().filter((s) => s.name.startsWith("AR Aging")).map((s) => s.name)).toEqual(["AR Aging", "AR Aging (2)"]);
  });

  it("recognises a sheet of the same name made after ours was deleted (different id)", async () => {
    seed();
    await runRefreshInExcel({ asOf: AS_OF });
    await fake.Excel.run(async (context: RequestContext) => {
      context.workbook.worksheets.getItem("AR Aging").delete();
      context.workbook.worksheets.add("AR Aging").getRange("A1").values = [["mine now"]];
      await context.sync();
    });
    await expect(runRefreshInExcel({ asOf: AS_OF })).resolves.toMatchObject({ sheet: "AR Aging (2)" });
    expect(fake.getSheetValues("AR Aging")).toEqual([["mine now"]]);
  });
});

describe("literal text", () => {
  it("prefixes text Excel would turn into a formula, number, date or boolean", () => {
    for (const text of ["=1+1", "+1", "-5", "@x", "'quoted", "0042", "5%", "TRUE", "Jan 5", "#N/A", "\tx"]) {
      expect(literalText(text)).toBe(`'${text}`);
    }
    for (const text of ["Acme", "", "Müller GmbH", "A-1"]) expect(literalText(text)).toBe(text);
    expect(excelInput({ formula: "=SUM(A1:A2)" })).toBe("=SUM(A1:A2)");
    expect(excelInput(null)).toBe("");
    expect(excelInput(12.5)).toBe(12.5);
  });
});

describe("a large invoice table", () => {
  const bigRows = (n: number) =>
    Array.from({ length: n }, (_, i) => [
      `INV-${i}`,
      `Customer ${String(i).padStart(5, "0")} — ${"Long Trading Company Name With Many Words ".repeat(2)}`,
      serial("2025-09-01"),
      serial("2026-01-01") + (i % 120),
      100 + (i % 97) + 0.01 * (i % 100),
    ]);

  it("writes 60,000 customers in several chunks, every request under 5 MB", async () => {
    const rows = bigRows(60_000);
    seed(rows);
    const progress: { done: number; total: number }[] = [];
    const result = await runRefreshInExcel({ asOf: AS_OF, onProgress: (p) => p.write && progress.push(p.write) });
    const { stats } = fake;
    const chunks = stats.suspendedCalculationSyncs;
    expect(result.report.customers).toHaveLength(60_000);
    expect(chunks).toBeGreaterThan(1);
    const reads = readSyncs(fake);
    expect(stats.syncCount).toBe(expectedSyncs(chunks, reads - 2));
    expect(stats.rejectedSyncs).toBe(0);
    expect(stats.largestRequestBytes).toBeLessThan(FIVE_MB);
    const last = progress[progress.length - 1];
    expect(last.done).toBe(last.total);
    expect(last.done).toBeGreaterThan(2); // the aging sheet alone took several chunks
    const expectedTotal = rows.reduce((sum, r) => sum + Math.round((r[4] as number) * 100), 0) / 100;
    const top = agingTop();
    expect(fake.getTable("ARAging")).toMatchObject({ rowCount: 60_000, totalsAddress: expect.stringMatching(new RegExp(`^A${top + 60_000 + 1}:`)) });
    const totalCell = fake.getCell("AR Aging", `H${top + 60_000 + 1}`);
    expect(totalCell.value).toBeCloseTo(expectedTotal, 6);
    expect(fake.getCell("AR Aging", `H${top + 1}`).numberFormat).toBe(MONEY);
    console.log(`large refresh: ${stats.syncCount} syncs (${reads} to read), ${chunks} write chunks, largest request ${stats.largestRequestBytes} B, largest response ${stats.largestResponseBytes} B`);
  }, 120_000);

  it("halves a chunk that Excel rejects as too large and sends it again", async () => {
    seed(bigRows(60_000));
    // A budget above the limit makes the first attempt fail, as an under-estimate would.
    await runRefreshInExcel({ asOf: AS_OF }, { chunkBytes: 8 * 1024 * 1024 });
    const { stats } = fake;
    expect(stats.rejectedSyncs).toBeGreaterThanOrEqual(1);
    expect(stats.syncs.filter((s) => s.ok).every((s) => s.requestBytes <= FIVE_MB)).toBe(true);
    expect(fake.getTable("ARAging")!.rowCount).toBe(60_000);
    expect(fake.getSheetValues("AR Aging")[agingTop() + 60_000 - 1][0]).toMatch(/^Customer /);
  }, 120_000);
});
