import ExcelJS from "exceljs";
import { dayFromIso } from "../../src/core/parse/dates";
import type { InvoiceRecord } from "../../src/core/types";
import { customerDirectory, customersOnHold, holdColumn, holdOf, isCustomersTable, joinCustomers } from "../../src/workbook/customers";
import type { TableData } from "../../src/workbook/port";
import { refreshAging } from "../../src/workbook/refreshAging";
import { XlsxWorkbookPort } from "../../src/xlsx/xlsxPort";

const info = (headers: string[]) => ({ name: "T", sheet: "S", headers, headerAddress: "A1", rowCount: 1 });

describe("customers table", () => {
  it("is recognised by customer and detail columns without invoices", () => {
    expect(isCustomersTable(info(["Customer", "Email", "Contact", "Language", "Credit Limit"]))).toBe(true);
    expect(isCustomersTable(info(["Customer ID", "E-mail"]))).toBe(true);
    expect(isCustomersTable(info(["Invoice", "Customer", "Email", "Amount", "Due Date"]))).toBe(false);
    expect(isCustomersTable(info(["Customer", "Region"]))).toBe(false);
  });

  it("fills in what the invoice rows leave empty, by id or by name, and never overrides them", () => {
    const table: TableData = {
      ...info(["Customer ID", "Customer", "Email", "Contact", "Language", "Credit Limit"]),
      rows: [
        ["C-1", "Acme Corp.", "ap@acme.example", "Ann", "FR", 5000],
        ["C-2", "Beta", "ar@beta.example", "Bob", "en", "1,250.50"],
      ],
      firstDataRow: 2,
      firstColumn: 1,
      date1904: false,
    };
    const directory = customerDirectory(table);
    const base = { invoice: "1", dueDate: 0, amountMinor: 100, openMinor: 100, source: { sheet: "S" }, row: 2 };
    const records: InvoiceRecord[] = [
      { ...base, customer: "ACME Corporation" },
      { ...base, customer: "C-2", email: "own@beta.example" },
      { ...base, customer: "Gamma" },
    ];
    const [acme, beta, gamma] = joinCustomers(records, directory);
    expect(acme).toMatchObject({ email: "ap@acme.example", contact: "Ann", language: "fr", creditLimitMinor: 500_000 });
    expect(beta).toMatchObject({ email: "own@beta.example", contact: "Bob", language: "en", creditLimitMinor: 125_050 });
    expect(gamma.email).toBeUndefined();
  });

  it("is joined by the pipeline when the workbook has one", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Ledger").addTable({
      name: "Invoices",
      ref: "A1",
      columns: ["Invoice", "Customer", "Due Date", "Amount"].map((name) => ({ name })),
      rows: [["I-1", "Acme", new Date(Date.UTC(2026, 0, 31)), 10]],
    });
    workbook.addWorksheet("People").addTable({
      name: "Customers",
      ref: "A1",
      columns: ["Customer", "Email"].map((name) => ({ name })),
      rows: [["Acme", "ap@acme.example"]],
    });
    const port = new XlsxWorkbookPort(workbook);
    const read = jest.spyOn(port, "readTable");
    const result = await refreshAging(port, { asOf: dayFromIso("2026-03-31")! });
    expect(result.source.table).toBe("Invoices");
    expect(read.mock.calls.map(([t]) => t.name)).toEqual(["Invoices", "Customers"]);
  });
});

describe("customers on hold", () => {
  it("finds the On hold column by its header in English, French, German or Spanish", () => {
    for (const header of ["On hold", "Hold", "Credit hold", "onHold", "Bloqué", "Gesperrt", "Mahnsperre", "Bloqueado"]) expect([header, holdColumn(["Customer", "Email", header])]).toEqual([header, 2]);
    expect(holdColumn(["Customer", "Email", "Household"])).toBe(-1);
    // A customer list with nothing but the hold column is still a customers table.
    expect(isCustomersTable(info(["Customer", "Credit hold"]))).toBe(true);
  });

  it("holds on yes, true, 1, x or a note, and not on blank, no, false or 0", () => {
    expect(["x", "Yes", "TRUE", "1", "oui", "Hold until June"].map(holdOf)).toEqual(["x", "Yes", "TRUE", "1", "oui", "Hold until June"]);
    expect([true, 1].map(holdOf)).toEqual(["TRUE", "1"]);
    expect(["", " ", "No", "false", "0", "nein", null, false, 0].map(holdOf)).toEqual(Array(9).fill(undefined));
  });

  it("marks the held customers' invoices, by id or by name, and no others", () => {
    const table: TableData = {
      ...info(["Customer ID", "Customer", "Email", "On hold"]),
      rows: [
        ["C-1", "Acme Corp.", "ap@acme.example", "yes"],
        ["C-2", "Beta", "ar@beta.example", "no"],
      ],
      firstDataRow: 2,
      firstColumn: 1,
      date1904: false,
    };
    const base = { invoice: "1", dueDate: 0, amountMinor: 100, openMinor: 100, source: { sheet: "S" }, row: 2 };
    const joined = joinCustomers([{ ...base, customer: "ACME Corporation" }, { ...base, customer: "C-2" }, { ...base, customer: "C-1" }], customerDirectory(table));
    expect(joined.map((r) => r.customerOnHold)).toEqual(["yes", undefined, "yes"]);
    expect("customerOnHold" in joined[1]).toBe(false);
    expect(customersOnHold(joined)).toEqual(new Map([["ACME Corporation", "yes"], ["C-1", "yes"]]));
  });
});
