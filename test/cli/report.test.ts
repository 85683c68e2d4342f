import { KEY_FIGURES } from "../../src/core/metrics/kpis";
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { refreshSummary } from "../../src/cli/report";
import { refreshAging } from "../../src/workbook/refreshAging";
import { MemoryPort, tableOf } from "../support/memoryPort";

const d = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);

describe("the refresh summary printed by the command line", () => {
  it("lists every key figure of the AR Aging sheet under the same name, with its value or why it is missing", async () => {
    const port = new MemoryPort([
      tableOf(
        ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Balance"],
        [
          ["A-1", "Acme", d("2026-09-01"), d("2026-10-01"), 100, 100],
          ["A-2", "Beta", d("2026-11-01"), d("2026-12-01"), 50, 50],
        ],
      ),
    ]);
    const result = await refreshAging(port, { asOf: dayFromIso("2026-11-23")!, now: new Date("2026-11-23T00:00:00Z") });
    const text = refreshSummary(result, "out.xlsx");
    const figures = KEY_FIGURES.filter((f) => f.key !== "totalAr");
    for (const { key, name } of figures) {
      const kpi = result.sections[0].kpis[key];
      const line = text.split("\n").find((l) => l.startsWith(`  ${name(90)}: `));
      expect(line).toBeDefined();
      expect(line).toContain(kpi.value === null ? `not available (${kpi.reason})` : String(kpi.value));
    }
    expect(text).toContain("  Overdue: 66.7% of AR");
  });
});
