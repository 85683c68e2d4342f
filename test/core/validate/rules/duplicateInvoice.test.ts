import { duplicateInvoice } from "../../../../src/core/validate/rules/duplicateInvoice";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

describe("duplicateInvoice", () => {
  it("flags the second and later rows of an invoice number as errors, naming the first row", () => {
    const issues = run(duplicateInvoice, BASIC, [clean("INV-1"), clean("INV-2"), clean("INV-1"), clean("INV-1")]);
    expect(where(issues)).toEqual([
      { rule: "duplicate-invoice", severity: "error", cell: "A4", row: 4, column: "Invoice Number", value: "INV-1" },
      { rule: "duplicate-invoice", severity: "error", cell: "A5", row: 5, column: "Invoice Number", value: "INV-1" },
    ]);
    expect(issues[0].message).toContain("row 2");
  });

  it("compares numbers after trimming, and a number cell with its text", () => {
    const issues = run(duplicateInvoice, BASIC, [clean("1001" as string), [1001, "Acme", 46082, 46112, 5], [" 1001 ", "Acme", 46082, 46112, 5]]);
    expect(issues.map((i) => i.cell)).toEqual(["A3", "A4"]);
  });

  it("leaves near duplicates (case, dashes, zeros) to their own rule", () => {
    expect(run(duplicateInvoice, BASIC, [clean("INV-0042"), clean("inv 42"), clean("INV42")])).toEqual([]);
  });

  it("is silent on clean rows and ignores blank numbers", () => {
    expect(run(duplicateInvoice, BASIC, [clean("INV-1"), clean("INV-2"), clean(""), clean("")])).toEqual([]);
  });
});
