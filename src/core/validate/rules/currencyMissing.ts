import { distinctValues } from "../../parse/distinct";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "currency-missing";

export const currencyMissing = defineRule({
  id: ID,
  title: "Every row has a currency when the table has several",
  checkColumns(table, context) {
    if (context.mapping.currency === undefined) return [];
    const { codes, values } = distinctValues(table.text.currency);
    const currencies = new Set(values.map((v) => v.toUpperCase()).filter(Boolean));
    if (currencies.size < 2) return [];
    const blank = values.indexOf("");
    if (blank < 0) return [];
    const list = [...currencies].sort().join(", ");
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      if (codes[k] !== blank) continue;
      issues.push(issueIn(context, table, k, "currency", "error", ID, `No currency, in a table with several (${list}): the amount cannot be put in the right aging.`, "Fill in the currency code, e.g. EUR."));
    }
    return issues;
  },
});
