/**
 * Colour scales, fills by value and charts drawn by the Office.js adapter, checked on the fake
 * Excel host (test/support/fakeExcel, a stand-in for Excel written for tests, NOT Excel).
 */
import ExcelJS from "exceljs";
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { columnRuns, planVisuals, queuePlanVisuals, textFormula, VALUE_FILL_COLOURS } from "../../src/excel/planVisuals";
import { runRefreshInExcel } from "../../src/excel/runRefresh";
import { refreshAging } from "../../src/workbook/refreshAging";
import { generateSampleInvoices } from "../../src/workbook/sample";
import { cellAddress, type SheetPlan } from "../../src/workbook/sheetPlan";
import { XlsxWorkbookPort } from "../../src/xlsx/xlsxPort";
import { createFakeExcel, installFakeOffice, type FakeExcel, type FakeTableInfo, type InstalledOffice, type RequestContext } from "../support/fakeExcel";

const AS_OF = dayFromIso("2026-11-23")!;
const NOW = new Date("2026-11-23T09:00:00Z");
const HEADERS = ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Balance", "Currency"];
const serial = (day: number) => excelSerialFromDay(day);

/** The sample ledger as table rows, each customer in USD or EUR so the aging has two tables. */
function ledgerRows(invoices = 120, customers = 24): (string | number)[][] {
  return generateSampleInvoices({ asOf: AS_OF, invoices, customers, seed: 7 }).map((i) => [
    i.invoice,
    i.customer,
    serial(i.invoiceDate),
    serial(i.dueDate),
    i.amountCents / 100,
    i.balanceCents / 100,
    i.customer.length % 2 === 0 ? "USD" : "EUR",
  ]);
}

let fake: FakeExcel;
let office: InstalledOffice;

function seed(rows = ledgerRows()): void {
  fake = createFakeExcel();
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
  fake.addTable("Data", "Invoices", "A1", [HEADERS, ...rows]);
}

afterEach(() => office?.uninstall());

/** 1-based row and column of a fake table's header cell and its body row count. */
function placeOf(t: FakeTableInfo): { row: number; column: number; rows: number } {
  const m = /^([A-Z]+)(\d+)/.exec(t.headerAddress)!;
  const column = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), column, rows: t.rowCount };
}

const bodyRange = (t: FakeTableInfo, firstColumn: number, lastColumn: number, rows = placeOf(t).rows) => {
  const p = placeOf(t);
  return `${cellAddress(p.row + 1, p.column + firstColumn)}:${cellAddress(p.row + rows, p.column + lastColumn)}`;
};

const agingTables = () => fake.listTables().filter((t) => t.sheet === "AR Aging" && t.name.startsWith("ARAging"));
const BUCKETS = ["Current", "1–30", "31–60", "61–90", "91–120", "120+"];

describe("planVisuals (plain data)", () => {
  const plan: SheetPlan = {
    name: "Test",
    kind: "test",
    blocks: [],
    tables: [
      {
        name: "T",
        at: "B4",
        headers: ["Who", "A", "B", "C", "Tier"],
        rows: [
          ["x", 1, 2, 3, "Low"],
          ["y", 4, 5, 6, "Critical"],
          ["z", 7, 8, 9, "Low"],
        ],
        columnFormats: [null, null, null, null, null],
        style: "TableStyleMedium2",
        colourScaleColumns: [1, 3],
        valueFills: [{ column: 4, fills: { Low: "good", 'Say "hi"': "bad" } }],
      },
      { name: "Empty", at: "B20", headers: ["Who", "A"], rows: [], columnFormats: [null, null], style: "TableStyleMedium2", colourScaleColumns: [1], valueFills: [{ column: 0, fills: { x: "bad" } }] },
    ],
    charts: [
      { title: "Chart", table: "T", categoryColumn: 0, seriesColumns: [1, 2], maxRows: 2, at: "H4", widthColumns: 8, heightRows: 18 },
      { title: "Nothing to chart", table: "Empty", categoryColumn: 0, seriesColumns: [1], maxRows: 10, at: "H30", widthColumns: 8, heightRows: 18 },
    ],
  };
  const places = [
    { headerRow: 4, firstColumn: 2 },
    { headerRow: 20, firstColumn: 2 },
  ];

  it("spans exactly the planned columns of the body, one scale per run of neighbours", () => {
    expect(planVisuals(plan, places).colourScales).toEqual([{ range: "C5:C7" }, { range: "E5:E7" }]);
    expect(columnRuns([5, 1, 2, 3, 3, 7])).toEqual([
      [1, 3],
      [5, 5],
      [7, 7],
    ]);
  });

  it("fills each planned value of the column with its colour", () => {
    expect(planVisuals(plan, places).valueFills).toEqual([
      { range: "F5:F7", value: "Low", colour: VALUE_FILL_COLOURS.good },
      { range: "F5:F7", value: 'Say "hi"', colour: VALUE_FILL_COLOURS.bad },
    ]);
    expect(textFormula('Say "hi"')).toBe('="Say ""hi"""');
  });

  it("charts the first maxRows rows, placed at `at` and sized in cells; none for a table without rows", () => {
    expect(planVisuals(plan, places).charts).toEqual([
      {
        title: "Chart",
        categories: "B5:B6",
        series: [
          { name: "A", values: "C5:C6" },
          { name: "B", values: "D5:D6" },
        ],
        from: "H4",
        to: "O21",
      },
    ]);
  });
});

