import { invoiceKey, nearDuplicateInvoice } from "../../../../src/core/validate/rules/nearDuplicateInvoice";
import { BASIC, clean, run, where } from "../../../support/validationFixture";

describe("invoiceKey", () => {
  it.each([
    [" INV-0042 ", "inv42"],
    ["inv 42", "inv42"],
    ["INV42", "inv42"],
    ["0042", "42"],
    ["A/B.1_0", "ab10"],
    ["100", "100"],
  ])("%j → %j", (input, key) => expect(invoiceKey(input)).toBe(key));
});

describe("nearDuplicateInvoice", () => {
  it("warns on numbers that differ only by case, spaces, dashes or leading zeros, at the later cell", () => {
    const issues = run(nearDuplicateInvoice, BASIC, [clean("INV-0042"), clean("INV-7"), clean("inv 42"), clean("INV42")]);
    expect(where(issues)).toEqual([
      { rule: "near-duplicate-invoice", severity: "warning", cell: "A4", row: 4, column: "Invoice Number", value: "inv 42" },
      { rule: "near-duplicate-invoice", severity: "warning", cell: "A5", row: 5, column: "Invoice Number", value: "INV42" },
    ]);
    expect(issues[0].message).toContain('"INV-0042" on row 2');
  });

  it("leaves exact duplicates to the duplicate rule", () => {
    expect(run(nearDuplicateInvoice, BASIC, [clean("INV-1"), clean("INV-1")])).toEqual([]);
  });

  it("is silent on distinct numbers", () => {
    expect(run(nearDuplicateInvoice, BASIC, [clean("INV-100"), clean("INV-10"), clean("INV-1000"), clean("")])).toEqual([]);
  });
});
