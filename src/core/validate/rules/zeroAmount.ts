import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "zero-amount";

export const zeroAmount = defineRule({
  id: ID,
  title: "Invoices are not for zero",
  checkColumns(table, context) {
    if (context.mapping.amount === undefined) return [];
    const amount = table.money.amount.values;
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      if (amount[k] === 0) issues.push(issueIn(context, table, k, "amount", "warning", ID, "The invoice amount is zero.", "Enter the amount, or delete the row if the invoice was cancelled."));
    }
    return issues;
  },
});
