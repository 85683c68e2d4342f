import type { AgingReport } from "../../../src/core/aging/ageInvoices";
import { makeBuckets } from "../../../src/core/aging/buckets";
import { AGING_SHEET, AGING_TABLE, planAgingSheet } from "../../../src/workbook/plans/agingPlan";

/** As of 2026-01-01: day 20454, Excel serial 46023. */
const REPORT: AgingReport = {
  asOf: 20454,
  buckets: makeBuckets(),
  customers: [
    { customer: "Acme", buckets: [100000, 25050, 0, 0, 0, 5000], total: 130050, overdue: 30050, openInvoices: 3 },
    { customer: "Beta", buckets: [0, -10000, 40000, 0, 0, 0], total: 30000, overdue: 30000, openInvoices: 2 },
  ],
  totals: [100000, 15050, 40000, 0, 0, 5000],
  grandTotal: 160050,
  openInvoices: 5,
};
const CONTEXT = { source: { table: "Invoices", sheet: "Ledger" }, invoicesRead: 8, rowsSkipped: 2 };

describe("planAgingSheet", () => {
  const plan = planAgingSheet(REPORT, CONTEXT);
  const table = plan.tables[0];

  it("names the sheet and its table", () => {
    expect(plan.name).toBe(AGING_SHEET);
    expect(plan.name).toBe("AR Aging");
    expect(plan.kind).toBe("aging");
    expect(plan.tables).toHaveLength(1);
    expect(table.name).toBe(AGING_TABLE);
    expect(table.at).toBe("A6");
  });

  it("has Customer, the bucket labels and Total as headers", () => {
    expect(table.headers).toEqual(["Customer", "Current", "1–30", "31–60", "61–90", "91–120", "120+", "Total"]);
  });

  it("writes one row per customer in currency units", () => {
    expect(table.rows).toEqual([
      ["Acme", 1000, 250.5, 0, 0, 0, 50, 1300.5],
      ["Beta", 0, -100, 400, 0, 0, 0, 300],
    ]);
  });

  it("sums every column but the first, which holds the label", () => {
    expect(table.totals).toEqual(["label", "sum", "sum", "sum", "sum", "sum", "sum", "sum"]);
  });

  it("formats the money columns and leaves the customer column General", () => {
    expect(table.columnFormats).toEqual([null, ...new Array(7).fill("#,##0.00;-#,##0.00")]);
  });

  it("stamps the as-of date in B2 as an Excel serial with a date format", () => {
    const stamp = plan.blocks.find((b) => b.at === "B2");
    expect(stamp?.values).toEqual([[46023]]);
    expect(stamp?.numberFormat).toBe("yyyy-mm-dd");
    expect(plan.blocks.find((b) => b.at === "A2")?.values).toEqual([["As of"]]);
  });

  it("says where the invoices came from and how many were read", () => {
    const text = plan.blocks.flatMap((b) => b.values.flat()).filter((v): v is string => typeof v === "string");
    const source = text.find((t) => t.includes("Invoices") && t.includes("Ledger"));
    expect(source).toBe("Table Invoices on sheet Ledger");
    expect(text.some((t) => t.startsWith("8 read, 5 open, 2 skipped"))).toBe(true);
  });

  it("writes no text that Excel would take for a formula", () => {
    const text = [...plan.blocks.flatMap((b) => b.values.flat()), ...table.headers, ...table.rows.flat()].filter(
      (v): v is string => typeof v === "string",
    );
    expect(text.filter((t) => /^[=+\-@]/.test(t))).toEqual([]);
  });

  it("uses whole units for currencies without decimals", () => {
    const yen = planAgingSheet(
      {
        ...REPORT,
        customers: [{ customer: "Kabuto", buckets: [150000, 0, 0, 0, 0, 0], total: 150000, overdue: 0, openInvoices: 1 }],
      },
      { ...CONTEXT, digits: 0 },
    );
    expect(yen.tables[0].rows).toEqual([["Kabuto", 150000, 0, 0, 0, 0, 0, 150000]]);
    expect(yen.tables[0].columnFormats[1]).toBe("#,##0;-#,##0");
  });

  it("follows custom buckets", () => {
    const custom = planAgingSheet(
      { ...REPORT, buckets: makeBuckets([60]), customers: [], totals: [0, 0, 0], grandTotal: 0, openInvoices: 0 },
      CONTEXT,
    );
    expect(custom.tables[0].headers).toEqual(["Customer", "Current", "1–60", "60+", "Total"]);
    expect(custom.tables[0].rows).toEqual([]);
    expect(custom.tables[0].totals).toHaveLength(5);
  });
});
