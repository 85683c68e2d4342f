import { missingInvoiceDate } from "../../../../src/core/validate/rules/missingInvoiceDate";
import { BASIC, clean, run, serial, where } from "../../../support/validationFixture";

describe("missingInvoiceDate", () => {
  it("warns at the blank invoice date cell", () => {
    const issues = run(missingInvoiceDate, BASIC, [clean("I1"), ["I2", "Acme", "   ", serial("2026-03-31"), 100], ["I3", "Acme", null, serial("2026-03-31"), 100]]);
    expect(where(issues)).toEqual([
      { rule: "missing-invoice-date", severity: "warning", cell: "C3", row: 3, column: "Invoice Date", value: "   " },
      { rule: "missing-invoice-date", severity: "warning", cell: "C4", row: 4, column: "Invoice Date", value: "" },
    ]);
  });

  it("leaves unreadable dates to their own rule", () => {
    expect(run(missingInvoiceDate, BASIC, [["I1", "Acme", "garbage", serial("2026-03-31"), 100]])).toEqual([]);
  });

  it("is silent without an invoice date column, and on clean rows", () => {
    expect(run(missingInvoiceDate, ["Invoice", "Customer", "Due Date", "Amount"], [["I1", "Acme", serial("2026-03-31"), 1]])).toEqual([]);
    expect(run(missingInvoiceDate, BASIC, [clean("I1"), clean("I2")])).toEqual([]);
  });
});
