import { assessRisk } from "../../../src/core/risk/assessRisk";
import type { InvoiceRecord } from "../../../src/core/types";
import { RISK_SHEET, RISK_TABLE, planRiskSheet } from "../../../src/workbook/plans/riskPlan";

/** 2026-03-31: day 20543, Excel serial 46112. */
const AS_OF = 20543;
const rec = (customer: string, invoice: string, dueOffset: number, amountMinor: number, extra: Partial<InvoiceRecord> = {}): InvoiceRecord => ({
  invoice,
  customer,
  invoiceDate: AS_OF + dueOffset - 30,
  dueDate: AS_OF + dueOffset,
  amountMinor,
  openMinor: amountMinor,
  source: { sheet: "Ledger" },
  row: 2,
  ...extra,
});

const RECORDS = [
  rec("Acme", "A1", -60, 100000, { openMinor: 0, paidDate: AS_OF - 20 }), // paid 40 days late
  rec("Acme", "A2", -45, 50025), //                                           open, 45 days past due
  rec("Acme", "A3", +10, 49975), //                                           open, not due
  rec("Kyoto", "K1", -10, 120000, { currency: "JPY", creditLimitMinor: 100000 }),
];

describe("planRiskSheet", () => {
  const worklist = assessRisk(RECORDS, AS_OF);
  const plan = planRiskSheet(worklist, { generatedAt: "2026-03-31 09:00", source: { table: "Invoices", sheet: "Ledger" } });
  const table = plan.tables[0];
  const col = (header: string) => table.headers.indexOf(header);

  it("names the sheet, its kind and its table", () => {
    expect(plan.name).toBe(RISK_SHEET);
    expect(plan.name).toBe("AR Risk");
    expect(plan.kind).toBe("risk");
    expect(table.name).toBe(RISK_TABLE);
  });

  it("has the worklist headers", () => {
    expect(table.headers.slice(0, 10)).toEqual(["Rank", "Customer", "Currency", "Score", "Tier", "Reasons", "Next action", "Open", "Overdue", "Overdue %"]);
    for (const h of ["Avg days late", "Paid late %", "Broken promises", "Disputes", "Credit use %", "Share of AR"]) expect(table.headers).toContain(h);
    expect(table.columnFormats).toHaveLength(table.headers.length);
  });

  it("writes one row per customer in rank order, amounts in currency units", () => {
    expect(table.rows.map((r) => [r[0], r[1], r[2]])).toEqual(worklist.items.map((i) => [i.rank, i.customer, i.currency]));
    const acme = table.rows.find((r) => r[1] === "Acme")!;
    expect(acme[col("Open")]).toBe(1000); // 500.25 + 499.75
    expect(acme[col("Overdue")]).toBe(500.25);
    expect(acme[col("Overdue %")]).toBeCloseTo(50025 / 100000, 12);
    expect(acme[col("Avg days late")]).toBe(40);
    expect(acme[col("Paid late %")]).toBe(1);
    const kyoto = table.rows.find((r) => r[1] === "Kyoto")!;
    expect(kyoto[col("Open")]).toBe(120000); // yen have no minor unit
    expect(kyoto[col("Credit use %")]).toBeCloseTo(1.2, 12);
    expect(kyoto[col("Next action")]).toBe("put new orders on hold");
  });

  it("shows the score, tier and reasons of each customer", () => {
    for (const [i, item] of worklist.items.entries()) {
      expect(table.rows[i][col("Score")]).toBe(item.score);
      expect(table.rows[i][col("Tier")]).toBe(item.tier);
      expect(table.rows[i][col("Reasons")]).toBe(item.reasonText);
    }
    expect(table.colourScaleColumns).toEqual([col("Score")]);
  });

  it("stamps the as-of date and explains the formula, the tiers and the weights", () => {
    expect(plan.blocks.find((b) => b.at === "B2")?.values).toEqual([[46112]]);
    const text = plan.blocks.flatMap((b) => b.values.flat()).filter((v): v is string => typeof v === "string").join("\n");
    expect(text).toMatch(/Low below 25, Medium 25–50, High 50–75, Critical 75 and above/);
    expect(text).toMatch(/n ÷ \(n \+ 3\)/);
    expect(text).toMatch(/Invoices paid late/);
    expect(text).toMatch(/a customer with no history scores/);
  });

  it("places the table below every block", () => {
    const tableRow = Number(table.at.slice(1));
    for (const b of plan.blocks) expect(Number(b.at.replace(/^[A-Z]+/, "")) + b.values.length - 1).toBeLessThan(tableRow);
  });
});
