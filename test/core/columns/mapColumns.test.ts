import { headerRowScore, mapColumns, missingAgingFields, normaliseHeader, toMapping } from "../../../src/core/columns/mapColumns";

const fields = (headers: string[]) => Object.fromEntries(mapColumns(headers).map((m) => [m.header, m.field]));

describe("normaliseHeader", () => {
  it.each([
    ["Doc. Date", "document date"],
    ["invoiceNo", "invoice number"],
    ["invoiceNumber", "invoice number"],
    ["InvoiceDate", "invoice date"],
    ["CUSTOMER_NAME", "customer name"],
    ["Curr.", "currency"],
    ["N° facture", "number facture"],
    ["Numéro de facture", "number facture"],
    ["Fecha de Vencimiento", "fecha vencimiento"],
    ["Fälligkeit", "falligkeit"],
    ["E-Mail", "email"],
    ["Invoice #", "invoice number"],
    ["  Amount   Due ", "amount due"],
    ["Straße", "strasse"],
    ["", ""],
  ])("%j → %j", (header, normalised) => expect(normaliseHeader(header)).toBe(normalised));
});

describe("mapColumns", () => {
  it("maps English ERP headers exactly, with confidence 1", () => {
    const matches = mapColumns(["Invoice Number", "Customer Name", "Invoice Date", "Due Date", "Amount", "Balance Due", "Currency"]);
    expect(matches.map((m) => [m.field, m.column, m.confidence])).toEqual([
      ["invoice", 0, 1],
      ["customer", 1, 1],
      ["invoiceDate", 2, 1],
      ["dueDate", 3, 1],
      ["amount", 4, 1],
      ["openBalance", 5, 1],
      ["currency", 6, 1],
    ]);
  });

  it("maps camelCase and abbreviated headers", () => {
    expect(fields(["invoiceNumber", "customerName", "docDate", "dueDate", "invoiceAmt", "Curr.", "openBal"])).toEqual({
      invoiceNumber: "invoice",
      customerName: "customer",
      docDate: "invoiceDate",
      dueDate: "dueDate",
      invoiceAmt: "amount",
      "Curr.": "currency",
      openBal: "openBalance",
    });
  });

  it("maps French, German and Spanish headers", () => {
    expect(fields(["N° facture", "Client", "Date facture", "Échéance", "Montant TTC", "Devise"])).toEqual({
      "N° facture": "invoice", Client: "customer", "Date facture": "invoiceDate", Échéance: "dueDate", "Montant TTC": "amount", Devise: "currency",
    });
    expect(fields(["Rechnungsnummer", "Kunde", "Rechnungsdatum", "Fälligkeitsdatum", "Betrag", "Offener Betrag", "Währung"])).toEqual({
      Rechnungsnummer: "invoice", Kunde: "customer", Rechnungsdatum: "invoiceDate", Fälligkeitsdatum: "dueDate", Betrag: "amount", "Offener Betrag": "openBalance", Währung: "currency",
    });
    expect(fields(["Número de factura", "Cliente", "Fecha de emisión", "Fecha de vencimiento", "Importe", "Saldo pendiente", "Moneda"])).toEqual({
      "Número de factura": "invoice", Cliente: "customer", "Fecha de emisión": "invoiceDate", "Fecha de vencimiento": "dueDate", Importe: "amount", "Saldo pendiente": "openBalance", Moneda: "currency",
    });
  });

  it("gives generic words like Date and Total less confidence", () => {
    const matches = mapColumns(["Invoice", "Customer", "Date", "Due Date", "Total"]);
    const byField = Object.fromEntries(matches.map((m) => [m.field, m.confidence]));
    expect(byField).toEqual({ invoice: 1, customer: 1, invoiceDate: 0.75, dueDate: 1, amount: 0.75 });
  });

  it("uses each column for one field and each field once, surest first", () => {
    const matches = mapColumns(["Invoice", "Invoice Number", "Customer", "Amount", "Amount"]);
    expect(new Set(matches.map((m) => m.column)).size).toBe(matches.length);
    expect(new Set(matches.map((m) => m.field)).size).toBe(matches.length);
    expect(matches.find((m) => m.field === "invoice")?.column).toBe(0);
    expect(matches.filter((m) => m.field === "amount").map((m) => m.column)).toEqual([3]);
  });

  it("scores headers that say more a little lower", () => {
    const [match] = mapColumns(["Invoice Number (ERP)"]);
    expect(match.field).toBe("invoice");
    expect(match.confidence).toBeLessThan(1);
    expect(match.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it("ignores blank, boolean and unknown headers", () => {
    expect(mapColumns([null, true, "", "Colour", "Weight"])).toEqual([]);
  });
});

describe("missingAgingFields", () => {
  it("lists what aging needs and the mapping lacks", () => {
    expect(missingAgingFields({})).toEqual(["invoice", "customer", "amount", "dueDate"]);
    expect(missingAgingFields(toMapping(mapColumns(["Invoice", "Customer", "Amount"])))).toEqual(["dueDate"]);
  });

  it("takes a customer id for the customer and an open balance for the amount", () => {
    expect(missingAgingFields({ invoice: 0, customerId: 1, openBalance: 2, dueDate: 3 })).toEqual([]);
  });
});

describe("headerRowScore", () => {
  it("counts the aging fields a header row names", () => {
    expect(headerRowScore(["Invoice", "Customer", "Due Date", "Amount"])).toBe(4);
    expect(headerRowScore(["Invoice", "Customer", "Due Date", "Amount", "Currency", "Email"])).toBeCloseTo(4.2);
  });

  it("is zero for title rows, data rows and rows of few texts", () => {
    expect(headerRowScore(["Receivables export", null, null])).toBe(0);
    expect(headerRowScore(["INV-1", "Acme", 46112, 100, 20, 5])).toBe(0);
    expect(headerRowScore(["Invoice", "Customer"])).toBe(0);
  });
});
