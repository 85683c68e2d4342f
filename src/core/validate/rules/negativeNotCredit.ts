import { isCreditType } from "../../parse/balance";
import { distinctValues } from "../../parse/distinct";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "negative-not-credit";

export const negativeNotCredit = defineRule({
  id: ID,
  title: "Negative amounts are marked as credit notes",
  checkColumns(table, context) {
    if (context.mapping.type === undefined) return [];
    const amount = table.money.amount.values;
    const types = distinctValues(table.text.type);
    const credit = types.values.map(isCreditType);
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      if (!(amount[k] < 0) || credit[types.codes[k]]) continue;
      const type = types.values[types.codes[k]];
      issues.push(issueIn(context, table, k, "amount", "warning", ID, `A negative amount on a row whose type is "${type || "empty"}", not a credit note.`, 'Mark the row as a credit note in the type column (e.g. "Credit note"), or correct the sign.'));
    }
    return issues;
  },
});
