/**
 * Refreshing twice inside the fake Excel host (test/support/fakeExcel, a stand-in for Excel
 * written for tests, NOT Excel) gives the same workbook as refreshing once: the Office.js twin of
 * test/xlsx/idempotent.test.ts. The clock is fixed, so nothing is masked; only the ids Excel gives
 * new sheets differ, and those are compared by the sheet they name.
 */
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { runRefreshInExcel } from "../../src/excel/runRefresh";
import { REGISTRY_SHEET } from "../../src/workbook/registry";
import { generateSampleInvoices } from "../../src/workbook/sample";
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice } from "../support/fakeExcel";

const AS_OF = dayFromIso("2026-11-23")!;
const NOW = new Date("2026-11-23T09:00:00Z");
const HEADERS = ["Invoice #", "Customer", "Email", "Invoice Date", "Due Date", "Amount", "Balance", "Currency"];
const OPTIONS = { asOf: AS_OF, now: NOW, snapshot: true };

let fake: FakeExcel;
let office: InstalledOffice;

beforeEach(() => {
  fake = createFakeExcel();
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
  const rows = generateSampleInvoices({ asOf: AS_OF, invoices: 200, customers: 30, seed: 11 }).map((i) => [
    i.invoice,
    i.customer,
    i.email,
    excelSerialFromDay(i.invoiceDate),
    excelSerialFromDay(i.dueDate),
    i.amountCents / 100,
    i.balanceCents / 100,
    // Two currencies, so there are two aging tables, charts and colour scales.
    i.customer.length % 2 === 0 ? "USD" : "EUR",
  ]);
  fake.addSheet("Notes", [["My notes"]]);
  fake.addTable("Data", "Invoices", "A1", [HEADERS, ...rows]);
});

afterEach(() => office.uninstall());

/** A stored cell with no value, formula or format: Excel has no such cell (the fake keeps cleared ones). */
const isEmptyCell = (cell: object) => Object.entries(cell).every(([key, value]) => key === "value" && value === "");

/** The grid without trailing rows and columns of blanks (empty cells the fake kept stretch its used range). */
function trimmed(values: unknown[][]): unknown[][] {
  const rows = values.map((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === "") end--;
    return row.slice(0, end);
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

/**
 * Everything a refresh leaves in the workbook, sheet by sheet in tab order: every stored cell
 * (value, formula, number format, font, fill), the values as read back, tables, conditional
 * formats, charts, frozen panes and column widths. Sheet ids become `id(<sheet name>)`.
 */
function snapshot(f: FakeExcel): unknown {
  const sheets = f.listSheets();
  const byId = (text: string) => sheets.reduce((t, s) => t.split(s.id).join(`id(${s.name})`), text);
  const resolve = (v: unknown) => (typeof v === "string" ? byId(v) : v);
  return sheets.map(({ name, position, visibility }) => {
    const state = f.state.findSheet(name)!;
    const cells = [...state.rows]
      .sort(([a], [b]) => a - b)
      .map(([row, columns]) => [
        row,
        [...columns]
          .filter(([, cell]) => !isEmptyCell(cell))
          .sort(([a], [b]) => a - b)
          .map(([column, cell]) => [column, { ...cell, value: resolve(cell.value) }]),
      ])
      .filter(([, columns]) => (columns as unknown[]).length > 0);
    return {
      name,
      position,
      visibility,
      cells,
      values: trimmed(f.getSheetValues(name).map((row) => row.map(resolve))),
      tables: f.listTables().filter((t) => t.sheet === name),
      conditionalFormats: f.getConditionalFormats(name),
      charts: f.getCharts(name),
      freeze: { rows: state.freezeRows, columns: state.freezeColumns },
      columnWidths: [...state.columnWidths].sort(([a], [b]) => a - b),
    };
  });
}

test("refreshing twice in Excel gives the same workbook as refreshing once", async () => {
  await runRefreshInExcel(OPTIONS);
  const once = snapshot(fake) as { name: string }[];
  await runRefreshInExcel(OPTIONS);
  const twice = snapshot(fake) as { name: string }[];

  expect(once.map((s) => s.name)).toEqual(expect.arrayContaining(["Notes", "Data", "AR Aging", "AR Invoice Detail", "AR Risk", "AR Data Issues", "AR History", REGISTRY_SHEET]));
  expect(twice.map((s) => s.name)).toEqual(once.map((s) => s.name));
  // Sheet by sheet, so a failure names the sheet that changed.
  once.forEach((sheet, i) => expect(twice[i]).toEqual(sheet));
  // The comparison covers what this test exists for: the visuals are there to compare.
  const aging = once.find((s) => s.name === "AR Aging") as unknown as { charts: unknown[]; conditionalFormats: unknown[] };
  expect(aging.charts).toHaveLength(2);
  expect(aging.conditionalFormats).toHaveLength(2);
});

test("the registry names the sheets now in the workbook, by their current ids", async () => {
  await runRefreshInExcel(OPTIONS);
  const firstIds = new Map(fake.listSheets().map((s) => [s.name, s.id]));
  await runRefreshInExcel(OPTIONS);
  const registry = fake.getSheetValues(REGISTRY_SHEET);
  const sheets = fake.listSheets();
  const entries = registry.slice(1).filter((r) => r[0] !== "");
  expect(entries.length).toBeGreaterThanOrEqual(5);
  for (const entry of entries) {
    const sheet = sheets.find((s) => s.name === entry[0]);
    expect(sheet).toBeDefined();
    expect(entry).toContain(sheet!.id);
    // Replaced, not rewritten in place: a new sheet with a new id.
    expect(sheet!.id).not.toBe(firstIds.get(sheet!.name));
  }
});
