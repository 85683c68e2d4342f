import { ArDeskError, describeError } from "../../src/core/errors";
import type { TableData, TableInfo } from "../../src/workbook/port";
import { chooseInvoiceTable, invoiceTables, readInvoices } from "../../src/workbook/readInvoices";

// 2026-01-01 is day 20454 and Excel serial 46023; 2026-01-31 is serial 46053, day 20484.
const D_2026_01_01 = 20454;
const D_2026_01_31 = 20484;

const info = (name: string, sheet: string, headers: string[]): TableInfo => ({
  name,
  sheet,
  headers,
  headerAddress: "A1",
  rowCount: 10,
});

const LOOKUP = info("Lookup", "Lists", ["Code", "Label"]);
const INVOICES = info("Invoices", "Ledger", ["Invoice #", "Customer", "Amount", "Due Date"]);
const OLD = info("Invoices2025", "Old", ["Invoice No", "Client", "Balance", "Due"]);
const NO_HEADERS = info("Blank", "Scratch", []);

function caught(fn: () => unknown): ArDeskError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ArDeskError) return error;
    throw error;
  }
  throw new Error("expected an ArDeskError");
}

describe("invoiceTables", () => {
  it("keeps the tables with every required column, in workbook order", () => {
    expect(invoiceTables([LOOKUP, INVOICES, NO_HEADERS, OLD]).map((t) => t.name)).toEqual(["Invoices", "Invoices2025"]);
  });
});

describe("chooseInvoiceTable", () => {
  it("finds the first table with the required headers", () => {
    expect(chooseInvoiceTable([LOOKUP, INVOICES, OLD])).toBe(INVOICES);
    expect(chooseInvoiceTable([LOOKUP, OLD])).toBe(OLD); // an open balance stands in for the amount
  });

  it("takes the named table, whatever the case", () => {
    expect(chooseInvoiceTable([LOOKUP, INVOICES, OLD], "invoices2025")).toBe(OLD);
    expect(chooseInvoiceTable([LOOKUP, INVOICES, OLD], "Invoices")).toBe(INVOICES);
  });

  it("says which tables and headers it saw when none holds invoices", () => {
    const error = caught(() => chooseInvoiceTable([LOOKUP, NO_HEADERS]));
    expect(error.code).toBe("NO_INVOICE_TABLE");
    expect(error.message).toContain("invoice number, customer, amount and due date");
    const text = describeError(error);
    expect(text).toContain('"Lookup" on sheet "Lists" (Code, Label)');
    expect(text).toContain('"Blank" on sheet "Scratch" (no headers)');
  });

  it("says the workbook has no tables when it has none", () => {
    const error = caught(() => chooseInvoiceTable([]));
    expect(error.code).toBe("NO_INVOICE_TABLE");
    expect(error.hint).toContain("no tables");
  });

  it("fails with TABLE_NOT_FOUND for an unknown name, listing the tables seen", () => {
    const error = caught(() => chooseInvoiceTable([LOOKUP, INVOICES], "Sales"));
    expect(error.code).toBe("TABLE_NOT_FOUND");
    expect(error.message).toContain('"Sales"');
    expect(error.hint).toContain('"Lookup" on sheet "Lists" (Code, Label)');
    expect(error.hint).toContain('"Invoices" on sheet "Ledger" (Invoice #, Customer, Amount, Due Date)');
    expect(caught(() => chooseInvoiceTable([], "Sales")).code).toBe("TABLE_NOT_FOUND");
  });

  it("refuses a named table that lacks invoice columns, naming what is missing", () => {
    const error = caught(() => chooseInvoiceTable([LOOKUP, INVOICES], "Lookup"));
    expect(error.code).toBe("NO_INVOICE_TABLE");
    expect(error.message).toContain("invoice number, customer, amount, due date");
    expect(error.hint).toContain("Code, Label");
  });
});

const table = (overrides: Partial<TableData> & Pick<TableData, "headers" | "rows">): TableData => ({
  name: "Invoices",
  sheet: "Ledger",
  headerAddress: "A4",
  rowCount: overrides.rows.length,
  firstDataRow: 5,
  firstColumn: 1,
  date1904: false,
  ...overrides,
});

