import { isoFromDay } from "../../parse/dates";
import { issueAt } from "../issue";
import type { Rule } from "../types";

export const dueBeforeInvoice: Rule = {
  id: "due-before-invoice",
  title: "Due dates are not before invoice dates",
  check(rows, context) {
    return rows
      .filter((r) => r.dates.dueDate.value !== null && r.dates.invoiceDate.value !== null && r.dates.dueDate.value < r.dates.invoiceDate.value)
      .map((row) =>
        issueAt(context, row, "dueDate", "warning", this.id, `Due ${isoFromDay(row.dates.dueDate.value!)} is before the invoice date ${isoFromDay(row.dates.invoiceDate.value!)}.`, "Check both dates; day and month may be swapped."),
      );
  },
};
