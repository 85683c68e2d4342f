/**
 * The ledger balance a user types on AR Aging is kept across refreshes even when the aging
 * tables change length (more or fewer customers): its cell does not move.
 */
import ExcelJS from "exceljs";
import * as path from "path";
import { runCli, tempDir } from "../support/cliRunner";

function ledgerCell(sheet: ExcelJS.Worksheet): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  sheet.eachRow((row) => {
    if (!found && row.getCell(1).value === "Ledger balance (type it)") found = row.getCell(8);
  });
  return found!;
}

test("a typed ledger balance survives a refresh whose aging has another number of customers", async () => {
  const dir = tempDir();
  const book = path.join(dir, "sample.xlsx");
  const first = path.join(dir, "first.xlsx");
  const second = path.join(dir, "second.xlsx");
  expect((await runCli("sample", book, "--as-of", "2026-11-23")).code).toBe(0);
  const january = JSON.parse((await runCli("refresh", book, "--as-of", "2026-01-31", "--out", first, "--json")).stdout);

  const typed = new ExcelJS.Workbook();
  await typed.xlsx.readFile(first);
  const cell = ledgerCell(typed.getWorksheet("AR Aging")!);
  cell.value = 123456.78;
  const address = cell.address;
  await typed.xlsx.writeFile(first);

  const june = JSON.parse((await runCli("refresh", first, "--as-of", "2026-06-30", "--out", second, "--json")).stdout);
  // The point of the test: the tables above the old place of the cell changed length.
  expect(june.customers.length).not.toBe(january.customers.length);

  const out = new ExcelJS.Workbook();
  await out.xlsx.readFile(second);
  const kept = ledgerCell(out.getWorksheet("AR Aging")!);
  expect([kept.address, kept.value]).toEqual([address, 123456.78]);
});
