import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "paid-exceeds-amount";

export const paidExceedsAmount = defineRule({
  id: ID,
  title: "Paid amounts are not more than the invoice",
  checkColumns(table, context) {
    if (context.mapping.paidAmount === undefined || context.mapping.amount === undefined) return [];
    const amount = table.money.amount.values;
    const paid = table.money.paidAmount.values;
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      if (!(amount[k] >= 0 && paid[k] > amount[k])) continue;
      issues.push(issueIn(context, table, k, "paidAmount", "warning", ID, "More was paid than the invoice amount: the excess is an unapplied credit, not a negative balance on this invoice.", "Check the payment; record any overpayment as a credit on the customer's account."));
    }
    return issues;
  },
});
