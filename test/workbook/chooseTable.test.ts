import { ArDeskError } from "../../src/core/errors";
import { chooseInvoiceTable, invoiceTables, isInvoiceTable } from "../../src/workbook/chooseTable";
import type { TableInfo } from "../../src/workbook/port";

const info = (name: string, headers: string[], kind: TableInfo["kind"] = "table", sheet = "Sheet1"): TableInfo => ({ name, sheet, headers, headerAddress: "A1", rowCount: 3, kind });
const INVOICE = ["Invoice", "Customer", "Amount", "Due Date"];

function thrown(f: () => unknown): ArDeskError {
  try {
    f();
  } catch (e) {
    if (e instanceof ArDeskError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

describe("chooseInvoiceTable", () => {
  it("picks the only invoice table", () => {
    const tables = [info("Rates", ["Currency", "Rate"]), info("Inv", INVOICE)];
    expect(chooseInvoiceTable(tables).name).toBe("Inv");
    expect(isInvoiceTable(tables[0])).toBe(false);
  });

  it("prefers Excel tables over header rows found in plain ranges", () => {
    const tables = [info("Raw!A3", INVOICE, "range", "Raw"), info("Invoices", INVOICE, "table")];
    expect(invoiceTables(tables).map((t) => t.name)).toEqual(["Invoices"]);
    expect(chooseInvoiceTable(tables).name).toBe("Invoices");
    expect(chooseInvoiceTable([info("Raw!A3", INVOICE, "range", "Raw")]).name).toBe("Raw!A3");
  });

  it("asks the user to pick when several tables qualify, naming them", () => {
    const error = thrown(() => chooseInvoiceTable([info("EU", INVOICE, "table", "Europe"), info("US", ["Inv No", "Client", "Total", "Due"], "table", "America")]));
    expect(error.code).toBe("SEVERAL_INVOICE_TABLES");
    expect(error.message).toContain('"EU" on sheet "Europe"');
    expect(error.message).toContain('"US" on sheet "America"');
    expect(error.hint).toContain("--table");
  });

  it("finds a named table case-insensitively, and checks it", () => {
    const tables = [info("EU", INVOICE), info("US", INVOICE), info("Notes", ["Note", "Text"])];
    expect(chooseInvoiceTable(tables, "us").name).toBe("US");
    const missing = thrown(() => chooseInvoiceTable(tables, "Notes"));
    expect(missing.code).toBe("NO_INVOICE_TABLE");
    expect(missing.message).toContain("no invoice number, customer, amount, due date column");
    const notFound = thrown(() => chooseInvoiceTable(tables, "Asia"));
    expect(notFound.code).toBe("TABLE_NOT_FOUND");
    expect(notFound.hint).toContain('"EU" on sheet "Sheet1"');
  });

  it("says what it saw when no table qualifies", () => {
    const error = thrown(() => chooseInvoiceTable([info("Rates", ["Currency", "Rate"])]));
    expect(error.code).toBe("NO_INVOICE_TABLE");
    expect(error.hint).toContain('"Rates" on sheet "Sheet1" (Currency, Rate)');
    expect(thrown(() => chooseInvoiceTable([])).hint).toContain("no tables");
  });
});
