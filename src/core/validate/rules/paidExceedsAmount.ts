import { issueAt } from "../issue";
import type { Rule } from "../types";

export const paidExceedsAmount: Rule = {
  id: "paid-exceeds-amount",
  title: "Paid amounts are not more than the invoice",
  check(rows, context) {
    if (context.mapping.paidAmount === undefined || context.mapping.amount === undefined) return [];
    return rows
      .filter((r) => {
        const [amount, paid] = [r.money.amount.value, r.money.paidAmount.value];
        return amount !== null && paid !== null && amount >= 0 && paid > amount;
      })
      .map((row) =>
        issueAt(context, row, "paidAmount", "warning", this.id, "More was paid than the invoice amount: the excess is an unapplied credit, not a negative balance on this invoice.", "Check the payment; record any overpayment as a credit on the customer's account."),
      );
  },
};