describe("AR Desk's sheets in the fake Excel host", () => {
  beforeEach(() => seed());

  it("puts a white-to-red colour scale over exactly the bucket columns of each currency's aging table", async () => {
    await runRefreshInExcel({ asOf: AS_OF, now: NOW });
    const tables = agingTables();
    expect(tables.map((t) => t.name).sort()).toEqual(["ARAging_EUR", "ARAging_USD"]);
    const scales = fake.getConditionalFormats("AR Aging").filter((cf) => cf.type === "ColorScale");
    const expected = tables.map((t) => {
      expect(t.headers.slice(1, 7)).toEqual(BUCKETS);
      return bodyRange(t, 1, 6);
    });
    expect(scales.map((s) => s.address).sort()).toEqual(expected.sort());
    for (const s of scales) {
      expect(s.colorScale).toEqual({
        minimum: { type: "LowestValue", formula: null, color: "#FFFFFF" },
        midpoint: null,
        maximum: { type: "HighestValue", formula: null, color: "#F8696B" },
      });
    }
  });

  it("draws a stacked bar chart per currency: top ten customers by bucket, titled, placed right of the table", async () => {
    await runRefreshInExcel({ asOf: AS_OF, now: NOW });
    const charts = fake.getCharts("AR Aging");
    expect(charts.map((c) => c.title).sort()).toEqual(["Aging by customer (EUR)", "Aging by customer (USD)"]);
    for (const t of agingTables()) {
      const chart = charts.find((c) => c.title === `Aging by customer (${t.name.slice(-3)})`)!;
      const p = placeOf(t);
      const rows = Math.min(10, p.rows);
      expect(p.rows).toBeGreaterThan(0);
      const qualified = (range: string) => `'AR Aging'!${range}`;
      expect(chart).toEqual({
        name: expect.any(String),
        type: "BarStacked",
        title: `Aging by customer (${t.name.slice(-3)})`,
        // Two columns right of the table's last column, 8 columns wide and 18 rows high.
        from: cellAddress(p.row, p.column + t.headers.length + 1),
        to: cellAddress(p.row + 17, p.column + t.headers.length + 8),
        series: BUCKETS.map((name, i) => ({ name, values: qualified(bodyRange(t, 1 + i, 1 + i, rows)), categories: qualified(bodyRange(t, 0, 0, rows)) })),
        legendPosition: "Bottom",
        categoryAxisReversed: true,
      });
    }
  });

  it("fills the AR Risk tier column by tier, with the colours the .xlsx adapter uses", async () => {
    await runRefreshInExcel({ asOf: AS_OF, now: NOW });
    const risk = fake.getTable("ARRisk")!;
    const tier = risk.headers.indexOf("Tier");
    const score = risk.headers.indexOf("Score");
    const formats = fake.getConditionalFormats("AR Risk");
    const fills = formats.filter((cf) => cf.type === "CellValue");
    expect(fills.map((f) => ({ address: f.address, rule: f.cellValue!.rule, fill: f.cellValue!.fill })).sort((a, b) => a.rule!.formula1.localeCompare(b.rule!.formula1))).toEqual(
      [
        ['="Critical"', "#FFC7CE"],
        ['="High"', "#FFCC99"],
        ['="Low"', "#C6EFCE"],
        ['="Medium"', "#FFEB9C"],
      ].map(([formula1, fill]) => ({ address: bodyRange(risk, tier, tier), rule: { operator: "EqualTo", formula1 }, fill })),
    );
    expect(formats.filter((cf) => cf.type === "ColorScale").map((cf) => cf.address)).toEqual([bodyRange(risk, score, score)]);

    // The same ledger through the .xlsx adapter: its solid fill of each tier cell is our colour.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Data");
    sheet.addTable({ name: "Invoices", ref: "A1", headerRow: true, columns: HEADERS.map((name) => ({ name })), rows: ledgerRows() });
    await refreshAging(new XlsxWorkbookPort(workbook), { asOf: AS_OF, now: NOW });
    const xlsxRisk = workbook.getWorksheet("AR Risk")!;
    const values = fake.getSheetValues("AR Risk");
    const p = placeOf(risk);
    const seen = new Set<string>();
    for (let r = p.row + 1; r <= p.row + p.rows; r++) {
      const text = String(values[r - 1][p.column - 1 + tier]);
      const xlsxCell = xlsxRisk.getCell(r, p.column + tier);
      expect(xlsxCell.value).toBe(text);
      const argb = (xlsxCell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
      const ours = fills.find((f) => f.cellValue!.rule!.formula1 === textFormula(text))!.cellValue!.fill;
      expect(`FF${ours!.slice(1)}`).toBe(argb);
      seen.add(text);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it("does not pile up conditional formats or charts on a second refresh: the replaced sheets start clean", async () => {
    await runRefreshInExcel({ asOf: AS_OF, now: NOW });
    const count = (sheet: string) => ({ formats: fake.getConditionalFormats(sheet).length, charts: fake.getCharts(sheet).length });
    const first = { aging: count("AR Aging"), risk: count("AR Risk") };
    expect(first).toEqual({ aging: { formats: 2, charts: 2 }, risk: { formats: 5, charts: 0 } });
    await runRefreshInExcel({ asOf: AS_OF, now: NOW });
    expect({ aging: count("AR Aging"), risk: count("AR Risk") }).toEqual(first);
  });

  it("writes an aging with no open invoices without a chart (Excel refuses a chart over empty cells)", async () => {
    seed(ledgerRows().map((r) => [...r.slice(0, 5), 0, r[6]]));
    await runRefreshInExcel({ asOf: AS_OF, now: NOW });
    expect(fake.getCharts("AR Aging")).toEqual([]);
    expect(fake.getConditionalFormats("AR Aging")).toEqual([]);
  });
});

describe("charts and conditional formats in the fake Excel host keep Excel's rules", () => {
  beforeEach(() => {
    fake = createFakeExcel();
    office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
    fake.addSheet("S", [
      ["Who", "A", "B"],
      ["x", 1, 2],
      ["y", 3, 4],
    ]);
  });
  const run = <T>(batch: (context: RequestContext) => Promise<T>) => fake.Excel.run(batch);
  const sheetOf = (context: RequestContext) => context.workbook.worksheets.getItem("S") as unknown as Excel.Worksheet;

  it("queues a chart until sync and makes its properties readable only once loaded and synced", async () => {
    await run(async (context) => {
      const chart = sheetOf(context).charts.add("BarStacked", sheetOf(context).getRange("B2:B3"), "Columns");
      chart.title.text = "T";
      expect(fake.getCharts("S")).toEqual([]);
      expect(() => chart.title.text).toThrow(/load/);
      chart.title.load("text");
      await context.sync();
      expect(chart.title.text).toBe("T");
    });
    expect(fake.getCharts("S")).toHaveLength(1);
  });

  it("reads a header row and a label column as series names and categories", async () => {
    await run(async (context) => {
      sheetOf(context).charts.add("ColumnClustered", sheetOf(context).getRange("A1:C3"), "Columns");
    });
    expect(fake.getCharts("S")[0].series).toEqual([
      { name: "A", values: "S!B2:B3", categories: "S!A2:A3" },
      { name: "B", values: "S!C2:C3", categories: "S!A2:A3" },
    ]);
  });

  it.each([
    ["an unknown chart type", (s: Excel.Worksheet) => s.charts.add("BarStackedSideways" as Excel.ChartType, s.getRange("B2:B3"), "Columns")],
    ["a chart over empty cells", (s: Excel.Worksheet) => s.charts.add("BarStacked", s.getRange("E1:F9"), "Columns")],
    ["series values that are not one row or column", (s: Excel.Worksheet) => s.charts.add("BarStacked", s.getRange("B2:B3"), "Columns").series.getItemAt(0).setValues(s.getRange("B2:C3"))],
    ["a chart end cell above its start", (s: Excel.Worksheet) => s.charts.add("BarStacked", s.getRange("B2:B3"), "Columns").setPosition("H10", "G2")],
    ["a colour scale point without its formula", (s: Excel.Worksheet) => (s.getRange("B2:C3").conditionalFormats.add("ColorScale").colorScale.criteria = { minimum: { type: "Number" }, maximum: { type: "HighestValue", color: "#FF0000" } })],
    ["a cell value rule without a formula", (s: Excel.Worksheet) => (s.getRange("B2:C3").conditionalFormats.add("CellValue").cellValue.rule = { operator: "EqualTo", formula1: "" })],
    ["a fill colour Excel does not know", (s: Excel.Worksheet) => (s.getRange("B2:C3").conditionalFormats.add("CellValue").cellValue.format.fill.color = "#12345")],
    ["the colour scale of a cell value format", (s: Excel.Worksheet) => (s.getRange("B2:C3").conditionalFormats.add("CellValue").colorScale.criteria = { minimum: { type: "LowestValue" }, maximum: { type: "HighestValue" } })],
  ])("rejects %s with InvalidArgument or InvalidOperation", async (_, queue) => {
    await expect(
      run(async (context) => {
        queue(sheetOf(context));
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^Invalid(Argument|Operation)$/) });
  });

  it("adds each conditional format at the top priority and reads it back through the range", async () => {
    await run(async (context) => {
      const range = sheetOf(context).getRange("B2:C3");
      range.conditionalFormats.add("ColorScale");
      range.conditionalFormats.add("CellValue").cellValue.rule = { operator: "GreaterThan", formula1: "=2" };
      const formats = range.conditionalFormats.load("items/type,items/priority");
      await context.sync();
      expect(formats.items.map((f) => [f.type, f.priority])).toEqual([
        ["CellValue", 0],
        ["ColorScale", 1],
      ]);
    });
  });

  it("draws nothing for a sheet plan the adapter queues but never syncs", async () => {
    const plan: SheetPlan = {
      name: "S",
      kind: "test",
      blocks: [],
      tables: [{ name: "T", at: "A1", headers: ["Who", "A", "B"], rows: [["x", 1, 2]], columnFormats: [null, null, null], style: "TableStyleMedium2", colourScaleColumns: [1, 2] }],
      charts: [{ title: "C", table: "T", categoryColumn: 0, seriesColumns: [1, 2], maxRows: 5, at: "E1", widthColumns: 4, heightRows: 4 }],
    };
    const context = new fake.Excel.RequestContext();
    queuePlanVisuals(sheetOf(context), plan, [{ headerRow: 1, firstColumn: 1 }]);
    expect({ formats: fake.getConditionalFormats("S"), charts: fake.getCharts("S") }).toEqual({ formats: [], charts: [] });
    await context.sync();
    expect(fake.getCharts("S")[0]).toMatchObject({ title: "C", from: "E1", to: "H4", series: [{ name: "A", values: "S!B2", categories: "S!A2" }, { name: "B", values: "S!C2", categories: "S!A2" }] });
    expect(fake.getConditionalFormats("S").map((f) => f.address)).toEqual(["B2:C2"]);
  });
});
