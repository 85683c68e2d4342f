import type { AgingReport, CustomerAging, LedgerAging } from "../../../src/core/aging/ageInvoices";
import { makeBuckets } from "../../../src/core/aging/buckets";
import type { Allowance } from "../../../src/core/metrics/allowance";
import type { Kpi, Kpis } from "../../../src/core/metrics/kpis";
import type { RollRates } from "../../../src/core/metrics/rollRates";
import { AGING_SHEET, AGING_TABLE, KPI_TABLE, agingTableName, planAgingSheet, type AgingSheetContext, type CurrencySection } from "../../../src/workbook/plans/agingPlan";
import type { PlanBlock, PlanCell, SheetPlan } from "../../../src/workbook/sheetPlan";

/** As of 2026-01-01: day 20454, Excel serial 46023. */
const AS_OF = 20454;
const BUCKETS = makeBuckets();
const EUR_FORMAT = "#,##0.00;-#,##0.00";
const JPY_FORMAT = "#,##0;-#,##0";

const cust = (customer: string, currency: string, buckets: number[], credits = 0, disputed = 0): CustomerAging => {
  const total = buckets.reduce((s, b) => s + b, 0);
  return { customer, currency, buckets, total, overdue: total - buckets[0], credits, disputed, openInvoices: 2, oldestDays: 40 };
};

const EUR: AgingReport = {
  asOf: AS_OF,
  basis: "due",
  currency: "EUR",
  digits: 2,
  buckets: BUCKETS,
  customers: [
    cust("Acme", "EUR", [100000, 25050, 0, 0, 0, 5000]), //           total 130050
    cust("Beta", "EUR", [0, -10000, 40000, 0, 0, 0], -10000, 40000), // total 30000, a credit note and a disputed invoice
  ],
  totals: [100000, 15050, 40000, 0, 0, 5000],
  grandTotal: 160050,
  openInvoices: 4,
  items: [],
};
const JPY: AgingReport = {
  asOf: AS_OF,
  basis: "due",
  currency: "JPY",
  digits: 0,
  buckets: BUCKETS,
  customers: [cust("Kabuto", "JPY", [150000, 0, 0, 7, 0, 0])],
  totals: [150000, 0, 0, 7, 0, 0],
  grandTotal: 150007,
  openInvoices: 2,
  items: [],
};

const k = (value: number | null, inputs: Record<string, number | string> = {}, reason?: string): Kpi => (value === null ? { value, reason, inputs } : { value, inputs });
const KPIS = (totalAr: number): Kpis => ({
  periodDays: 90,
  periodStart: AS_OF - 89,
  totalAr: k(totalAr, { openItems: 4 }),
  overduePercent: k(37.5, { overdueAr: 60050, endingAr: totalAr }),
  over90Percent: k(3.1),
  dso: k(72, { endingAr: totalAr, sales: 200000, periodDays: 90 }),
  dsoCountback: k(74.5),
  bestPossibleDso: k(27),
  add: k(45),
  cei: k(null, {}, "Some payments have no date."),
  arTurnover: k(5.07),
  averageCollectionPeriod: k(72),
  averageDaysToPay: k(47.5),
});
const allowance = (byCustomer: [string, number][], byBucket: number[]): Allowance => ({
  rates: [0.01, 0.03, 0.08, 0.2, 0.4, 0.8],
  byBucket,
  byCustomer: byCustomer.map(([customer, a]) => ({ customer, allowance: a })),
  total: byBucket.reduce((s, v) => s + v, 0),
});
const NO_ROLL: RollRates = { rates: [null, null, null, null, null], suggestedLossRates: [null, null, null, null, null, 0.8], pairs: 0 };

// Allowance EUR: Acme 1000 + 752 (1%, 3%) … hand-set figures, the plan only shows them.
const EUR_SECTION: CurrencySection = { report: EUR, kpis: KPIS(160050), allowance: allowance([["Acme", 5751], ["Beta", 3200]], [1000, 451, 3200, 0, 0, 4000]), rollRates: NO_ROLL };
const JPY_SECTION: CurrencySection = { report: JPY, kpis: KPIS(150007), allowance: allowance([["Kabuto", 1501]], [1500, 0, 0, 1, 0, 0]), rollRates: NO_ROLL };

