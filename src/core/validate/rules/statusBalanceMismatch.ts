import { openBalanceOf, statusMeaning } from "../../parse/balance";
import { issueAt } from "../issue";
import type { Rule } from "../types";

export const statusBalanceMismatch: Rule = {
  id: "status-balance-mismatch",
  title: "The status agrees with the balance",
  check(rows, context) {
    if (context.mapping.status === undefined) return [];
    const balanceKnown = context.mapping.openBalance !== undefined || context.mapping.paidAmount !== undefined;
    if (!balanceKnown) return [];
    return rows.flatMap((row) => {
      const meaning = statusMeaning(row.text.status);
      const open = openBalanceOf(row);
      if (meaning === null || open === null) return [];
      if (meaning === "paid" && open > 0) {
        return [issueAt(context, row, "status", "warning", this.id, `Status says "${row.text.status}" but a balance is still open.`, "Update the status, or the balance if the invoice was paid.")];
      }
      if (meaning === "open" && open === 0) {
        return [issueAt(context, row, "status", "warning", this.id, `Status says "${row.text.status}" but nothing is left to pay.`, "Update the status to paid, or correct the balance.")];
      }
      return [];
    });
  },
};
