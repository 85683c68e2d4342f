import { ArDeskError } from "../../src/core/errors";
import type { TableData } from "../../src/workbook/port";
import { isTotalsRow, loadInvoices, resolveMapping } from "../../src/workbook/loadInvoices";
import { day, serial } from "../support/validationFixture";

function table(headers: string[], rows: TableData["rows"], extra: Partial<TableData> = {}): TableData {
  return { name: "Invoices", sheet: "AR", headers, headerAddress: "A1", rowCount: rows.length, kind: "table", rows, firstDataRow: 2, firstColumn: 1, date1904: false, ...extra };
}

const HEADERS = ["Invoice", "Customer", "Invoice Date", "Due Date", "Amount", "Paid Date"];
const AS_OF = day("2026-03-31");

describe("isTotalsRow", () => {
  it.each([
    [[null, "Total", null, null, 500], true],
    [["Grand total", null, null, null, 500], true],
    [[null, "Sous-total Acme", null, null, 5], true],
    [[null, "Gesamtsumme", null, null, 5], true],
    [[null, "TOTALS", null, null, 5], true],
    [["INV-1", "Total Logistics", null, null, 5], false],
    [[null, "Totally Fresh Ltd", null, null, 5], false],
    [["INV-1", "Acme", null, null, 5], false],
    [[1042, "Total", null, null, 5], false],
    [["  Total ", null, null, null, 5], true],
    [["Zwischensumme", null, null, null, 5], true],
    [["Smith-001", "Total", null, null, 5], false],
  ])("%j → %j", (row, expected) => expect(isTotalsRow(row as never, 0)).toBe(expected));
});

