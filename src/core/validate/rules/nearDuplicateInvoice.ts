import { defineRule } from "../defineRule";
import { invoiceNumberGroups } from "../invoiceNumbers";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "near-duplicate-invoice";

export const nearDuplicateInvoice = defineRule({
  id: ID,
  title: "No two invoice numbers differ only by case, spaces or leading zeros",
  checkColumns(table, context) {
    const numbers = table.text.invoice;
    const first = invoiceNumberGroups(numbers).sameKey;
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      const seen = first[k];
      if (seen < 0 || seen === k || numbers[seen] === numbers[k]) continue;
      const number = numbers[k];
      issues.push(
        issueIn(context, table, k, "invoice", "warning", ID, `Invoice "${number}" looks like "${numbers[seen]}" on row ${table.row[seen]} (only case, spaces or leading zeros differ).`, `Check whether both rows are the same invoice; if so, remove one.`),
      );
    }
    return issues;
  },
});
