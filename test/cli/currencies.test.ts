import ExcelJS from "exceljs";
import * as path from "path";
import { runCli, tempDir } from "../support/cliRunner";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function book(file: string, withRates: boolean) {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Ledger").addTable({
    name: "Invoices",
    ref: "A1",
    columns: ["Invoice", "Customer", "Currency", "Invoice Date", "Due Date", "Amount"].map((name) => ({ name })),
    rows: [
      ["E-1", "Acme", "EUR", d("2026-02-01"), d("2026-03-01"), 1000.5], // 30 days → 1–30
      ["J-1", "Kabuto", "JPY", d("2026-03-01"), d("2026-04-30"), 150000], // not due → Current
      ["J-2", "Kabuto", "JPY", d("2025-10-01"), d("2025-10-31"), 3333], // 151 days → 120+
      ["U-1", "Uno", "USD", d("2026-03-01"), d("2026-03-31"), 10], // due today → Current
    ],
  });
  if (withRates) {
    workbook.addWorksheet("Rates").addTable({
      name: "Rates",
      ref: "A1",
      columns: ["Currency", "Rate"].map((name) => ({ name })),
      rows: [["JPY", 0.0061], ["EUR", 1]],
    });
  }
  await workbook.xlsx.writeFile(file);
}

describe("several currencies", () => {
  it("are aged apart and never added together; yen stay whole", async () => {
    const dir = tempDir();
    const file = path.join(dir, "book.xlsx");
    await book(file, false);
    const run = await runCli("refresh", file, "--as-of", "2026-03-31", "--json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.totals).toBeNull();
    const byCurrency = Object.fromEntries(json.currencies.map((c: { currency: string; totals: { total: number } }) => [c.currency, c.totals]));
    expect(byCurrency.JPY).toEqual({ buckets: { Current: 150000, "1–30": 0, "31–60": 0, "61–90": 0, "91–120": 0, "120+": 3333 }, total: 153333 });
    expect(byCurrency.EUR.total).toBe(1000.5);
    expect(byCurrency.USD.total).toBe(10);
    expect(json.customers.find((c: { customer: string }) => c.customer === "Kabuto").currency).toBe("JPY");
  });

  it("are converted to a base currency with the workbook's rates, and a missing rate is said, not guessed", async () => {
    const dir = tempDir();
    const file = path.join(dir, "book.xlsx");
    await book(file, true);
    const run = await runCli("refresh", file, "--as-of", "2026-03-31", "--base-currency", "EUR", "--json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    const converted = json.currencies.find((c: { converted?: string }) => c.converted);
    expect(converted.currency).toBe("EUR");
    expect(converted.converted).toBe("All currencies in EUR at the rates in table Rates, without USD");
    // 150000 JPY × 0.0061 = 915.00 EUR; 3333 × 0.0061 = 20.3313 → 20.33 EUR.
    expect(converted.totals.buckets).toEqual({ Current: 915, "1–30": 1000.5, "31–60": 0, "61–90": 0, "91–120": 0, "120+": 20.33 });
    const summary = await runCli("refresh", file, "--as-of", "2026-03-31", "--base-currency", "EUR");
    expect(summary.stdout).toContain("Warning: No EUR rate for USD in table Rates");
  });
});