describe("resolveMapping", () => {
  it("throws NO_INVOICE_TABLE naming the missing fields and the headers seen", () => {
    let error: unknown;
    try {
      resolveMapping({ name: "T1", sheet: "Data", headers: ["Invoice", "Customer", "Colour"] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArDeskError);
    expect((error as ArDeskError).code).toBe("NO_INVOICE_TABLE");
    expect((error as ArDeskError).message).toBe('Table "T1" on sheet "Data" has no amount, due date column.');
    expect((error as ArDeskError).hint).toContain("Its headers are: Invoice, Customer, Colour.");
  });

  it("takes the user's mapping with confidence 1", () => {
    const { mapping, columns } = resolveMapping({ name: "T", sheet: "S", headers: ["A", "B", "C", "D"] }, { invoice: 0, customer: 1, amount: 2, dueDate: 3 });
    expect(mapping).toEqual({ invoice: 0, customer: 1, amount: 2, dueDate: 3 });
    expect(columns.map((c) => [c.field, c.header, c.confidence])).toEqual([["invoice", "A", 1], ["customer", "B", 1], ["amount", "C", 1], ["dueDate", "D", 1]]);
  });
});

describe("loadInvoices", () => {
  it("reads records, skips totals and blank rows uncounted, and excludes rows with errors", () => {
    const data = table(HEADERS, [
      ["INV-1", "Acme", serial("2026-02-01"), serial("2026-03-03"), 100, null],
      [null, null, null, null, null, null],
      ["INV-2", "", serial("2026-02-01"), serial("2026-03-03"), 50, null],
      ["INV-3", "Beta", serial("2026-03-01"), serial("2026-03-31"), 25.5, serial("2026-04-10")],
      ["INV-4", "Beta", serial("2026-03-01"), serial("2026-03-31"), 10, serial("2026-03-15")],
      [null, "Total", null, null, 185.5, null],
    ]);
    const load = loadInvoices(data, { asOf: AS_OF });
    expect(load.rowsRead).toBe(4);
    expect(load.records.map((r) => [r.invoice, r.openMinor, r.row])).toEqual([["INV-1", 10000, 2], ["INV-3", 2550, 5], ["INV-4", 0, 6]]);
    expect(load.skipped).toEqual([{ sheet: "AR", row: 4, cell: "B4", reason: "The customer is missing, so this row cannot be aged." }]);
    expect(load.records.length + load.skipped.length).toBe(load.rowsRead);
    expect(load.issues.every((i) => i.row !== 7)).toBe(true);
    expect(load.records[0]).toMatchObject({
      invoice: "INV-1", customer: "Acme", invoiceDate: day("2026-02-01"), dueDate: day("2026-03-03"), amountMinor: 10000, openMinor: 10000,
      source: { sheet: "AR", table: "Invoices" },
      row: 2,
    });
    // Each record has its own row; where the table is, is one object for all of them.
    expect(load.records.every((r) => r.source === load.records[0].source)).toBe(true);
    expect(load.records[0].currency).toBeUndefined();
    expect(load.records[0].isCredit).toBeUndefined();
    // Paid after the as-of date: the whole amount is open as of that day, the payment dated.
    expect(load.records[1]).toMatchObject({ amountMinor: 2550, openMinor: 2550, paidDate: day("2026-04-10") });
  });

  it("lists a row that has no error but cannot be aged (no due date value) as skipped", () => {
    const data = table(["Invoice", "Customer", "Due Date", "Amount"], [["INV-1", "Acme", "#N/A", 100]]);
    const load = loadInvoices(data, { asOf: AS_OF });
    expect(load.records).toEqual([]);
    expect(load.skipped).toEqual([{ sheet: "AR", row: 2, cell: "C2", reason: "The cell shows the Excel error #N/A." }]);
  });

  it("marks credit notes, disputed rows and currencies; reads the open balance column", () => {
    const data = table(["Invoice", "Customer ID", "Due Date", "Open Balance", "Currency", "Type", "Disputed"], [
      ["CN-1", "C001", serial("2026-03-01"), -40, "eur", "Credit note", null],
      ["INV-9", "C001", serial("2026-03-01"), 1200, "EUR", "Invoice", "x"],
    ]);
    const load = loadInvoices(data, { asOf: AS_OF });
    expect(load.records.map((r) => [r.customer, r.amountMinor, r.openMinor, r.currency, r.isCredit, r.disputed])).toEqual([
      ["C001", -4000, -4000, "EUR", true, undefined],
      ["C001", 120000, 120000, "EUR", undefined, true],
    ]);
  });

  it("does not flag numbers stored as text in a CSV", () => {
    const data = table(["Invoice", "Customer", "Due Date", "Amount"], [["INV-1", "Acme", "2026-03-31", "100.00"]]);
    expect(loadInvoices(data, { asOf: AS_OF, typedCells: false }).issues).toEqual([]);
    expect(loadInvoices(data, { asOf: AS_OF }).issues.map((i) => [i.rule, i.cell])).toEqual([["number-as-text", "C2"], ["number-as-text", "D2"]]);
  });

  it("reports cells at the table's place in the sheet", () => {
    const data = table(["Invoice", "Customer", "Due Date", "Amount"], [["INV-1", "Acme", serial("2026-03-31"), "lots"]], { firstDataRow: 8, firstColumn: 3 });
    const load = loadInvoices(data, { asOf: AS_OF });
    expect(load.skipped).toEqual([{ sheet: "AR", row: 8, cell: "F8", reason: 'The amount "lots" is not a number.' }]);
  });

  it("uses the default date order for columns that cannot decide", () => {
    const data = table(["Invoice", "Customer", "Due Date", "Amount"], [["INV-1", "Acme", "03/04/2026", 1]]);
    expect(loadInvoices(data, { asOf: AS_OF, defaultDateOrder: "mdy" }).records[0].dueDate).toBe(day("2026-03-04"));
    expect(loadInvoices(data, { asOf: AS_OF }).records[0].dueDate).toBe(day("2026-04-03"));
  });

  it("throws NO_INVOICE_TABLE when the aging fields are missing", () => {
    expect(() => loadInvoices(table(["Name", "Value"], []), { asOf: AS_OF })).toThrow(ArDeskError);
  });

  it("gives a table without contact, notes, language, promise, limit or dispute columns the same records, with those fields left out", () => {
    const rows: TableData["rows"] = [
      ["INV-1", "Acme", serial("2026-02-01"), serial("2026-03-01"), 100, null],
      ["INV-2", "Beta", serial("2026-02-02"), serial("2026-03-02"), 250.5, serial("2026-03-10")],
      ["CN-3", "Acme", serial("2026-02-03"), serial("2026-03-03"), -20, null],
    ];
    const slim = loadInvoices(table(HEADERS, rows), { asOf: AS_OF }).records;
    const full = loadInvoices(table([...HEADERS, "Notes"], rows.map((row) => [...row, ""])), { asOf: AS_OF }).records;
    expect(slim).toEqual(full);
    expect(Object.keys(full[0])).toContain("notes");
    // One layout for all of a table's records: the stages reading them then see one shape.
    for (const record of slim) expect(Object.keys(record)).toEqual(Object.keys(slim[0]));
    expect(Object.keys(slim[0])).not.toContain("notes");
    expect(Object.keys(slim[0])).not.toContain("contact");
  });

  it.each([
    ["Contact", "Ann Lee", "contact", "Ann Lee"],
    ["Notes", "call first", "notes", "call first"],
    ["Language", "FR", "language", "fr"],
    ["Promise Date", serial("2026-04-15"), "promiseDate", day("2026-04-15")],
    ["Credit Limit", 5000, "creditLimitMinor", 500000],
    ["Disputed", "yes", "disputed", true],
  ] as const)("keeps the %s column's value when it is the only such column", (header, cell, field, expected) => {
    const data = table([...HEADERS, header], [["INV-1", "Acme", serial("2026-02-01"), serial("2026-03-01"), 100, null, cell]]);
    expect(loadInvoices(data, { asOf: AS_OF }).records[0][field]).toEqual(expected);
  });

  it("counts yen without decimals", () => {
    const data = table(["Invoice", "Customer", "Due Date", "Amount", "Currency"], [["J1", "Tokyo KK", serial("2026-03-31"), 150000, "JPY"]]);
    const load = loadInvoices(data, { asOf: AS_OF });
    expect(load.records[0].amountMinor).toBe(150000);
    expect(load.records[0].currency).toBe("JPY");
  });
});