describe("readInvoices", () => {
  // Header row at A4, so data starts on row 5 in column A; Amount is the 5th column (E).
  const ledger = table({
    headers: ["Invoice", "Customer", "Invoice Date", "Due Date", "Amount"],
    rows: [
      ["INV-1", "Acme", 46023, 46053, "1,234.56"], //  row 5
      [1002, " Beta ", "2026-01-05", "2026-02-04", 99.5], // row 6
      ["INV-3", "Coho", 46023, 46053, "n/a"], //        row 7: bad amount, E7
      [null, null, null, null, null], //                row 8: blank
      ["INV-5", "Delta", 46023, "soon", "10"], //       row 9: bad due date, D9
      ["", "", "", "", ""], //                          row 10: blank
      ["INV-7", "", "", 46053, "(50.00)"], //           row 11
    ],
  });
  const result = readInvoices(ledger);

  it("reads serial dates, ISO text dates and text amounts", () => {
    expect(result.records.slice(0, 2)).toEqual([
      {
        invoice: "INV-1",
        customer: "Acme",
        invoiceDate: D_2026_01_01,
        dueDate: D_2026_01_31,
        amountMinor: 123456,
        openMinor: 123456,
        currency: undefined,
        source: { sheet: "Ledger", table: "Invoices", row: 5 },
      },
      {
        invoice: "1002",
        customer: "Beta",
        invoiceDate: D_2026_01_01 + 4,
        dueDate: D_2026_01_31 + 4,
        amountMinor: 9950,
        openMinor: 9950,
        currency: undefined,
        source: { sheet: "Ledger", table: "Invoices", row: 6 },
      },
    ]);
  });

  it("skips a bad amount and a bad due date, pointing at the cell", () => {
    expect(result.skipped).toEqual([
      { sheet: "Ledger", row: 7, cell: "E7", reason: 'amount "n/a" is not a number' },
      { sheet: "Ledger", row: 9, cell: "D9", reason: 'due date "soon" is not a date' },
    ]);
  });

  it("ignores blank rows and keeps rows without customer or invoice date", () => {
    expect(result.records.map((r) => r.source.row)).toEqual([5, 6, 11]);
    const last = result.records[2];
    expect(last.customer).toBe("(no customer)");
    expect(last.invoiceDate).toBeUndefined();
    expect(last.amountMinor).toBe(-5000);
    expect(last.openMinor).toBe(-5000);
  });

  it("returns the column mapping it used", () => {
    expect(result.mapping).toEqual({ invoice: 0, customer: 1, invoiceDate: 2, dueDate: 3, amount: 4 });
  });

  it("computes cell addresses from the table's first row and column", () => {
    // Header at C11: data from row 12, column C; Amount is the 4th column → F; Due Date the 3rd → E.
    const shifted = readInvoices(
      table({
        headerAddress: "C11",
        firstDataRow: 12,
        firstColumn: 3,
        headers: ["Invoice", "Customer", "Due Date", "Amount"],
        rows: [
          ["A", "Acme", 46053, "12.3.4"],
          ["B", "Acme", "2026-02-30", 5],
        ],
      }),
    );
    expect(shifted.skipped.map((s) => [s.row, s.cell])).toEqual([
      [12, "F12"],
      [13, "E13"],
    ]);
    expect(shifted.records).toEqual([]);
  });

  it("uses the open balance column when there is one, per the row's currency", () => {
    // Header at C11: Amount is column F, Open Balance column G.
    const withBalance = readInvoices(
      table({
        headerAddress: "C11",
        firstDataRow: 12,
        firstColumn: 3,
        headers: ["Invoice No", "Customer Name", "Due Date", "Invoice Amount", "Open Balance", "Currency"],
        rows: [
          ["A-1", "Acme", 46053, 1000, 250.5, "USD"], //        row 12
          ["A-2", "Acme", 46053, 1000, "", ""], //              row 13: blank balance = nothing owed
          ["A-3", "Acme", 46053, 1000, "unknown", "usd"], //    row 14: bad balance, G14
          ["J-1", "Kabuto", 46053, 150000, 120000, "JPY"], //   row 15: yen have no minor unit
          ["K-1", "Kuwait Co", 46053, "1.2345", 1.5, "KWD"], // row 16: three decimals
          ["A-4", "Acme", 46053, "12.3.4", 1, "USD"], //        row 17: bad amount, F17
        ],
      }),
    );
    expect(withBalance.records.map((r) => [r.invoice, r.amountMinor, r.openMinor, r.currency])).toEqual([
      ["A-1", 100000, 25050, "USD"],
      ["A-2", 100000, 0, undefined],
      ["J-1", 150000, 120000, "JPY"],
      ["K-1", 1235, 1500, "KWD"],
    ]);
    expect(withBalance.skipped).toEqual([
      { sheet: "Ledger", row: 14, cell: "G14", reason: 'open balance "unknown" is not a number' },
      { sheet: "Ledger", row: 17, cell: "F17", reason: 'amount "12.3.4" is not a number' },
    ]);
  });

  it("takes the open balance as the amount when the table has no amount column", () => {
    const balanceOnly = readInvoices(
      table({
        headers: ["Invoice", "Customer", "Due Date", "Balance"],
        rows: [
          ["X-1", "Acme", 46053, "-20"],
          ["X-2", "Acme", 46053, "?"], // row 6, Balance is column D
        ],
      }),
    );
    expect(balanceOnly.records.map((r) => [r.amountMinor, r.openMinor])).toEqual([[-2000, -2000]]);
    expect(balanceOnly.skipped).toEqual([{ sheet: "Ledger", row: 6, cell: "D6", reason: 'amount "?" is not a number' }]);
  });

  it("reads serials in the 1904 date system when the workbook uses it", () => {
    const mac = readInvoices(
      table({
        date1904: true,
        headers: ["Invoice", "Customer", "Invoice Date", "Due Date", "Amount"],
        rows: [["M-1", "Acme", 44561, 44591, 10]], // 1904 serials of 2026-01-01 and 2026-01-31
      }),
    );
    expect(mac.records[0].invoiceDate).toBe(D_2026_01_01);
    expect(mac.records[0].dueDate).toBe(D_2026_01_31);
  });

  it("reads Date cells as their UTC day", () => {
    const exceljs = readInvoices(
      table({
        headers: ["Invoice", "Customer", "Due Date", "Amount"],
        rows: [["D-1", "Acme", new Date(Date.UTC(2026, 0, 31)), 10]],
      }),
    );
    expect(exceljs.records[0].dueDate).toBe(D_2026_01_31);
  });
});
