import { detectColumns, missingFields, normaliseHeader, REQUIRED_FIELDS } from "../../../src/core/columns/detectColumns";

describe("normaliseHeader", () => {
  it.each([
    ["invoiceNumber", "invoice number"],
    ["dueDate", "due date"],
    ["openBalance", "open balance"],
    ["InvoiceID", "invoice id"],
    ["Invoice Date", "invoice date"],
    ["Café Crème", "cafe creme"],
    ["Échéance", "echeance"],
    ["  Invoice_No. ", "invoice no"],
    ["Invoice #", "invoice #"],
    ["Amount (USD)", "amount usd"],
    ["Due-Date", "due date"],
    ["Balance\u00a0Due", "balance due"],
    ["", ""],
  ])("%j → %j", (header, normalised) => {
    expect(normaliseHeader(header)).toBe(normalised);
  });
});

describe("detectColumns", () => {
  it("maps a plain header row", () => {
    expect(detectColumns(["Invoice #", "Customer", "Amount", "Due Date"])).toEqual({
      invoice: 0,
      customer: 1,
      amount: 2,
      dueDate: 3,
    });
  });

  it("maps camelCase headers, open balance included", () => {
    expect(detectColumns(["invoiceNumber", "customerName", "dueDate", "amount", "openBalance"])).toEqual({
      invoice: 0,
      customer: 1,
      dueDate: 2,
      amount: 3,
      openBalance: 4,
    });
  });

  it("picks the invoice columns out of extra ones", () => {
    const headers = ["Region", "Inv No.", "Client Name", "Invoice Date", "Terms", "Due On", "Invoice Total", "Balance Due", "Currency", "Notes"];
    expect(detectColumns(headers)).toEqual({
      invoice: 1,
      customer: 2,
      invoiceDate: 3,
      dueDate: 5,
      amount: 6,
      openBalance: 7,
      currency: 8,
    });
  });

  it("reads headers with accents", () => {
    expect(detectColumns(["Númber", "Cliènt", "Amóunt", "Dué Date"])).toEqual({
      invoice: 0,
      customer: 1,
      amount: 2,
      dueDate: 3,
    });
  });

  it("falls back to headers that start with a synonym", () => {
    expect(detectColumns(["Invoice Number (ERP)", "Customer", "Amount USD", "Due Date"])).toEqual({
      invoice: 0,
      customer: 1,
      amount: 2,
      dueDate: 3,
    });
  });

  it("prefers an exact synonym to a header that merely starts with one", () => {
    expect(detectColumns(["Due Date Original", "Due Date"]).dueDate).toBe(1);
    expect(detectColumns(["Amount Paid", "Amount"]).amount).toBe(1);
  });

  it("gives each column to one field at most", () => {
    // "Invoice Date" is the invoice date, so it cannot also be taken as the invoice number.
    const mapping = detectColumns(["Invoice Date", "Customer", "Due", "Total", "Balance"]);
    expect(mapping).toEqual({ invoiceDate: 0, customer: 1, dueDate: 2, amount: 3, openBalance: 4 });
    const columns = Object.values(mapping);
    expect(new Set(columns).size).toBe(columns.length);
  });

  it("finds nothing in unrelated headers", () => {
    expect(detectColumns(["Code", "Label", "Colour"])).toEqual({});
    expect(detectColumns([])).toEqual({});
  });
});

describe("missingFields", () => {
  it("lists nothing when every required field is there", () => {
    expect(missingFields({ invoice: 0, customer: 1, amount: 2, dueDate: 3 })).toEqual([]);
  });

  it("lets an open balance stand in for the amount", () => {
    expect(missingFields({ invoice: 0, customer: 1, openBalance: 2, dueDate: 3 })).toEqual([]);
  });

  it("lists what is missing, in the order of REQUIRED_FIELDS", () => {
    expect(missingFields(detectColumns(["Customer", "Balance", "Due Date"]))).toEqual(["invoice"]);
    expect(missingFields(detectColumns(["Invoice", "Customer"]))).toEqual(["amount", "dueDate"]);
    expect(missingFields({})).toEqual(["invoice", "customer", "amount", "dueDate"]);
    expect(REQUIRED_FIELDS).toEqual(["invoice", "customer", "amount", "dueDate"]);
  });

  it("does not count the invoice date as a due date", () => {
    expect(missingFields(detectColumns(["Invoice", "Customer", "Amount", "Invoice Date"]))).toEqual(["dueDate"]);
  });
});
