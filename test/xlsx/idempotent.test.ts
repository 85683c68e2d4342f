import ExcelJS from "exceljs";
import { dayFromIso } from "../../src/core/parse/dates";
import { generateSampleInvoices } from "../../src/workbook/sample";
import { refreshAging } from "../../src/workbook/refreshAging";
import { buildSampleWorkbook } from "../../src/xlsx/sampleWorkbook";
import { XlsxWorkbookPort } from "../../src/xlsx/xlsxPort";

const AS_OF = dayFromIso("2026-11-23")!;
const NOW = new Date("2026-11-23T09:00:00Z");

/** Every sheet's values, as saved to a file and read back, in tab order. */
async function snapshot(workbook: ExcelJS.Workbook): Promise<Record<string, unknown[][]>> {
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.load(await workbook.xlsx.writeBuffer());
  const sheets: Record<string, unknown[][]> = {};
  copy.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push(JSON.parse(JSON.stringify(row.values))));
    sheets[sheet.name] = rows;
  });
  return sheets;
}

test("refreshing twice gives the same workbook as refreshing once", async () => {
  const workbook = buildSampleWorkbook(generateSampleInvoices({ asOf: AS_OF, invoices: 200, customers: 30 }));
  const port = new XlsxWorkbookPort(workbook);
  await refreshAging(port, { asOf: AS_OF, now: NOW });
  const once = await snapshot(workbook);
  await refreshAging(port, { asOf: AS_OF, now: NOW });
  const twice = await snapshot(workbook);
  expect(Object.keys(twice)).toEqual(Object.keys(once));
  expect(Object.keys(once)).toEqual(expect.arrayContaining(["Invoices", "AR Aging", "AR Invoice Detail", "AR Risk", "AR Data Issues"]));
  for (const name of Object.keys(once)) expect({ sheet: name, rows: twice[name] }).toEqual({ sheet: name, rows: once[name] });
});
