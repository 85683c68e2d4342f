import { emptyTest } from "../columns";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "missing-invoice-date";

export const missingInvoiceDate = defineRule({
  id: ID,
  title: "Invoice dates are filled in",
  checkColumns(table, context) {
    if (context.mapping.invoiceDate === undefined) return [];
    const empty = emptyTest(table, "invoiceDate");
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      if (!empty(k)) continue;
      issues.push(issueIn(context, table, k, "invoiceDate", "warning", ID, "The invoice date is missing: the row is aged by its due date, but cannot be checked against the as-of date or its terms.", "Fill in the invoice date."));
    }
    return issues;
  },
});
