import { invoiceAfterAsOf } from "../../../../src/core/validate/rules/invoiceAfterAsOf";
import { BASIC, clean, run, serial, where } from "../../../support/validationFixture";

describe("invoiceAfterAsOf", () => {
  it("notes an invoice dated after the as-of date, at its invoice date cell", () => {
    const issues = run(invoiceAfterAsOf, BASIC, [clean("I1"), ["I2", "Acme", serial("2026-04-01"), serial("2026-05-01"), 100]], { asOf: "2026-03-31" });
    expect(where(issues)).toEqual([{ rule: "invoice-after-as-of", severity: "info", cell: "C3", row: 3, column: "Invoice Date", value: String(serial("2026-04-01")) }]);
    expect(issues[0].message).toContain("2026-04-01");
    expect(issues[0].message).toContain("2026-03-31");
  });

  it("is silent for invoices dated on or before the as-of date", () => {
    expect(run(invoiceAfterAsOf, BASIC, [clean("I1"), ["I2", "Acme", serial("2026-03-31"), serial("2026-04-30"), 1]], { asOf: "2026-03-31" })).toEqual([]);
  });
});
