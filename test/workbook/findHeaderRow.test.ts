import { findHeaderRow, HEADER_SEARCH_ROWS } from "../../src/workbook/findHeaderRow";

describe("findHeaderRow", () => {
  it("passes over title rows, blank rows and notes", () => {
    const rows = [["Receivables export"], ["Run 2026-03-31 by SAP", null, null], [], ["Invoice", "Customer", "Amount", "Due"], ["INV-1", "Acme", 100, 46112]];
    expect(findHeaderRow(rows)).toBe(3);
  });

  it("finds camelCase and foreign headers", () => {
    expect(findHeaderRow([["invoiceNumber", "customerName", "invoiceAmount", "dueDate"]])).toBe(0);
    expect(findHeaderRow([["Liste des factures"], ["N° facture", "Client", "Montant", "Échéance"]])).toBe(1);
  });

  it("picks the row that names the most fields", () => {
    const rows = [["Invoice", "Customer", "Amount", null], ["Invoice", "Customer", "Amount", "Due Date"]];
    expect(findHeaderRow(rows)).toBe(1);
  });

  it("needs at least three aging fields", () => {
    expect(findHeaderRow([["Invoice", "Customer", "Colour", "Size"]])).toBe(-1);
    expect(findHeaderRow([["Invoice", "Customer", "Amount", "Colour"]])).toBe(0);
    expect(findHeaderRow([])).toBe(-1);
  });

  it("looks only at the first rows", () => {
    const rows: (string | null)[][] = Array.from({ length: HEADER_SEARCH_ROWS }, () => ["note"]);
    rows.push(["Invoice", "Customer", "Amount", "Due Date"]);
    expect(findHeaderRow(rows)).toBe(-1);
  });
});
