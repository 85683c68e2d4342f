import { defineRule } from "../defineRule";
import { invoiceNumberGroups } from "../invoiceNumbers";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "duplicate-invoice";

export const duplicateInvoice = defineRule({
  id: ID,
  title: "Each invoice number appears once",
  checkColumns(table, context) {
    const numbers = table.text.invoice;
    const first = invoiceNumberGroups(numbers).sameNumber;
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      const seen = first[k];
      if (seen < 0 || seen === k) continue;
      const number = numbers[k];
      issues.push(
        issueIn(context, table, k, "invoice", "error", ID, `Invoice ${number} is already on row ${table.row[seen]}; counting it twice would double its amount.`, `Remove the duplicate row, or correct the invoice number if these are different invoices.`),
      );
    }
    return issues;
  },
});
