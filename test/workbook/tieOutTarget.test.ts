/**
 * The aging sheet's tie-out formulas read the invoice detail sheet: they must name the sheet the
 * detail was actually written to, and that sheet must be written first (in Excel, a formula that
 * names a sheet being replaced turns into #REF!).
 */
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { AGING_SHEET } from "../../src/workbook/plans/agingPlan";
import { DETAIL_SHEET } from "../../src/workbook/plans/detailPlan";
import { refreshAging } from "../../src/workbook/refreshAging";
import type { PlanFormula, SheetPlan } from "../../src/workbook/sheetPlan";
import { MemoryPort, tableOf } from "../support/memoryPort";

const d = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);
const ledger = () =>
  new MemoryPort([
    tableOf(
      ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount"],
      [
        ["A-1", "Acme", d("2026-09-01"), d("2026-10-01"), 100],
        ["B-1", "Beta", d("2026-10-01"), d("2026-11-01"), 40],
      ],
    ),
  ]);

const formulas = (plan: SheetPlan) =>
  plan.blocks.flatMap((b) => b.values.flat()).filter((c): c is PlanFormula => c !== null && typeof c === "object").map((c) => c.formula);

describe("the tie-out's reference to the invoice detail", () => {
  it("is written after the detail sheet and names it", async () => {
    const port = ledger();
    const order: string[] = [];
    const write = port.writeSheet.bind(port);
    port.writeSheet = (plan) => (order.push(plan.name), write(plan));
    await refreshAging(port, { asOf: dayFromIso("2026-11-23")! });
    expect(order.indexOf(DETAIL_SHEET)).toBeLessThan(order.indexOf(AGING_SHEET));
    const sumifs = formulas(port.plans.get(AGING_SHEET)!).filter((f) => f.startsWith("=SUMIFS("));
    expect(sumifs.length).toBeGreaterThan(0);
    for (const f of sumifs) expect(f).toContain(`'${DETAIL_SHEET}'!$`);
  });

  it("follows the detail to another name when a user's sheet has AR Invoice Detail", async () => {
    const port = ledger();
    port.userSheets.add(DETAIL_SHEET);
    const result = await refreshAging(port, { asOf: dayFromIso("2026-11-23")! });
    expect(result.detailSheet).toBe(`${DETAIL_SHEET} (2)`);
    const sumifs = formulas(port.plans.get(AGING_SHEET)!).filter((f) => f.startsWith("=SUMIFS("));
    for (const f of sumifs) expect(f).toContain(`'${DETAIL_SHEET} (2)'!$`);
  });
});