const CONTEXT: AgingSheetContext = { source: { table: "Invoices", sheet: "Ledger" }, invoicesRead: 8, rowsSkipped: 2, generatedAt: "2026-01-01 09:30 UTC" };
const ledger = (...reports: AgingReport[]): LedgerAging => ({ asOf: AS_OF, basis: reports[0].basis, buckets: reports[0].buckets, currencies: reports });

const block = (plan: SheetPlan, at: string): PlanBlock => {
  const found = plan.blocks.find((b) => b.at === at);
  if (!found) throw new Error(`No block at ${at}: ${plan.blocks.map((b) => b.at).join(" ")}`);
  return found;
};
const formulas = (cells: PlanCell[]) => cells.map((c) => (c && typeof c === "object" ? c.formula : c));

describe("planAgingSheet with one currency", () => {
  const plan = planAgingSheet(ledger(EUR), [EUR_SECTION], CONTEXT);
  const table = plan.tables.find((t) => t.name === AGING_TABLE)!;

  it("names the sheet and its tables", () => {
    expect(plan.name).toBe(AGING_SHEET);
    expect(plan.name).toBe("AR Aging");
    expect(plan.kind).toBe("aging");
    expect(plan.tables.map((t) => t.name)).toEqual(["ARKeyFigures", "ARAging"]);
    expect(KPI_TABLE).toBe("ARKeyFigures");
    expect(agingTableName("EUR", false)).toBe("ARAging");
    expect(agingTableName("EUR", true)).toBe("ARAging_EUR");
    expect(agingTableName("", true)).toBe("ARAging");
  });

  it("stamps the as-of date in B2 as an Excel serial with a date format", () => {
    expect(block(plan, "A1").values).toEqual([["AR Aging"]]);
    expect(block(plan, "A2").values).toEqual([["As of"], ["Basis"], ["Generated"], ["Source"], ["Rows"]]);
    expect(block(plan, "B2")).toMatchObject({ values: [[46023]], numberFormat: "yyyy-mm-dd" });
  });

  it("says the basis, when, the source, and the rows read and excluded", () => {
    expect(block(plan, "B3").values).toEqual([
      ["Days past the due date"],
      ["2026-01-01 09:30 UTC"],
      ["Table Invoices on sheet Ledger"],
      ["8 read, 6 aged, 2 excluded (rows with errors: see AR Data Issues)"],
    ]);
    const clean = planAgingSheet(ledger(EUR), [EUR_SECTION], { ...CONTEXT, rowsSkipped: 0 });
    expect(block(clean, "B3").values[3]).toEqual(["8 read, 8 aged, 0 excluded"]);
    const invoiceBasis = planAgingSheet({ ...ledger(EUR), basis: "invoice" }, [EUR_SECTION], CONTEXT);
    expect(block(invoiceBasis, "B3").values[0]).toEqual(["Days since the invoice date"]);
  });

  it("lists the key figures with their inputs, or why they are missing", () => {
    const kpiTable = plan.tables.find((t) => t.name === KPI_TABLE)!;
    expect(kpiTable.at).toBe("A15");
    expect(block(plan, "A14").values).toEqual([["Key figures"]]);
    expect(kpiTable.headers).toEqual(["Figure", "Currency", "Value", "Unit", "Inputs, or why it is not available"]);
    expect(kpiTable.rows.map((r) => r[0])).toEqual([
      "Total AR",
      "Overdue",
      "Over 90 days past due",
      "DSO (standard, last 90 days)",
      "DSO (countback)",
      "Best possible DSO",
      "Average days delinquent (ADD)",
      "CEI (last 90 days)",
      "AR turnover (annualised)",
      "Average collection period",
      "Average days to pay",
    ]);
    // Total AR in currency units (160050 cents = 1600.50), the others as they are.
    expect(kpiTable.rows[0].slice(0, 4)).toEqual(["Total AR", "EUR", 1600.5, "EUR"]);
    expect(kpiTable.rows[3].slice(1, 4)).toEqual(["EUR", 72, "days"]);
    expect(kpiTable.rows[3][4]).toBe("AR at the as-of date 1,600.5, credit sales in the period 2,000, days in the period 90");
    expect(kpiTable.rows[7]).toEqual(["CEI (last 90 days)", "EUR", null, "%", "Not available: Some payments have no date."]);
  });

  it("places the customer table below the key figures, headed Customer, buckets, Total and the extra columns", () => {
    // Key figures: header at row 10, 11 rows; then 3 spare rows: the aging subtitle at row 24, its table at 26.
    expect(block(plan, "A29").values).toEqual([["Aging by customer"]]);
    expect(table.at).toBe("A31");
    expect(table.headers).toEqual(["Customer", "Current", "1–30", "31–60", "61–90", "91–120", "120+", "Total", "% of total", "Credits", "Disputed", "Allowance"]);
  });

  it("writes one row per customer in currency units, with share, credits, disputed and allowance", () => {
    expect(table.rows.map((r) => r.filter((_, i) => i !== 8))).toEqual([
      ["Acme", 1000, 250.5, 0, 0, 0, 50, 1300.5, 0, 0, 57.51],
      ["Beta", 0, -100, 400, 0, 0, 0, 300, -100, 400, 32],
    ]);
    // % of total: 130050 / 160050 = 0.81256…, 30000 / 160050 = 0.18744…
    expect(table.rows[0][8]).toBeCloseTo(0.81256, 5);
    expect(table.rows[1][8]).toBeCloseTo(0.18744, 5);
  });

  it("formats money and percent columns, totals every column but the label, shades the buckets", () => {
    expect(table.columnFormats).toEqual([null, ...new Array(7).fill(EUR_FORMAT), "0.0%", EUR_FORMAT, EUR_FORMAT, EUR_FORMAT]);
    expect(table.totals).toEqual(["label", ...new Array(11).fill("sum")]);
    expect(table.colourScaleColumns).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("shows the allowance by provision matrix under the table", () => {
    // Table body rows 27–28, totals row 29; the allowance block starts two rows later.
    expect(block(plan, "A36").values).toEqual([["Allowance for doubtful accounts (provision matrix)"]]);
    expect(block(plan, "A37").values).toEqual([["Loss rate"], ["Balance"], ["Allowance"]]);
    expect(block(plan, "B37")).toMatchObject({ values: [[0.01, 0.03, 0.08, 0.2, 0.4, 0.8]], numberFormat: "0.0%" });
    expect(block(plan, "B38")).toMatchObject({ values: [[1000, 150.5, 400, 0, 0, 50]], numberFormat: EUR_FORMAT });
    expect(block(plan, "B39").values).toEqual([[10, 4.51, 32, 0, 0, 40, 86.51]]);
    expect(block(plan, "A40").values[0][0]).toMatch(/Roll rates appear here once snapshots/);
  });

  it("recomputes each bucket from the invoice detail with SUMIFS, and the difference to the table", () => {
    expect(block(plan, "A43").values).toEqual([["Tie-out: recomputed from the invoice detail"]]);
    expect(block(plan, "A44").values).toEqual([["Detail (SUMIFS)"], ["Difference to the table"]]);
    const check = block(plan, "B44");
    expect(check.numberFormat).toBe(EUR_FORMAT);
    // Detail columns: C Currency, G Open amount, I Bucket.
    const sumifs = (bucket: string) => `=SUMIFS('AR Invoice Detail'!$G:$G,'AR Invoice Detail'!$I:$I,"${bucket}",'AR Invoice Detail'!$C:$C,"EUR")`;
    expect(formulas(check.values[0])).toEqual([...BUCKETS.map((b) => sumifs(b.label)), "=SUM(B44:G44)"]);
    // Against the totals row 34 of the table, rounded to the currency's 2 decimals.
    expect(formulas(check.values[1])).toEqual(["B", "C", "D", "E", "F", "G", "H"].map((c) => `=ROUND(${c}44-${c}34,2)`));
  });

  it("keeps a ledger balance cell the user types in, and the difference to it", () => {
    // The ledger balance sits above everything whose length varies, so it keeps its address.
    expect(block(plan, "A10").values).toEqual([["Ledger balance (type it)"], ["Difference to the ledger"]]);
    expect(block(plan, "B10").values).toEqual([["EUR"]]);
    expect(block(plan, "H10")).toMatchObject({ values: [[null]], preserve: true, numberFormat: EUR_FORMAT });
    expect(formulas(block(plan, "H11").values[0])).toEqual(['=IF(ISNUMBER(H10),ROUND(H34-H10,2),"")']);
    expect(plan.blocks.filter((b) => b.preserve).map((b) => b.at)).toEqual(["H10"]);
  });

  it("charts the buckets of the top customers as a stacked bar beside the table", () => {
    expect(plan.charts).toEqual([
      { title: "Aging by customer (EUR)", table: "ARAging", categoryColumn: 0, seriesColumns: [1, 2, 3, 4, 5, 6], maxRows: 10, at: "N31", widthColumns: 8, heightRows: 18 },
    ]);
  });

  it("freezes the header and sets widths", () => {
    expect(plan.freezeRows).toBe(1);
    expect(plan.columnWidths).toEqual([34, 14, 14, 14, 14, 14, 14, 16, 11, 14, 14, 14]);
  });

  it("writes no text of its own that Excel would take for a formula", () => {
    const text = [...plan.blocks.flatMap((b) => b.values.flat()), ...plan.tables.flatMap((t) => [...t.headers, ...t.rows.flat()])].filter((v): v is string => typeof v === "string");
    expect(text.filter((t) => /^[=+\-@]/.test(t))).toEqual([]);
  });

  it("says which payments table was applied and what was not", () => {
    const withPayments = planAgingSheet(ledger(EUR), [EUR_SECTION], {
      ...CONTEXT,
      payments: { table: "Payments", unapplied: [{ invoice: "X-1", day: AS_OF, minor: 12345, row: 5 }, { invoice: "X-2", day: AS_OF, minor: 655, row: 9 }] },
    });
    expect(block(withPayments, "A7").values).toEqual([["Payments"]]);
    expect(block(withPayments, "B7").values).toEqual([["Applied from table Payments; 2 unapplied (invoice not found), 130 in all: rows 5, 9"]]);
    const allApplied = planAgingSheet(ledger(EUR), [EUR_SECTION], { ...CONTEXT, payments: { table: "Payments", unapplied: [] } });
    expect(block(allApplied, "B7").values).toEqual([["Applied from table Payments; all applied"]]);
    expect(plan.blocks.some((b) => b.at === "B7")).toBe(false);
  });

  it("shows roll rates and suggested loss rates once there are snapshots", () => {
    const roll: RollRates = { rates: [0.4, 0.5, 0.6, 0.7, 0.9], suggestedLossRates: [0.0605, 0.1512, 0.3024, 0.504, 0.72, 0.8], pairs: 2 };
    const withRoll = planAgingSheet(ledger(EUR), [{ ...EUR_SECTION, rollRates: roll }], CONTEXT);
    expect(block(withRoll, "A40").values).toEqual([["Roll rate to next bucket"], ["Suggested loss rate"]]);
    expect(block(withRoll, "B40")).toMatchObject({ values: [roll.rates, roll.suggestedLossRates], numberFormat: "0.0%" });
    expect(block(withRoll, "H40").values).toEqual([["From 3 snapshots in AR History"]]);
  });
});

describe("planAgingSheet with two currencies", () => {
  const plan = planAgingSheet(ledger(EUR, JPY), [EUR_SECTION, JPY_SECTION], CONTEXT);

  it("has one key-figure block per currency in one table", () => {
    const kpiTable = plan.tables.find((t) => t.name === KPI_TABLE)!;
    expect(kpiTable.rows).toHaveLength(22);
    expect(kpiTable.rows.map((r) => r[1])).toEqual([...new Array(11).fill("EUR"), ...new Array(11).fill("JPY")]);
    // ¥150,007 has no decimals.
    expect(kpiTable.rows[11].slice(0, 4)).toEqual(["Total AR", "JPY", 150007, "JPY"]);
  });

  it("names a table per currency, never adding them up", () => {
    expect(plan.tables.map((t) => [t.name, t.at])).toEqual([
      ["ARKeyFigures", "A17"], // ledger balances 9–13, key figures from 16
      ["ARAging_EUR", "A44"], // 16 + 22 key-figure rows + 4 = 42: subtitle, note, table
      ["ARAging_JPY", "A67"], // EUR tie-out ends at row 59; the next section starts 20 rows below the table, at 65
    ]);
    expect(block(plan, "A42").values).toEqual([["EUR: aging by customer"]]);
    expect(block(plan, "A43").values[0][0]).toMatch(/^Amounts in EUR, sorted by amount overdue/);
    expect(block(plan, "A65").values).toEqual([["JPY: aging by customer"]]);
    const jpy = plan.tables[2];
    expect(jpy.rows).toEqual([["Kabuto", 150000, 0, 0, 7, 0, 0, 150007, 1, 0, 0, 1501]]);
    expect(jpy.columnFormats[1]).toBe(JPY_FORMAT);
    expect(jpy.columnFormats[7]).toBe(JPY_FORMAT);
  });

  it("ties out each currency against its own detail rows, rounding yen to whole units", () => {
    // JPY: table at 67, one body row, totals row 69; allowance 71–74, roll note 75, tie-out title 78, check row 79.
    const check = block(plan, "B79");
    expect(formulas(check.values[0])[0]).toBe(`=SUMIFS('AR Invoice Detail'!$G:$G,'AR Invoice Detail'!$I:$I,"Current",'AR Invoice Detail'!$C:$C,"JPY")`);
    expect(formulas(check.values[1])[6]).toBe("=ROUND(H79-H69,0)");
    // The ledger balances at the top, one pair of rows per currency: EUR H10, JPY H12.
    expect(block(plan, "B12").values).toEqual([["JPY"]]);
    expect(block(plan, "H12")).toMatchObject({ preserve: true, numberFormat: JPY_FORMAT });
    expect(formulas(block(plan, "H13").values[0])).toEqual(['=IF(ISNUMBER(H12),ROUND(H69-H12,0),"")']);
    // EUR: table at 44, totals row 47, check row 57.
    expect(formulas(block(plan, "B57").values[1])[0]).toBe("=ROUND(B57-B47,2)");
    expect(formulas(block(plan, "H11").values[0])).toEqual(['=IF(ISNUMBER(H10),ROUND(H47-H10,2),"")']);
    expect(plan.blocks.filter((b) => b.preserve).map((b) => b.at)).toEqual(["H10", "H12"]);
  });

  it("draws a chart per currency", () => {
    expect(plan.charts!.map((c) => [c.title, c.table, c.at])).toEqual([
      ["Aging by customer (EUR)", "ARAging_EUR", "N44"],
      ["Aging by customer (JPY)", "ARAging_JPY", "N67"],
    ]);
  });
});

describe("planAgingSheet for a workbook without a currency column", () => {
  const none: AgingReport = { ...EUR, currency: "", customers: EUR.customers.map((c) => ({ ...c, currency: "" })) };
  const plan = planAgingSheet(ledger(none), [{ ...EUR_SECTION, report: none }], CONTEXT);

  it("sums the detail by bucket only and labels amounts plainly", () => {
    expect(plan.tables[1].name).toBe("ARAging");
    expect(block(plan, "A30").values[0][0]).toMatch(/^Amounts, sorted/);
    expect(formulas(block(plan, "B44").values[0])[1]).toBe(`=SUMIFS('AR Invoice Detail'!$G:$G,'AR Invoice Detail'!$I:$I,"1–30")`);
    expect(plan.tables[0].rows[0].slice(0, 4)).toEqual(["Total AR", "All", 1600.5, "amount"]);
    expect(plan.charts![0].title).toBe("Aging by customer");
  });

  it("follows custom buckets", () => {
    const buckets = makeBuckets([60]);
    const custom: AgingReport = { ...none, buckets, customers: [], totals: [0, 0, 0], grandTotal: 0, openInvoices: 0 };
    const p = planAgingSheet({ ...ledger(custom), buckets }, [{ ...EUR_SECTION, report: custom, allowance: allowance([], [0, 0, 0]) }], CONTEXT);
    const t = p.tables[1];
    expect(t.headers).toEqual(["Customer", "Current", "1–60", "60+", "Total", "% of total", "Credits", "Disputed", "Allowance"]);
    expect(t.rows).toEqual([]);
    expect(t.totals).toHaveLength(9);
    expect(t.colourScaleColumns).toEqual([1, 2, 3]);
    // Empty table: one blank body row, totals row 28; tie-out totals in column E.
    expect(p.blocks.find((b) => b.preserve)!.at).toBe("E10");
  });
});

describe("agingTableName", () => {
  it("keeps only what Excel allows in a table name, whatever the currency cell says", () => {
    expect(agingTableName("EUR", true)).toBe("ARAging_EUR");
    expect(agingTableName("R$", true)).toBe("ARAging_R_");
    expect(agingTableName("US Dollar €", true)).toBe("ARAging_US_Dollar__");
    expect(agingTableName("EUR", false)).toBe("ARAging");
  });
});
