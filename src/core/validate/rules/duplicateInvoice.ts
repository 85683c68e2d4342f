import { issueAt } from "../issue";
import type { Rule } from "../types";

export const duplicateInvoice: Rule = {
  id: "duplicate-invoice",
  title: "Each invoice number appears once",
  check(rows, context) {
    const first = new Map<string, number>();
    const issues = [];
    for (const row of rows) {
      const number = row.text.invoice;
      if (!number) continue;
      const seen = first.get(number);
      if (seen === undefined) first.set(number, row.row);
      else {
        issues.push(
          issueAt(context, row, "invoice", "error", this.id, `Invoice ${number} is already on row ${seen}; counting it twice would double its amount.`, `Remove the duplicate row, or correct the invoice number if these are different invoices.`),
        );
      }
    }
    return issues;
  },
};
