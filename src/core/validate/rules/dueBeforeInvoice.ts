import { isoFromDay } from "../../parse/dates";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "due-before-invoice";

export const dueBeforeInvoice = defineRule({
  id: ID,
  title: "Due dates are not before invoice dates",
  checkColumns(table, context) {
    const due = table.dates.dueDate.values;
    const issued = table.dates.invoiceDate.values;
    const issues: Issue[] = [];
    // Comparisons with NaN (no date) are false: rows missing either date are not checked.
    for (let k = 0; k < table.length; k++) {
      if (!(due[k] < issued[k])) continue;
      issues.push(issueIn(context, table, k, "dueDate", "warning", ID, `Due ${isoFromDay(due[k])} is before the invoice date ${isoFromDay(issued[k])}.`, "Check both dates; day and month may be swapped."));
    }
    return issues;
  },
});
