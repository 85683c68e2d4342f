import { openBalanceAt, statusMeaning } from "../../parse/balance";
import { distinctValues } from "../../parse/distinct";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "status-balance-mismatch";

export const statusBalanceMismatch = defineRule({
  id: ID,
  title: "The status agrees with the balance",
  checkColumns(table, context) {
    if (context.mapping.status === undefined) return [];
    const balanceKnown = context.mapping.openBalance !== undefined || context.mapping.paidAmount !== undefined;
    if (!balanceKnown) return [];
    const statuses = distinctValues(table.text.status);
    const meanings = statuses.values.map(statusMeaning);
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      const meaning = meanings[statuses.codes[k]];
      if (meaning === null) continue;
      const open = openBalanceAt(table, k);
      if (open === null) continue;
      const status = statuses.values[statuses.codes[k]];
      if (meaning === "paid" && open > 0) {
        issues.push(issueIn(context, table, k, "status", "warning", ID, `Status says "${status}" but a balance is still open.`, "Update the status, or the balance if the invoice was paid."));
      } else if (meaning === "open" && open === 0) {
        issues.push(issueIn(context, table, k, "status", "warning", ID, `Status says "${status}" but nothing is left to pay.`, "Update the status to paid, or correct the balance."));
      }
    }
    return issues;
  },
});
