import { issueAt } from "../issue";
import type { Rule } from "../types";

export const missingInvoiceDate: Rule = {
  id: "missing-invoice-date",
  title: "Invoice dates are filled in",
  check(rows, context) {
    if (context.mapping.invoiceDate === undefined) return [];
    return rows
      .filter((r) => r.dates.invoiceDate.raw === null || r.dates.invoiceDate.raw === undefined || String(r.dates.invoiceDate.raw).trim() === "")
      .map((row) =>
        issueAt(context, row, "invoiceDate", "warning", this.id, "The invoice date is missing: the row is aged by its due date, but cannot be checked against the as-of date or its terms.", "Fill in the invoice date."),
      );
  },
};
