import fc from "fast-check";
import { parseColumns } from "../../../src/core/parse/parseColumns";
import { parseRows, type RawCell } from "../../../src/core/parse/parseRows";
import { validateColumns, validateInvoices } from "../../../src/core/validate/validateInvoices";
import type { ValidationContext } from "../../../src/core/validate/types";
import { day, serial } from "../../support/validationFixture";

const headers = ["Invoice", "Customer", "Customer ID", "Invoice Date", "Due Date", "Amount", "Paid", "Balance", "Currency", "Email", "Terms", "Status", "Type", "Disputed"];
const mapping = { invoice: 0, customer: 1, customerId: 2, invoiceDate: 3, dueDate: 4, amount: 5, paidAmount: 6, openBalance: 7, currency: 8, email: 9, terms: 10, status: 11, type: 12, disputed: 13 };

// Messy but plausible cells per column, so that every rule finds something now and then.
const column = [
  fc.constantFrom<RawCell>("INV-0042", "inv 42", "INV42", "INV-7", "INV-7", "", null, "=cmd", "#N/A", " INV-9"),
  fc.constantFrom<RawCell>("Acme Ltd", "ACME Ltd.", "Acme", "Beta", "", "Beta GmbH", "@Beta", " Coho "),
  fc.constantFrom<RawCell>(null, "C-1", "C-2", ""),
  fc.constantFrom<RawCell>(serial("2026-03-01"), serial("2026-04-10"), "31/03/2026", "03/04/2026", "someday", null, "#REF!", "46082"),
  fc.constantFrom<RawCell>(serial("2026-03-31"), serial("2026-02-01"), "04/13/2026", null, "soon", 46112),
  fc.constantFrom<RawCell>(100, 0, -50, 10_000, "1.234,50", "12,50", "abc", null, 100, 100, 100, 100),
  fc.constantFrom<RawCell>(null, 50, 200, "x"),
  fc.constantFrom<RawCell>(null, 0, 100, 25),
  fc.constantFrom<RawCell>("EUR", "usd", "", "EURO", "JPY"),
  fc.constantFrom<RawCell>("ap@acme.example", "not an email", "", "a@b.example; c@d.example"),
  fc.constantFrom<RawCell>("Net 30", "30 days", "EOM", "", "Net 10"),
  fc.constantFrom<RawCell>("Paid", "Open", "", "weird"),
  fc.constantFrom<RawCell>("", "Credit note", "Invoice"),
  fc.constantFrom<RawCell>(null, "yes", "no", "maybe", true),
];

describe("validateColumns", () => {
  it("finds the same, in the same order, whether the table was read by columns or row by row", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(...column), { maxLength: 25 }), fc.boolean(), (rows, typedCells) => {
        const cells = rows.map((r) => [...r]);
        const options = { mapping, firstDataRow: 2 };
        const byColumns = parseColumns(cells, options);
        const byRows = parseRows(cells, options);
        const context: ValidationContext = { sheet: "Invoices", headers, mapping, firstColumn: 1, headerRow: 1, asOf: day("2026-03-31"), reading: byColumns.reading, typedCells };
        expect(validateColumns(byColumns, context)).toEqual(validateInvoices(byRows.rows, context));
      }),
      { numRuns: 300 },
    );
  });
});
