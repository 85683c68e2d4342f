/**
 * The SUMIFS aging workbook an accountant builds by hand over a ledger: one formula per customer
 * and bucket, with no cached results, so LibreOffice must recalculate every one on load.
 * Usage: node sumifsWorkbook.js <ledger.xlsx> <out.xlsx>
 */
import ExcelJS from "exceljs";

async function main(input: string, output: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(input);
  const ledger = workbook.getWorksheet("Invoices")!;
  const last = ledger.rowCount;
  const customers = new Set<string>();
  ledger.getColumn(2).eachCell((cell, row) => row > 1 && customers.add(String(cell.value)));
  const range = (column: string) => `Invoices!$${column}$2:$${column}$${last}`;
  const sheet = workbook.addWorksheet("Aging");
  sheet.getCell("A1").value = "As of";
  sheet.getCell("B1").value = new Date("2026-11-23T00:00:00Z");
  const buckets: [number | null, number | null][] = [[null, 0], [1, 30], [31, 60], [61, 90], [91, 120], [121, null]];
  [...customers].forEach((customer, i) => {
    const row = i + 3;
    sheet.getCell(row, 1).value = customer;
    buckets.forEach(([from, to], b) => {
      const parts = [`${range("H")},${range("B")},$A${row},${range("D")},"<="&$B$1`];
      parts.push(from === null ? `${range("E")},">="&$B$1` : `${range("E")},"<="&($B$1-${from})`);
      if (from !== null && to !== null) parts.push(`${range("E")},">="&($B$1-${to})`);
      sheet.getCell(row, b + 2).value = { formula: `SUMIFS(${parts.join(",")})` } as ExcelJS.CellFormulaValue;
    });
  });
  await workbook.xlsx.writeFile(output);
}

main(process.argv[2], process.argv[3]).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
