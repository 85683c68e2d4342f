import ExcelJS from "exceljs";
import * as path from "path";
import { runCli, tempDir } from "../support/cliRunner";

describe("ar-desk refresh --snapshot", () => {
  it("keeps one snapshot per date in AR History and turns consecutive ones into roll rates", async () => {
    const dir = tempDir();
    const book = path.join(dir, "sample.xlsx");
    const out = path.join(dir, "history.xlsx");
    expect((await runCli("sample", book, "--as-of", "2026-11-23")).code).toBe(0);

    const first = await runCli("refresh", book, "--as-of", "2026-09-30", "--snapshot", "--out", out, "--json");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).currencies[0].rollRates.snapshots).toBe(0);

    // Saving the same date twice replaces that snapshot instead of counting it twice.
    expect((await runCli("refresh", out, "--as-of", "2026-10-31", "--snapshot", "--out", out)).code).toBe(0);
    const third = await runCli("refresh", out, "--as-of", "2026-10-31", "--snapshot", "--out", out, "--json");
    const json = JSON.parse(third.stdout);
    const { rollRates } = json.currencies[0];
    expect(rollRates.snapshots).toBe(2);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const history = workbook.getWorksheet("AR History")!;
    const rows: unknown[][] = [];
    history.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1)));
    // Two dates × six buckets, one currency.
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => String(r[0]))).size).toBe(2);

    // The roll rate of bucket i is next month's bucket i+1 over this month's bucket i.
    const amount = (date: string, position: number) =>
      rows.find((r) => (r[0] as Date).toISOString().startsWith(date) && r[2] === position)![4] as number;
    for (let i = 0; i < 5; i++) {
      const before = amount("2026-09-30", i);
      const expected = before > 0 ? Math.min(1, amount("2026-10-31", i + 1) / before) : null;
      if (expected === null) expect(rollRates.rates[i]).toBeNull();
      else expect(rollRates.rates[i]).toBeCloseTo(expected, 4);
    }
    // Suggested loss rate of the last bucket is its own rate; earlier ones chain the roll rates.
    expect(rollRates.suggestedLossRates[5]).toBe(0.8);
    expect(rollRates.suggestedLossRates[4]).toBeCloseTo(rollRates.rates[4] * 0.8, 4);
  });
});
