import { isoFromDay } from "../../parse/dates";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "paid-before-invoice";

export const paidBeforeInvoice = defineRule({
  id: ID,
  title: "Payments are not dated before their invoice",
  checkColumns(table, context) {
    const paid = table.dates.paidDate.values;
    const issued = table.dates.invoiceDate.values;
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      if (!(paid[k] < issued[k])) continue;
      issues.push(issueIn(context, table, k, "paidDate", "warning", ID, `Paid ${isoFromDay(paid[k])}, before the invoice date ${isoFromDay(issued[k])}.`, "Check the dates; if it was a prepayment, note it on the invoice."));
    }
    return issues;
  },
});
