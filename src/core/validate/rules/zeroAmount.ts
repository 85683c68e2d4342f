import { issueAt } from "../issue";
import type { Rule } from "../types";

export const zeroAmount: Rule = {
  id: "zero-amount",
  title: "Invoices are not for zero",
  check(rows, context) {
    if (context.mapping.amount === undefined) return [];
    return rows
      .filter((r) => r.money.amount.value === 0)
      .map((row) => issueAt(context, row, "amount", "warning", this.id, "The invoice amount is zero.", "Enter the amount, or delete the row if the invoice was cancelled."));
  },
};
