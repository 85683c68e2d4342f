import { isoFromDay } from "../../parse/dates";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "invoice-after-as-of";

export const invoiceAfterAsOf = defineRule({
  id: ID,
  title: "Invoices dated after the as-of date are left out of the aging",
  checkColumns(table, context) {
    const issued = table.dates.invoiceDate.values;
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      if (!(issued[k] > context.asOf)) continue;
      issues.push(issueIn(context, table, k, "invoiceDate", "info", ID, `Invoice dated ${isoFromDay(issued[k])}, after the as-of date ${isoFromDay(context.asOf)}: not in this aging.`, "Nothing to do if the as-of date is right; otherwise pick a later as-of date."));
    }
    return issues;
  },
});
