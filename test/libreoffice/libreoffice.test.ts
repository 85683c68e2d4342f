/**
 * An independent spreadsheet engine checks our numbers: LibreOffice opens what the command line
 * wrote and must read back the same figures; SUMIFS formulas over the sample's own invoice
 * table, recalculated by LibreOffice, must give our buckets to the cent.
 */
import ExcelJS from "exceljs";
import * as path from "path";
import { cellAddress } from "../../src/workbook/sheetPlan";
import { runCli, tempDir } from "../support/cliRunner";
import { recalculateWithLibreOffice } from "../support/libreoffice";

jest.setTimeout(240_000);

const AS_OF = "2026-11-23";
const cents = (value: string | number) => Math.round(Number(value) * 100);

interface AgingJson {
  customers: { customer: string; buckets: Record<string, number>; total: number }[];
  totals: { buckets: Record<string, number>; total: number };
}

let dir: string;
let aging: AgingJson;

beforeAll(async () => {
  dir = tempDir();
  const sample = await runCli("sample", path.join(dir, "sample.xlsx"), "--as-of", AS_OF);
  expect(sample.code).toBe(0);
  const refresh = await runCli("refresh", path.join(dir, "sample.xlsx"), "--as-of", AS_OF, "--json");
  expect(refresh.code).toBe(0);
  aging = JSON.parse(refresh.stdout);
});

test("LibreOffice reads the AR Aging sheet back with our numbers", () => {
  const sheets = recalculateWithLibreOffice(path.join(dir, "sample.ar.xlsx"));
  const rows = sheets.get("AR Aging");
  expect(rows).toBeDefined();
  const headerIndex = rows!.findIndex((row) => row[0] === "Customer");
  const labels = Object.keys(aging.totals.buckets);
  const width = labels.length + 2; // Customer, the buckets, Total; % of total and the rest follow
  expect(rows![headerIndex].slice(0, width)).toEqual(["Customer", ...labels, "Total"]);

  const body = rows!.slice(headerIndex + 1, headerIndex + 1 + aging.customers.length);
  expect(body.map((row) => row[0])).toEqual(aging.customers.map((c) => c.customer));
  body.forEach((row, i) => {
    const expected = aging.customers[i];
    expect(row.slice(1, width).map(cents)).toEqual([...labels.map((l) => cents(expected.buckets[l])), cents(expected.total)]);
  });
  const totalsRow = rows![headerIndex + 1 + aging.customers.length];
  expect(totalsRow[0]).toBe("Total");
  expect(totalsRow.slice(1, width).map(cents)).toEqual([...labels.map((l) => cents(aging.totals.buckets[l])), cents(aging.totals.total)]);
  for (const row of rows!) for (const cell of row) expect(cell).not.toMatch(/^(#|Err:)/);
});

test("SUMIFS over the invoice table, recalculated by LibreOffice, equals our buckets to the cent", async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(dir, "sample.xlsx"));
  const invoices = workbook.getWorksheet("Invoices")!;
  const header = (invoices.getRow(1).values as string[]).slice(1);
  const column = (name: string) => {
    const letter = cellAddress(1, header.indexOf(name) + 1).replace(/\d+$/, "");
    return `Invoices!$${letter}$2:$${letter}$${invoices.rowCount}`;
  };
  const [customer, issued, due, balance] = [column("Customer"), column("Invoice Date"), column("Due Date"), column("Balance")];

  // The way accountants build it by hand: one SUMIFS per customer and bucket, as of cell B1.
  const check = workbook.addWorksheet("Check");
  check.getCell("A1").value = "As of";
  check.getCell("B1").value = new Date(`${AS_OF}T00:00:00Z`);
  const ranges: [number | null, number | null][] = [[null, 0], [1, 30], [31, 60], [61, 90], [91, 120], [121, null]];
  const sumifs = (row: number, [from, to]: [number | null, number | null]) => {
    const parts = [`${balance},${customer},$A${row},${issued},"<="&$B$1`];
    if (from === null) parts.push(`${due},">="&$B$1`);
    else parts.push(`${due},"<="&($B$1-${from})`);
    if (to !== null && from !== null) parts.push(`${due},">="&($B$1-${to})`);
    return `SUMIFS(${parts.join(",")})`;
  };
  aging.customers.forEach((c, i) => {
    const row = i + 3;
    check.getCell(row, 1).value = c.customer;
    ranges.forEach((range, b) => (check.getCell(row, b + 2).value = { formula: sumifs(row, range) } as ExcelJS.CellFormulaValue));
  });
  const file = path.join(dir, "sumifs.xlsx");
  await workbook.xlsx.writeFile(file);

  const rows = recalculateWithLibreOffice(file).get("Check")!;
  const labels = Object.keys(aging.totals.buckets);
  aging.customers.forEach((c, i) => {
    expect(rows[i + 2][0]).toBe(c.customer);
    expect(rows[i + 2].slice(1, 7).map(cents)).toEqual(labels.map((l) => cents(c.buckets[l])));
  });
  // And the grand totals per bucket, summed from LibreOffice's cells.
  labels.forEach((label, b) => {
    const sum = aging.customers.reduce((acc, _c, i) => acc + cents(rows[i + 2][b + 1]), 0);
    expect(sum).toBe(cents(aging.totals.buckets[label]));
  });
});
