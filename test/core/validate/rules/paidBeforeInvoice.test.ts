import { paidBeforeInvoice } from "../../../../src/core/validate/rules/paidBeforeInvoice";
import { BASIC, clean, run, serial, where } from "../../../support/validationFixture";

const headers = [...BASIC, "Paid Date"];

describe("paidBeforeInvoice", () => {
  it("warns at the paid date when it is before the invoice date", () => {
    const issues = run(paidBeforeInvoice, headers, [[...clean("I1"), serial("2026-03-15")], [...clean("I2"), "2026-02-28"]]);
    expect(where(issues)).toEqual([{ rule: "paid-before-invoice", severity: "warning", cell: "F3", row: 3, column: "Paid Date", value: "2026-02-28" }]);
    expect(issues[0].message).toBe("Paid 2026-02-28, before the invoice date 2026-03-01.");
  });

  it("is silent when paid on or after the invoice date, or when either date is missing", () => {
    const rows = [[...clean("I1"), serial("2026-03-01")], [...clean("I2"), null], ["I3", "Acme", null, serial("2026-03-31"), 1, serial("2020-01-01")]];
    expect(run(paidBeforeInvoice, headers, rows)).toEqual([]);
  });
});
