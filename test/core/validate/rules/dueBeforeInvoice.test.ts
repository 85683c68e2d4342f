import { dueBeforeInvoice } from "../../../../src/core/validate/rules/dueBeforeInvoice";
import { BASIC, clean, run, serial, where } from "../../../support/validationFixture";

describe("dueBeforeInvoice", () => {
  it("warns at the due date cell when it is before the invoice date", () => {
    const issues = run(dueBeforeInvoice, BASIC, [clean("I1"), ["I2", "Acme", serial("2026-03-10"), "2026-03-09", 100]]);
    expect(where(issues)).toEqual([{ rule: "due-before-invoice", severity: "warning", cell: "D3", row: 3, column: "Due Date", value: "2026-03-09" }]);
    expect(issues[0].message).toBe("Due 2026-03-09 is before the invoice date 2026-03-10.");
  });

  it("is silent when due on the invoice date or later, or when a date is missing", () => {
    const rows = [clean("I1"), ["I2", "Acme", serial("2026-03-10"), serial("2026-03-10"), 1], ["I3", "Acme", null, serial("2026-01-01"), 1]];
    expect(run(dueBeforeInvoice, BASIC, rows)).toEqual([]);
  });
});
